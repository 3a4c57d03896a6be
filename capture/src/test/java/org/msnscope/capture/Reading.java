package org.msnscope.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads a whole capture in tests, copying what each borrowed packet view held. */
final class Reading {
    private Reading() {
    }

    /** Everything one packet view held, copied so it outlives the view. */
    record Packet(String hex, int capturedLength, int originalLength, long timestampNanos, int timestampDigits,
            int linkType, long frameNumber, int fileIndex, long fileOffset, int interfaceId, String comment) {
        static Packet copyOf(RawPacket p) {
            return new Packet(HexFormat.of().formatHex(p.data, p.offset, p.offset + p.capturedLength),
                    p.capturedLength, p.originalLength, p.timestampNanos, p.timestampDigits, p.linkType,
                    p.frameNumber, p.fileIndex, p.fileOffset, p.interfaceId, p.comment);
        }
    }

    /** What a run produced: the packets, the problems reported, and the exception that ended it, if any. */
    record Result(List<Packet> packets, List<CaptureProblem> problems, CaptureException error,
            List<InterfaceInfo> interfaces, CaptureFileReader reader) {
    }

    static Path write(Path dir, String fileName, byte[] bytes) {
        try {
            return Files.write(dir.resolve(fileName), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens and reads to the end; an exception from {@code open} propagates. */
    static Result readAll(Path file, int bufferSize) throws IOException {
        List<CaptureProblem> problems = new ArrayList<>();
        List<Packet> packets = new ArrayList<>();
        CaptureException error = null;
        CaptureFileReader reader = CaptureFiles.open(file, file.getFileName().toString(), problems::add, bufferSize);
        try (reader) {
            RawPacket p = new RawPacket();
            while (reader.next(p)) {
                packets.add(Packet.copyOf(p));
            }
            if (reader.next(p)) {
                throw new AssertionError("packet after the end");
            }
        } catch (CaptureException e) {
            error = e;
        }
        return new Result(packets, problems, error, List.copyOf(reader.interfaces()), reader);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
