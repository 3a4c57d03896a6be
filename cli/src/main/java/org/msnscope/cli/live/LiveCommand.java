package org.msnscope.cli.live;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.cli.read.ReadCommand;
import org.msnscope.cli.sink.JsonlSink;
import org.msnscope.cli.sink.OutputSink;
import org.msnscope.cli.sink.TextSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapStat;
import picocli.CommandLine.Command;
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
        exitCodeList = {"0:stopped (Ctrl-C, --count or --duration)", "2:usage error", "3:output could not be written",
            "4:libpcap is not installed", "5:not allowed to capture (root or CAP_NET_RAW/CAP_NET_ADMIN needed)",
            "6:no such interface", "7:the BPF filter does not compile", "70:internal error"})
public final class LiveCommand implements java.util.concurrent.Callable<Integer>, Streams.Aware {
    /** The kernel filter without --filter: everything TCP reaches {@link FlowSelector}, which keeps the MSN traffic. */
    static final String DEFAULT_KERNEL_FILTER = "tcp";

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE", description = "the interface to capture on (msnscope interfaces lists them)")
    String iface;

    @Option(names = "--filter", paramLabel = "BPF", description = "a BPF filter used as is: everything it passes is decoded (no port following)."
            + " Default: all TCP, of which msnscope keeps ports " + FlowSelector.WELL_KNOWN + ", the ports the traffic announces"
            + " and connections that open like MSNP")
    String filter;

    @Option(names = "--write", paramLabel = "FILE", description = "also save every captured packet to this pcapng file")
    Path write;

    @Option(names = "--rotate-size", paramLabel = "SIZE", description = "with --write: start a new file NAME-00002.pcapng... when one reaches SIZE (bytes, or with K, M, G)")
    String rotateSize;

    @Option(names = "--rotate-time", paramLabel = "TIME", description = "with --write: start a new file when one spans TIME of capture (e.g. 10m, 1h)")
    String rotateTime;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or jsonl. Default: ${DEFAULT-VALUE}")
    ReadCommand.Format format;

    @Option(names = "--count", paramLabel = "N", description = "stop after N packets of MSN traffic (all packets with --filter)")
    long count;

    @Option(names = "--duration", paramLabel = "TIME", description = "stop after this long: seconds, or with s, m or h (e.g. 90, 30s, 5m)")
    String duration;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "262144", description = "bytes kept per packet. Default: ${DEFAULT-VALUE}")
    int snaplen;

    @Option(names = "--queue", paramLabel = "PACKETS", defaultValue = "65536", description = "packets buffered between capture and decoder; beyond, packets are dropped and counted. Default: ${DEFAULT-VALUE}")
    int queueSize;

    @Option(names = "--buffer", paramLabel = "SIZE", defaultValue = "32M", description = "the kernel's capture buffer (bytes, or with K, M, G): what absorbs a burst while msnscope catches up. Default: ${DEFAULT-VALUE}")
    String buffer;

    private int bufferBytes;

    /** How long a signal waits for the decoder to finish what was captured and for the outputs to be flushed. */
    static final int SIGNAL_GRACE_SECONDS = 10;
    /** Most packets handed over by one pcap_dispatch call, so that stop and announcements are seen between blocks. */
    static final int DISPATCH_BATCH = 4096;
    /** After that, how long the rest of the queue may take to be written to --write undecoded and the run to end. */
    static final int ABANDON_SECONDS = 10;

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
        long durationNanos = 0;
        if (duration != null) {
            try {
                durationNanos = parseDuration(duration);
            } catch (NumberFormatException e) {
                streams.error("--duration: \"" + duration + "\" is not a duration (e.g. 90, 30s, 5m, 1h)");
                return ExitCodes.USAGE;
            }
        }
        long rotateBytes = 0;
        long rotateNanos = 0;
        if ((rotateSize != null || rotateTime != null) && write == null) {
            streams.error("--rotate-size and --rotate-time need --write FILE");
            return ExitCodes.USAGE;
        }
        try {
            rotateBytes = rotateSize == null ? 0 : org.msnscope.cli.extract.ExtractCommand.parseSize(rotateSize);
            rotateNanos = rotateTime == null ? 0 : parseDuration(rotateTime);
        } catch (NumberFormatException e) {
            streams.error("--rotate-size/--rotate-time: \"" + (rotateSize != null ? rotateSize : "") + " "
                    + (rotateTime != null ? rotateTime : "") + "\" is not a size or a duration");
            return ExitCodes.USAGE;
        }
        try {
            long b = org.msnscope.cli.extract.ExtractCommand.parseSize(buffer);
            if (b < 1 << 16 || b > 1L << 30) {
                throw new NumberFormatException();
            }
            bufferBytes = (int) b;
        } catch (NumberFormatException e) {
            streams.error("--buffer: \"" + buffer + "\" is not a size between 64K and 1G");
            return ExitCodes.USAGE;
        }
        if (queueSize < 16 || count < 0 || snaplen < 64) {
            streams.error("--queue must be at least 16, --count at least 0 and --snaplen at least 64");
            return ExitCodes.USAGE;
        }
        PcapHandle handle;
        try {
            handle = Pcap.open(iface, snaplen, bufferBytes);
        } catch (Pcap.Failure f) {
            streams.error(f.getMessage());
            return f.code;
        }
        try {
            Pcap.filter(handle, filter != null ? filter : DEFAULT_KERNEL_FILTER);
        } catch (Pcap.Failure f) {
            handle.close();
            streams.error(f.getMessage());
            return f.code;
        }
        int linkType = handle.getDlt().value();
        OutputStream rawOut = new BufferedOutputStream(streams.out(), 1 << 16);
        Decoder[] holder = new Decoder[1];
        java.util.function.Function<OutputStream, OutputSink> sinks = os -> format == ReadCommand.Format.jsonl
                ? new JsonlSink(os) : new TextSink(os, false, () -> holder[0] == null ? 0L : holder[0].stats().firstTsNanos());
        OutputSink sink = sinks.apply(rawOut);
        Decoder decoder = new Decoder(Limits.defaults(), sink);
        holder[0] = decoder;
        var msnp = decoder.enableMsnp();
        RotatingWriter writer = null;
        if (write != null) {
            try {
                writer = new RotatingWriter(write, rotateBytes, rotateNanos, linkType, snaplen, iface);
                writer.open();
            } catch (IOException e) {
                handle.close();
                streams.error(write + ": cannot write: " + CaptureRun.oneLine(e));
                return ExitCodes.OUTPUT_ERROR;
            }
        }

        BlockingQueue<Captured> queue = new ArrayBlockingQueue<>(queueSize);
        AtomicLong queueDrops = new AtomicLong();
        AtomicLong captured = new AtomicLong();
        AtomicLong selected = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        FlowSelector.Out enqueue = c -> {
            selected.incrementAndGet();
            if (!queue.offer(c)) {
                queueDrops.incrementAndGet();
            }
        };
        FlowSelector selector = filter != null ? null : new FlowSelector(linkType, enqueue, new FlowSelector.Report() {
            @Override
            public void followed(int port, String what, String host, int recovered) {
                streams.info("following port " + port + " (" + what + " announced " + host + ":" + port + ")"
                        + (recovered > 0 ? "; " + recovered + " packets captured before the announcement kept" : ""));
            }

            @Override
            public void recognised(String connection, String why, int recovered) {
                streams.info("following " + connection + " (" + why + ")"
                        + (recovered > 0 ? "; its " + recovered + " earlier packets kept" : ""));
            }
        });
        if (selector != null) {
            msnp.setPortWatcher(selector::announce);
        }
        String[] captureError = new String[1];
        Thread capture = new Thread(() -> {
            try {
                org.pcap4j.core.RawPacketListener onPacket = b -> {
                    if (count > 0 && selected.get() >= count) {
                        return; // the rest of the block after --count
                    }
                    java.sql.Timestamp ts = handle.getTimestamp();
                    long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
                    captured.incrementAndGet();
                    Captured c = new Captured(b, handle.getOriginalLength(), nanos);
                    if (selector != null) {
                        selector.offer(c);
                    } else {
                        enqueue.accept(c);
                    }
                    if (count > 0 && selected.get() >= count) {
                        stop.set(true);
                    }
                };
                while (!stop.get()) {
                    // pcap_dispatch: the packets of one buffer block per call, each through a callback; pcap4j's
                    // getNextRawPacket built a JNA structure by reflection for every packet, which cost more
                    // than the rest of the capture thread together
                    int n = handle.dispatch(DISPATCH_BATCH, onPacket);
                    if (n == 0) {
                        // non-blocking: nothing waiting (a blocking read would not see stop until a packet came)
                        if (selector != null) {
                            selector.idle();
                        }
                        Thread.sleep(1);
                    }
                }
            } catch (org.pcap4j.core.NotOpenException | org.pcap4j.core.PcapNativeException | RuntimeException e) {
                captureError[0] = CaptureRun.oneLine(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // the decoder stops after what was queued
                while (true) {
                    try {
                        queue.put(Captured.END);
                        break;
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, "msnscope-capture");
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean abandon = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger(ExitCodes.OK);
        Thread hook = new Thread(() -> {
            // SIGINT or SIGTERM: let the decoder finish what was captured, then end with this run's own exit code
            // (the JVM's would be 128 + the signal number, though the run stopped as asked)
            stop.set(true);
            boolean finished = false;
            try {
                finished = done.await(SIGNAL_GRACE_SECONDS, TimeUnit.SECONDS);
                if (!finished) {
                    // the decoder is far behind: what is still queued is saved to --write but not decoded
                    abandon.set(true);
                    finished = done.await(ABANDON_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            streams.out().flush();
            streams.err().flush();
            if (finished) {
                Runtime.getRuntime().halt(exitCode.get());
            }
        }, "msnscope-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        streams.info("capturing on " + iface + " (link type " + handle.getDlt().name() + ", "
                + (selector != null ? "all TCP, keeping the MSN traffic" : "filter \"" + filter + "\"") + ")"
                + (writer != null ? ", saving to " + write : ""));
        capture.start();
        Warmup.run(sinks); // while the capture thread already queues what arrives
        RawPacket p = new RawPacket();
        Latency latency = new Latency();
        long n = 0;
        long undecoded = 0;
        int exit = ExitCodes.OK;
        try {
            while (true) {
                Captured c = queue.poll(50, TimeUnit.MILLISECONDS);
                if (durationNanos > 0 && System.nanoTime() - started >= durationNanos) {
                    stop.set(true);
                }
                if (c == null) {
                    sink.flush();
                    rawOut.flush();
                    continue;
                }
                if (c == Captured.END) {
                    break;
                }
                if (abandon.get()) {
                    undecoded++;
                    if (writer != null) {
                        writer.write(c.tsNanos(), c.data(), Math.max(c.originalLength(), c.data().length));
                    }
                    continue;
                }
                p.data = c.data();
                p.offset = 0;
                p.capturedLength = c.data().length;
                p.originalLength = Math.max(c.originalLength(), c.data().length);
                p.timestampNanos = c.tsNanos();
                p.timestampDigits = 6;
                p.linkType = linkType;
                p.frameNumber = ++n;
                if (writer != null) {
                    writer.write(c.tsNanos(), c.data(), p.originalLength);
                }
                decoder.packet(p);
                latency.add(System.currentTimeMillis() * 1_000_000L - c.tsNanos());
                if (queue.isEmpty()) {
                    sink.flush();
                    rawOut.flush();
                }
                if (streams.out().checkError()) {
                    stop.set(true);
                    exit = ExitCodes.OUTPUT_ERROR;
                }
            }
            decoder.finish();
            sink.flush();
            rawOut.flush();
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            stop.set(true);
            streams.error("cannot write output: " + CaptureRun.oneLine(e));
            exit = ExitCodes.OUTPUT_ERROR;
        } finally {
            capture.join(2000);
            PcapStat st = null;
            try {
                st = handle.getStats();
            } catch (Exception e) {
                // counters unavailable on this device
            }
            handle.close();
            StringBuilder summary = new StringBuilder("captured " + captured.get() + " packets on " + iface);
            if (st != null) {
                summary.append(" (libpcap: received ").append(st.getNumPacketsReceived()).append(", dropped by kernel ")
                        .append(st.getNumPacketsDropped()).append(", dropped by interface ")
                        .append(st.getNumPacketsDroppedByIf()).append(')');
            }
            if (selector != null) {
                summary.append("; MSN traffic ").append(selector.passed).append(" packets (").append(selector.recovered)
                        .append(" of them held until their port was announced), other traffic skipped ").append(selector.skipped);
            }
            summary.append("; decoder queue dropped ").append(queueDrops.get());
            if (latency.count() > 0) {
                summary.append("; capture to decoded: median ").append(latency.percentile(50)).append(" ms, 99% ")
                        .append(latency.percentile(99)).append(" ms, max ").append(latency.max()).append(" ms");
            }
            if (writer != null) {
                summary.append("; written to ").append(writer.describe());
            }
            streams.info(summary.toString());
            if (undecoded > 0) {
                streams.warning(undecoded + " captured packets were not decoded: the decoder was still " + SIGNAL_GRACE_SECONDS
                        + " s behind when asked to stop" + (writer != null ? " (they are in the --write file; read it for them)" : ""));
            }
            if (queueDrops.get() > 0) {
                streams.warning(queueDrops.get() + " packets were dropped because the decoder fell behind (raise --queue)");
            }
            if (captureError[0] != null) {
                streams.error("capture stopped: " + captureError[0]);
                exit = ExitCodes.INTERNAL;
            }
            exitCode.set(exit);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down (Ctrl-C): the hook is running and waits for done
            }
        }
        return exit;
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
