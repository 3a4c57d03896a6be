package org.msnscope.capture.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureProblemListener;

/**
 * Opens a capture file for reading: detects gzip and then the capture format from the leading
 * bytes (never from the file name) and hands back the matching reader. Used by
 * {@link org.msnscope.capture.CaptureFiles}.
 */
public final class CaptureOpener {
    private static final int GZIP_MAGIC_0 = 0x1F;
    private static final int GZIP_MAGIC_1 = 0x8B;

    private CaptureOpener() {
    }

    /** See {@link org.msnscope.capture.CaptureFiles#open(Path, String, CaptureProblemListener, int)}. */
    public static CaptureFileReader open(Path path, String displayName, CaptureProblemListener problems,
            int bufferSize) throws CaptureException {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " is less than 1");
        }
        String name = displayName != null ? displayName : path.toString();
        CaptureProblemListener listener = problems != null ? problems : CaptureProblemListener.IGNORE;
        if (Files.isDirectory(path)) {
            throw new CaptureException(name, 0, "is a directory, not a capture file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) { // a FIFO, /dev/stdin, a process substitution
            try {
                // FileInputStream, not Files.newInputStream: the latter seeks, which a FIFO refuses
                return openStream(new java.io.FileInputStream(path.toFile()), name, listener, bufferSize);
            } catch (CaptureException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new CaptureException(name, 0, "cannot open (" + e.getMessage() + ")", e);
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureException(name, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(name, 0, "permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new CaptureException(name, 0, "cannot open (" + e.getMessage() + ")", e);
        }
        InputBuffer in = null;
        try {
            long size = channel.size();
            if (size == 0) {
                throw new CaptureException(name, 0, "empty file");
            }
            ByteInput input = isGzip(channel) ? new GzipInput(channel)
                    : new ChannelFileInput(channel);
            int initial = input.gzipped() ? bufferSize : (int) Math.min(bufferSize, size);
            in = new InputBuffer(input, name, initial);
            return detect(in, name, listener);
        } catch (CaptureException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CaptureException(name, in == null ? 0 : in.offset(), "read error (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a capture from a stream that cannot seek (standard input, a pipe): gzip is recognised
     * from its first two bytes, then the capture format, as for files. The stream is closed with the
     * reader.
     */
    public static CaptureFileReader openStream(InputStream stream, String displayName, CaptureProblemListener problems,
            int bufferSize) throws CaptureException {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " is less than 1");
        }
        String name = displayName != null ? displayName : "stdin";
        CaptureProblemListener listener = problems != null ? problems : CaptureProblemListener.IGNORE;
        BufferedInputStream buffered = new BufferedInputStream(stream, GzipInput.GZIP_BUFFER_BYTES);
        InputBuffer in = null;
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = b0 < 0 ? -1 : buffered.read();
            buffered.reset();
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            ByteInput input = gzip
                    ? new StreamInput(new GZIPInputStream(buffered, GzipInput.GZIP_BUFFER_BYTES), true)
                    : new StreamInput(buffered, false);
            in = new InputBuffer(input, name, bufferSize);
            return detect(in, name, listener);
        } catch (CaptureException e) {
            closeQuietly(buffered);
            throw e;
        } catch (IOException e) {
            closeQuietly(buffered);
            throw new CaptureException(name, in == null ? 0 : in.offset(), "read error (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(2);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // absolute reads until both bytes are in or the file ends
        }
        return head.position() == 2 && (head.get(0) & 0xFF) == GZIP_MAGIC_0 && (head.get(1) & 0xFF) == GZIP_MAGIC_1;
    }

    private static CaptureFileReader detect(InputBuffer in, String name, CaptureProblemListener problems)
            throws CaptureException {
        if (!in.ensure(4)) {
            if (in.available() == 0) {
                throw new CaptureException(name, 0, "empty file");
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < in.available(); i++) {
                hex.append(String.format("%02x", in.data[in.pos + i] & 0xFF));
            }
            throw new CaptureException(name, 0, "not a capture file (magic 0x" + hex + ")");
        }
        int magic = Ints.magic(in.data, in.pos);
        return switch (magic) {
            case 0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1 ->
                    new ChainedReader(PcapReader.open(in, name, problems, magic));
            case PcapngReader.SECTION_HEADER -> new ChainedReader(PcapngReader.open(in, name, problems));
            default -> throw new CaptureException(name, 0, String.format("not a capture file (magic 0x%08x)", magic));
        };
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the open failure is what gets reported
        }
    }
}
