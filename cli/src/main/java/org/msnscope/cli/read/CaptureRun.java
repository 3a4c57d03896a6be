package org.msnscope.cli.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.MergedSource;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.Streams;
import org.msnscope.decoder.PacketConsumer;

/**
 * Reads capture files (standard input for {@code -}) as one capture in time order and feeds every
 * packet to a decoder. A file that cannot be opened or read to its end is reported on one line
 * (file, offset, what was wrong) and decoding goes on with the rest. Shared by every command that
 * decodes files.
 */
public final class CaptureRun {
    /** How often (in packets) the loop asks whether the output has failed (e.g. a closed pipe). */
    private static final int OUTPUT_CHECK_INTERVAL = 1 << 16;
    /** The file name that means standard input. */
    public static final String STDIN = "-";

    private final Streams streams;
    private final PacketConsumer decoder;
    private final List<CaptureFileReader> readers = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();
    private boolean inputError;
    private long inputBytes;
    private long commented;
    private java.util.function.Consumer<RawPacket> watcher;

    public CaptureRun(Streams streams, PacketConsumer decoder) {
        this.streams = streams;
        this.decoder = decoder;
    }

    /** Sees every packet (its file and offset) just before the decoder does; the tui locates raw bytes this way. */
    public CaptureRun watch(java.util.function.Consumer<RawPacket> packets) {
        this.watcher = packets;
        return this;
    }

    /**
     * Decodes the files to their end, then finishes the decoder.
     *
     * @param outputFailed asked now and then; true stops reading (the caller reports it)
     * @return false when the output failed
     */
    public boolean run(List<Path> files, BooleanSupplier outputFailed) throws IOException {
        List<PacketSource> sources = new ArrayList<>();
        for (Path file : files) {
            String name = file.toString();
            try {
                CaptureFileReader reader;
                if (STDIN.equals(name)) {
                    reader = CaptureFiles.open(System.in, "stdin", this::report);
                } else {
                    inputBytes += Files.isRegularFile(file) ? Files.size(file) : 0;
                    reader = CaptureFiles.open(file, name, this::report);
                }
                readers.add(reader);
                opened.add(file);
                sources.add(reader);
            } catch (CaptureException e) {
                inputError = true;
                report(new CaptureProblem(e.source(), e.offset(), "capture_file_error", e.reason(), true));
            } catch (IOException e) {
                inputError = true;
                report(new CaptureProblem(name, -1, "capture_file_error", oneLine(e), true));
            }
        }
        boolean finished = false;
        try (MergedSource merged = new MergedSource(sources, this::report)) {
            RawPacket packet = new RawPacket();
            long n = 0;
            while (merged.next(packet)) {
                if (packet.comment != null) {
                    commented++;
                }
                if (watcher != null) {
                    watcher.accept(packet);
                }
                decoder.packet(packet);
                if (++n % OUTPUT_CHECK_INTERVAL == 0 && outputFailed.getAsBoolean()) {
                    return false;
                }
            }
            finished = true;
            decoder.finish();
            inputError |= merged.hadFatalErrors();
        } finally {
            if (!finished) {
                decoder.abort(); // decoder threads end with the run
            }
        }
        return true;
    }

    private void report(CaptureProblem problem) {
        if (problem.fatal()) {
            streams.error(problem.describe());
        } else {
            streams.warning(problem.describe());
        }
        decoder.captureProblem(problem);
    }

    /** True when some input could not be opened or read to its end. */
    public boolean inputError() {
        return inputError;
    }

    /** Bytes of the regular files read. */
    public long inputBytes() {
        return inputBytes;
    }

    public List<CaptureFileReader> readers() {
        return readers;
    }

    /** The files that opened, in the order of {@link #readers()} (a packet's fileIndex points here). */
    public List<Path> openedFiles() {
        return opened;
    }

    /** Packets that carried a pcapng comment. */
    public long commented() {
        return commented;
    }

    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
