package org.msnscope.cli.live;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.msnp.session.MsnpLayer;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapStat;

/**
 * One live capture, as {@code live} and {@code tui -i} run it: libpcap (pcap4j) captures on one
 * thread, the decoder decodes on the caller's, the two joined by a bounded queue whose overflow is
 * counted, never silent. {@link #open} checks the options and opens the interface; {@link #run}
 * captures until --count, --duration, a signal, or the caller asks to stop, then prints the summary.
 */
public final class LiveCapture {
    /** The kernel filter without --filter: everything TCP reaches {@link FlowSelector}, which keeps the MSN traffic. */
    static final String DEFAULT_KERNEL_FILTER = "tcp";
    /** How long a signal waits for the decoder to finish what was captured and for the outputs to be flushed. */
    static final int SIGNAL_GRACE_SECONDS = 10;
    /** Most packets handed over by one pcap_dispatch call, so that stop and announcements are seen between blocks. */
    static final int DISPATCH_BATCH = 4096;
    /** After that, how long the rest of the queue may take to be written to --write undecoded and the run to end. */
    static final int ABANDON_SECONDS = 10;

    /** What the command does around the decoding. */
    public interface Hooks {
        /** Once, while the capture thread already queues what arrives (e.g. warming up the output code). */
        default void warmup() {
        }

        /** After each packet is decoded; {@code p} is valid during the call only. */
        default void decoded(RawPacket p) {
        }

        /** When nothing is waiting: the outputs should be flushed. */
        void flush() throws IOException;

        /** Asked after each packet: true stops the capture and the run ends with {@link ExitCodes#OUTPUT_ERROR}. */
        default boolean outputFailed() {
            return false;
        }

        /** Asked now and then: true stops the capture as if --count had been reached. */
        default boolean stopRequested() {
            return false;
        }

        /** About once a second: packets captured, of them passed to the decoder, and dropped (queue and kernel). */
        default void progress(long captured, long selected, long dropped) {
        }
    }

    private final LiveOptions o;
    private final String iface;
    private final Streams streams;
    private long durationNanos;
    private long rotateBytes;
    private long rotateNanos;
    private int bufferBytes;
    private PcapHandle handle;

    public LiveCapture(LiveOptions options, String iface, Streams streams) {
        this.o = options;
        this.iface = iface;
        this.streams = streams;
    }

    /** Checks the options and opens the interface: null when capturing can start, else the exit code (the error printed). */
    public Integer open() {
        if (o.duration != null) {
            try {
                durationNanos = LiveCommand.parseDuration(o.duration);
            } catch (NumberFormatException e) {
                streams.error("--duration: \"" + o.duration + "\" is not a duration (e.g. 90, 30s, 5m, 1h)");
                return ExitCodes.USAGE;
            }
        }
        if ((o.rotateSize != null || o.rotateTime != null) && o.write == null) {
            streams.error("--rotate-size and --rotate-time need --write FILE");
            return ExitCodes.USAGE;
        }
        try {
            rotateBytes = o.rotateSize == null ? 0 : org.msnscope.cli.extract.ExtractCommand.parseSize(o.rotateSize);
            rotateNanos = o.rotateTime == null ? 0 : LiveCommand.parseDuration(o.rotateTime);
        } catch (NumberFormatException e) {
            streams.error("--rotate-size/--rotate-time: \"" + (o.rotateSize != null ? o.rotateSize : "") + " "
                    + (o.rotateTime != null ? o.rotateTime : "") + "\" is not a size or a duration");
            return ExitCodes.USAGE;
        }
        try {
            long b = org.msnscope.cli.extract.ExtractCommand.parseSize(o.buffer);
            if (b < 1 << 16 || b > 1L << 30) {
                throw new NumberFormatException();
            }
            bufferBytes = (int) b;
        } catch (NumberFormatException e) {
            streams.error("--buffer: \"" + o.buffer + "\" is not a size between 64K and 1G");
            return ExitCodes.USAGE;
        }
        if (o.queueSize < 16 || o.count < 0 || o.snaplen < 64) {
            streams.error("--queue must be at least 16, --count at least 0 and --snaplen at least 64");
            return ExitCodes.USAGE;
        }
        try {
            handle = Pcap.open(iface, o.snaplen, bufferBytes);
        } catch (Pcap.Failure f) {
            streams.error(f.getMessage());
            return f.code;
        }
        try {
            Pcap.filter(handle, o.filter != null ? o.filter : DEFAULT_KERNEL_FILTER);
        } catch (Pcap.Failure f) {
            handle.close();
            streams.error(f.getMessage());
            return f.code;
        }
        return null;
    }

    /** The interface's link type (after {@link #open}). */
    public int linkType() {
        return handle.getDlt().value();
    }

    /** Captures and decodes until stopped; returns the exit code. */
    public int run(Decoder decoder, MsnpLayer msnp, Hooks hooks) throws InterruptedException {
        int linkType = linkType();
        RotatingWriter writer = null;
        if (o.write != null) {
            try {
                writer = new RotatingWriter(o.write, rotateBytes, rotateNanos, linkType, o.snaplen, iface);
                writer.open();
            } catch (IOException e) {
                handle.close();
                streams.error(o.write + ": cannot write: " + CaptureRun.oneLine(e));
                return ExitCodes.OUTPUT_ERROR;
            }
        }
        BlockingQueue<Captured> queue = new ArrayBlockingQueue<>(o.queueSize);
        AtomicLong queueDrops = new AtomicLong();
        AtomicLong captured = new AtomicLong();
        AtomicLong selected = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long count = o.count;
        FlowSelector.Out enqueue = c -> {
            selected.incrementAndGet();
            if (!queue.offer(c)) {
                queueDrops.incrementAndGet();
            }
        };
        FlowSelector selector = o.filter != null ? null : new FlowSelector(linkType, enqueue, new FlowSelector.Report() {
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
        // how the capture thread ended, when libpcap or pcap4j ended it
        Throwable[] captureError = new Throwable[1];
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
                captureError[0] = e;
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
        AtomicBoolean abandon = new AtomicBoolean();
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.OK);
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
                + (selector != null ? "all TCP, keeping the MSN traffic" : "filter \"" + o.filter + "\"") + ")"
                + (writer != null ? ", saving to " + o.write : ""));
        capture.start();
        hooks.warmup();
        RawPacket p = new RawPacket();
        LiveCommand.Latency latency = new LiveCommand.Latency();
        long n = 0;
        long undecoded = 0;
        long lastProgress = started;
        int exit = ExitCodes.OK;
        String writeError = null;
        try {
            while (true) {
                Captured c = queue.poll(50, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (durationNanos > 0 && now - started >= durationNanos || hooks.stopRequested()) {
                    stop.set(true);
                }
                if (now - lastProgress >= 1_000_000_000L) {
                    lastProgress = now;
                    hooks.progress(captured.get(), selected.get(), queueDrops.get() + kernelDrops());
                }
                if (c == null) {
                    hooks.flush();
                    continue;
                }
                if (c == Captured.END) {
                    break;
                }
                if (abandon.get()) {
                    undecoded++;
                    if (writer != null && writeError == null) {
                        writeError = save(writer, c, stop);
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
                if (writer != null && writeError == null) {
                    // a failed write stops the capture; what was captured is still decoded
                    writeError = save(writer, c, stop);
                }
                decoder.packet(p);
                hooks.decoded(p);
                latency.add(System.currentTimeMillis() * 1_000_000L - c.tsNanos());
                if (queue.isEmpty()) {
                    hooks.flush();
                }
                if (hooks.outputFailed()) {
                    stop.set(true);
                    exit = ExitCodes.OUTPUT_ERROR;
                }
            }
            decoder.finish();
            hooks.flush();
        } catch (IOException e) {
            stop.set(true);
            streams.error("cannot write output: " + CaptureRun.oneLine(e));
            exit = ExitCodes.OUTPUT_ERROR;
        } finally {
            capture.join(2000);
            if (writer != null && writeError == null) {
                // closed on every way out, so that the file is complete whatever ended the run
                try {
                    writer.close();
                } catch (IOException e) {
                    writeError = e instanceof RotatingWriter.Failed ? e.getMessage()
                            : o.write + ": cannot write: " + CaptureRun.oneLine(e);
                }
            }
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
            if (writeError != null) {
                summary.append(" (until a write failed)");
            }
            streams.info(summary.toString());
            if (undecoded > 0) {
                streams.warning(undecoded + " captured packets were not decoded: the decoder was still " + SIGNAL_GRACE_SECONDS
                        + " s behind when asked to stop" + (writer != null ? " (they are in the --write file; read it for them)" : ""));
            }
            if (queueDrops.get() > 0) {
                streams.warning(queueDrops.get() + " packets were dropped because the decoder fell behind (raise --queue)");
            }
            if (writeError != null) {
                streams.error(writeError);
                exit = ExitCodes.OUTPUT_ERROR;
            }
            if (captureError[0] != null) {
                CaptureFault fault = CaptureFault.of(iface, captureError[0]);
                streams.error(fault.message() + "; " + captured.get() + " packets captured"
                        + (writer != null && writeError == null ? ", " + writer.describe() + " complete" : ""));
                exit = exit == ExitCodes.OK ? fault.exitCode() : exit;
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

    /** Saves one packet to --write: null, or (the capture then stops) the line that says why it could not be. */
    private static String save(RotatingWriter writer, Captured c, AtomicBoolean stop) {
        try {
            writer.write(c.tsNanos(), c.data(), Math.max(c.originalLength(), c.data().length));
            return null;
        } catch (IOException e) {
            stop.set(true);
            return e instanceof RotatingWriter.Failed ? e.getMessage() : "--write: cannot write: " + CaptureRun.oneLine(e);
        }
    }

    /** Packets the kernel dropped so far (0 when the device does not count). */
    private long kernelDrops() {
        try {
            return handle.getStats().getNumPacketsDropped();
        } catch (Exception e) {
            return 0;
        }
    }
}
