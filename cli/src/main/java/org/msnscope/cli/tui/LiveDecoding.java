package org.msnscope.cli.tui;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.live.LiveCapture;
import org.msnscope.cli.live.LiveOptions;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;

/**
 * {@code tui -i IFACE}: the capture of {@code live} ({@link LiveCapture}, the same options) decoding
 * into an {@link EventStore} on a thread of its own, while the UI shows what arrives. Packets are kept
 * in a bounded ring ({@link LivePackets}) for the detail pane; the status bar gets the capture rate
 * and the drops. What live prints on stderr is kept and printed once the screen is closed.
 */
final class LiveDecoding {
    private final EventStore store;
    private final LivePackets packets = new LivePackets();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final LiveCapture capture;
    private volatile boolean stop;
    private volatile int exit = ExitCodes.OK;
    private Thread thread;

    LiveDecoding(EventStore store, LiveOptions options, String iface) {
        this.store = store;
        PrintStream err = new PrintStream(messages, true, StandardCharsets.UTF_8);
        this.capture = new LiveCapture(options, iface, new Streams(new PrintStream(PrintStream.nullOutputStream()), err));
    }

    /** Opens the interface: null when it can capture, else the exit code ({@link #messages()} says why). */
    Integer open() {
        return capture.open();
    }

    Packets packets() {
        return packets;
    }

    void start() {
        Collector collector = new Collector(store, packets);
        Decoder decoder = new Decoder(Limits.defaults(), collector);
        var msnp = decoder.enableMsnp();
        EventStore.Counters c = store.counters;
        thread = new Thread(() -> {
            try {
                exit = capture.run(decoder, msnp, new LiveCapture.Hooks() {
                    private long lastCaptured;

                    @Override
                    public void decoded(RawPacket p) {
                        packets.keep(p.frameNumber, p.data, p.offset, p.capturedLength, p.linkType);
                        collector.carriers().packet(p, packets.locate(p.frameNumber));
                        c.packets = p.frameNumber;
                    }

                    @Override
                    public void flush() {
                        String last = lastMessage();
                        if (last != null) {
                            c.problem = last;
                        }
                    }

                    @Override
                    public boolean stopRequested() {
                        return stop;
                    }

                    @Override
                    public void progress(long captured, long selected, long dropped) {
                        c.rate = captured - lastCaptured;
                        lastCaptured = captured;
                        c.drops = dropped;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                c.finished = true;
            }
        }, "msnscope-tui-live");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the capture to stop and waits for the decoder to finish what was captured. */
    int stop() throws InterruptedException {
        stop = true;
        if (thread != null) {
            thread.join(15_000);
        }
        return exit;
    }

    private String lastMessage() {
        String s = messages.toString(StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s.substring(s.lastIndexOf('\n') + 1).replaceFirst("^msnscope: ", "");
    }

    /** Everything the capture printed (following ports, the summary, errors), as live prints it. */
    String messages() {
        return messages.toString(StandardCharsets.UTF_8);
    }
}
