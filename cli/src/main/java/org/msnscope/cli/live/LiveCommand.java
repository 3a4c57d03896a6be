package org.msnscope.cli.live;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.ReadCommand;
import org.msnscope.cli.sink.JsonlSink;
import org.msnscope.cli.sink.OutputSink;
import org.msnscope.cli.sink.TextSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code msnscope live -i IFACE}: captures with libpcap (pcap4j) on one thread, decodes on another,
 * the two joined by a bounded queue whose overflow is counted, never silent. Events are written as
 * soon as the packet that completes them is decoded.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Capture MSN traffic on an interface and decode it as it arrives (the same decoder and output as read).",
            "By default libpcap delivers all TCP and msnscope keeps the MSN traffic: ports 1863, 1864 and 6891-6900, every",
            "switchboard, notification server, direct-connection and MSNFTP port the traffic announces (each reported on stderr),",
            "and connections that open like MSNP; a new connection's first packets are held until its port is announced."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C, --count or --duration)",
            "1:the capture ended on its own: the interface went away, or libpcap failed (what was captured is decoded and saved)",
            "2:usage error", "3:output or the --write file could not be written (disk full: the file keeps its whole blocks)",
            "4:libpcap is not installed", "5:not allowed to capture (root or CAP_NET_RAW/CAP_NET_ADMIN needed)",
            "6:no such interface", "7:the BPF filter does not compile", "70:internal error"})
public final class LiveCommand implements java.util.concurrent.Callable<Integer>, Streams.Aware {
    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE", description = "the interface to capture on (msnscope interfaces lists them)")
    String iface;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or jsonl. Default: ${DEFAULT-VALUE}")
    ReadCommand.Format format;

    @Mixin
    LiveOptions options;

    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    static long parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1_000_000_000L;
        if (t.endsWith("ms")) {
            mult = 1_000_000L;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 60_000_000_000L;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            mult = 3_600_000_000_000L;
            t = t.substring(0, t.length() - 1);
        }
        long v = Long.parseLong(t);
        if (v <= 0) {
            throw new NumberFormatException();
        }
        return v * mult;
    }

    @Override
    public Integer call() throws Exception {
        LiveCapture capture = new LiveCapture(options, iface, streams);
        Integer failed = capture.open();
        if (failed != null) {
            return failed;
        }
        OutputStream rawOut = new BufferedOutputStream(streams.out(), 1 << 16);
        Decoder[] holder = new Decoder[1];
        java.util.function.Function<OutputStream, OutputSink> sinks = os -> format == ReadCommand.Format.jsonl
                ? new JsonlSink(os) : new TextSink(os, false, () -> holder[0] == null ? 0L : holder[0].stats().firstTsNanos());
        OutputSink sink = sinks.apply(rawOut);
        Decoder decoder = new Decoder(Limits.defaults(), sink);
        holder[0] = decoder;
        var msnp = decoder.enableMsnp();
        return capture.run(decoder, msnp, new LiveCapture.Hooks() {
            @Override
            public void warmup() {
                Warmup.run(sinks);
            }

            @Override
            public void flush() throws IOException {
                sink.flush();
                rawOut.flush();
            }

            @Override
            public boolean outputFailed() {
                return streams.out().checkError();
            }
        });
    }

    /** Time from a packet's capture timestamp to the end of its decoding, in whole milliseconds (a histogram). */
    static final class Latency {
        private final long[] buckets = new long[10_001];
        private long count;
        private long max;

        void add(long nanos) {
            long ms = Math.max(0, nanos / 1_000_000L);
            max = Math.max(max, ms);
            buckets[(int) Math.min(buckets.length - 1, ms)]++;
            count++;
        }

        long count() {
            return count;
        }

        long max() {
            return max;
        }

        /** The smallest millisecond value at or below which {@code pct} percent of packets fall. */
        long percentile(int pct) {
            long want = (count * pct + 99) / 100;
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= want) {
                    return i;
                }
            }
            return max;
        }
    }
}
