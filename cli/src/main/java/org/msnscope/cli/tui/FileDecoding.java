package org.msnscope.cli.tui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;

/**
 * Decodes capture files into an {@link EventStore} on a thread of its own, so the first screen
 * does not wait for the file: rows appear as they are decoded. Problems with the files (the lines
 * {@code read} prints on stderr) are kept for the status bar and printed once the screen is closed.
 */
final class FileDecoding {
    private final EventStore store;
    private final FilePackets packets = new FilePackets();
    private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
    private final CaptureRun run;
    private final Decoder decoder;
    private volatile boolean stop;
    private volatile Throwable failure;
    private Thread thread;

    FileDecoding(EventStore store) {
        this.store = store;
        PrintStream err = new PrintStream(problems, true, StandardCharsets.UTF_8);
        Collector collector = new Collector(store, packets);
        this.decoder = new Decoder(Limits.defaults(), collector);
        decoder.setBatching(Decoder.DEFAULT_BATCH);
        decoder.enableMsnp();
        this.run = new CaptureRun(new Streams(new PrintStream(PrintStream.nullOutputStream()), err), decoder);
        packets.run(run);
        EventStore.Counters c = store.counters;
        run.watch(p -> {
            packets.accept(p);
            collector.carriers().packet(p, packets.locate(p.frameNumber));
            c.packets = p.frameNumber;
            if (p.frameNumber == 1 && run.readers().get(0).gzipped()) {
                c.bytesTotal = 0; // offsets are into the decompressed bytes: no percentage of the file
            }
            if (p.fileIndex == 0) {
                c.bytesRead = p.fileOffset;
            }
        });
    }

    Packets packets() {
        return packets;
    }

    /** Starts decoding {@code files}; returns at once. */
    void start(List<Path> files) {
        long total = 0;
        if (files.size() == 1) {
            try {
                total = Files.isRegularFile(files.get(0)) ? Files.size(files.get(0)) : 0;
            } catch (IOException e) {
                total = 0;
            }
        }
        store.counters.bytesTotal = total;
        thread = new Thread(() -> {
            try {
                run.run(files, () -> stop);
            } catch (IOException | UncheckedIOException e) {
                store.counters.problem = CaptureRun.oneLine(e);
            } catch (RuntimeException | Error e) {
                failure = e;
                store.counters.problem = "internal error: " + CaptureRun.oneLine(e);
            } finally {
                if (store.counters.problem == null) {
                    store.counters.problem = lastProblem();
                }
                store.counters.finished = true;
            }
        }, "msnscope-tui-decode");
        thread.setDaemon(true);
        thread.start();
    }

    /** The last problem line so far, or null (the status bar shows it). */
    String lastProblem() {
        String s = problems.toString(StandardCharsets.UTF_8).strip();
        int nl = s.lastIndexOf('\n');
        return s.isEmpty() ? null : s.substring(nl + 1);
    }

    /** Waits for the decoding to end (tests; and for the exit code). */
    void await() throws InterruptedException {
        thread.join();
    }

    void stop() throws InterruptedException {
        stop = true;
        thread.join(5000);
    }

    boolean inputError() {
        return run.inputError();
    }

    Throwable failure() {
        return failure;
    }

    /** What the file readers reported, as read prints it. */
    String problems() {
        return problems.toString(StandardCharsets.UTF_8);
    }
}
