package org.msnscope.cli.live;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
            "The default filter follows the protocol: ports 1863, 1864 and 6891-6900, widened to every switchboard, notification",
            "server, direct-connection and MSNFTP port the traffic announces (each widening is reported on stderr)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C, --count or --duration)", "2:usage error", "3:output could not be written",
            "4:libpcap is not installed", "5:not allowed to capture (root or CAP_NET_RAW/CAP_NET_ADMIN needed)",
            "6:no such interface", "7:the BPF filter does not compile", "70:internal error"})
public final class LiveCommand implements java.util.concurrent.Callable<Integer>, Streams.Aware {
    /** Ports captured before any is announced: the notification server, Escargot's switchboard, MSNFTP's range. */
    static final String DEFAULT_PORTS = "port 1863 or port 1864 or portrange 6891-6900";

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE", description = "the interface to capture on (msnscope interfaces lists them)")
    String iface;

    @Option(names = "--filter", paramLabel = "BPF", description = "a BPF filter used as is (no widening); default: tcp and (" + DEFAULT_PORTS + "), widened as ports are announced")
    String filter;

    @Option(names = "--write", paramLabel = "FILE", description = "also save every captured packet to this pcapng file")
    Path write;

    @Option(names = "--rotate-size", paramLabel = "SIZE", description = "with --write: start a new file NAME-00002.pcapng... when one reaches SIZE (bytes, or with K, M, G)")
    String rotateSize;

    @Option(names = "--rotate-time", paramLabel = "TIME", description = "with --write: start a new file when one spans TIME of capture (e.g. 10m, 1h)")
    String rotateTime;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or jsonl. Default: ${DEFAULT-VALUE}")
    ReadCommand.Format format;

    @Option(names = "--count", paramLabel = "N", description = "stop after N packets")
    long count;

    @Option(names = "--duration", paramLabel = "TIME", description = "stop after this long: seconds, or with s, m or h (e.g. 90, 30s, 5m)")
    String duration;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "262144", description = "bytes kept per packet. Default: ${DEFAULT-VALUE}")
    int snaplen;

    @Option(names = "--queue", paramLabel = "PACKETS", defaultValue = "65536", description = "packets buffered between capture and decoder; beyond, packets are dropped and counted. Default: ${DEFAULT-VALUE}")
    int queueSize;

    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    /** A captured packet, copied out of libpcap's buffer. */
    private record Captured(byte[] data, int originalLength, long tsNanos) {
    }

    private static final Captured END = new Captured(new byte[0], 0, 0);

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
        if (queueSize < 16 || count < 0 || snaplen < 64) {
            streams.error("--queue must be at least 16, --count at least 0 and --snaplen at least 64");
            return ExitCodes.USAGE;
        }
        PcapHandle handle;
        try {
            handle = Pcap.open(iface, snaplen);
        } catch (Pcap.Failure f) {
            streams.error(f.getMessage());
            return f.code;
        }
        Widening widening = filter == null ? new Widening() : null;
        try {
            Pcap.filter(handle, filter != null ? filter : widening.expression());
        } catch (Pcap.Failure f) {
            handle.close();
            streams.error(f.getMessage());
            return f.code;
        }
        int linkType = handle.getDlt().value();
        OutputStream rawOut = new BufferedOutputStream(streams.out(), 1 << 16);
        Decoder[] holder = new Decoder[1];
        OutputSink sink = format == ReadCommand.Format.jsonl ? new JsonlSink(rawOut)
                : new TextSink(rawOut, false, () -> holder[0].stats().firstTsNanos());
        Decoder decoder = new Decoder(Limits.defaults(), sink);
        holder[0] = decoder;
        var msnp = decoder.enableMsnp();
        AtomicReference<String> newFilter = new AtomicReference<>();
        if (widening != null) {
            msnp.setPortWatcher((host, port, what) -> {
                if (widening.add(port)) {
                    streams.warning("filter widened to port " + port + " (" + what + " announced " + host + ":" + port + ")");
                    newFilter.set(widening.expression());
                }
            });
        }
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
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        String[] captureError = new String[1];
        Thread capture = new Thread(() -> {
            try {
                while (!stop.get()) {
                    String f = newFilter.getAndSet(null);
                    if (f != null) {
                        Pcap.filter(handle, f);
                    }
                    byte[] b = handle.getNextRawPacket();
                    if (b == null) {
                        // non-blocking: nothing waiting (a blocking read would not see stop until a packet came)
                        Thread.sleep(1);
                        continue;
                    }
                    java.sql.Timestamp ts = handle.getTimestamp();
                    long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
                    captured.incrementAndGet();
                    if (!queue.offer(new Captured(b, handle.getOriginalLength(), nanos))) {
                        queueDrops.incrementAndGet();
                    }
                    if (count > 0 && captured.get() >= count) {
                        break;
                    }
                }
            } catch (Pcap.Failure | org.pcap4j.core.NotOpenException | RuntimeException e) {
                captureError[0] = CaptureRun.oneLine(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // the decoder stops after what was queued
                while (true) {
                    try {
                        queue.put(END);
                        break;
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, "msnscope-capture");
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "msnscope-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        capture.start();
        RawPacket p = new RawPacket();
        Latency latency = new Latency();
        long n = 0;
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
                if (c == END) {
                    break;
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
            summary.append("; decoder queue dropped ").append(queueDrops.get());
            if (latency.count() > 0) {
                summary.append("; capture to decoded: median ").append(latency.percentile(50)).append(" ms, 99% ")
                        .append(latency.percentile(99)).append(" ms, max ").append(latency.max()).append(" ms");
            }
            if (writer != null) {
                summary.append("; written to ").append(writer.describe());
            }
            streams.warning(summary.toString());
            if (queueDrops.get() > 0) {
                streams.warning(queueDrops.get() + " packets were dropped because the decoder fell behind (raise --queue)");
            }
            if (captureError[0] != null) {
                streams.error("capture stopped: " + captureError[0]);
                exit = ExitCodes.INTERNAL;
            }
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

    /** The default filter: a fixed set of ports that grows with what the traffic announces. */
    static final class Widening {
        private final TreeSet<Integer> extra = new TreeSet<>();
        /** Most ports added before the filter stops growing (a flood of announcements must not make it unbounded). */
        static final int MAX_PORTS = 256;

        boolean add(int port) {
            if (port == 1863 || port == 1864 || (port >= 6891 && port <= 6900) || extra.size() >= MAX_PORTS) {
                return false;
            }
            return extra.add(port);
        }

        String expression() {
            StringBuilder b = new StringBuilder("tcp and (").append(DEFAULT_PORTS);
            for (int p : extra) {
                b.append(" or port ").append(p);
            }
            return b.append(')').toString();
        }
    }
}
