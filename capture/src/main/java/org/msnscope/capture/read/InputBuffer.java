package org.msnscope.capture.read;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.CaptureProblemListener;

/**
 * A reader's one reusable buffer over its {@link ByteInput}. Unread bytes are {@code data[pos,
 * limit)}; {@code base} is the stream offset of {@code data[0]}. Refills compact the unread tail to
 * the front, so packet views handed out earlier are invalid after the next {@link #ensure(int)}.
 * The buffer grows only when one record needs more than it holds, and never past the limit the
 * reader sets.
 */
final class InputBuffer {
    /** Room every buffer may grow to before a reader sets its limit: enough for any file header. */
    static final int FILE_HEADER_BYTES = 64;

    byte[] data;
    int pos;
    int limit;
    long base;

    private final ByteInput input;
    private final String source;
    private int maxCapacity;
    private boolean eof;
    /** A read failure met while reading ahead; thrown once the bytes before it are used up. */
    private CaptureException pendingError;

    InputBuffer(ByteInput input, String source, int initialCapacity) {
        this.input = input;
        this.source = source;
        this.data = new byte[Math.max(1, initialCapacity)];
        this.maxCapacity = Math.max(data.length, FILE_HEADER_BYTES);
    }

    /** Lets the buffer grow up to {@code bytes} (the largest record the format allows plus its header). */
    void allowCapacity(int bytes) {
        maxCapacity = Math.max(maxCapacity, bytes);
    }

    /** Stream offset of the next unread byte. */
    long offset() {
        return base + pos;
    }

    int available() {
        return limit - pos;
    }

    boolean gzipped() {
        return input.gzipped();
    }

    /**
     * The input ended inside a {@code unit} ("record", "block") of {@code needed} bytes: reports a
     * non-fatal {@code truncated_record} problem when any of it is present (none: a clean end).
     */
    void reportTruncated(CaptureProblemListener problems, String unit, int needed) {
        int present = available();
        if (present > 0) {
            problems.problem(new CaptureProblem(source, offset(), "truncated_record",
                    "last " + unit + " cut short: " + present + " of " + needed + " bytes present, "
                            + (needed - present) + " missing", false));
        }
    }

    /**
     * Makes {@code n} bytes available at {@link #pos}, reading more input if needed.
     *
     * @return false when the input ends first (the bytes there are stay available)
     */
    boolean ensure(int n) throws CaptureException {
        return limit - pos >= n || fill(n);
    }

    private boolean fill(int n) throws CaptureException {
        if (pendingError != null) {
            throw pendingError;
        }
        if (eof) {
            return false;
        }
        if (n > maxCapacity) {
            throw new CaptureException(source, offset(),
                    "record of " + n + " bytes exceeds the buffer limit of " + maxCapacity + " bytes");
        }
        if (pos > 0) {
            System.arraycopy(data, pos, data, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > data.length) {
            int grown = (int) Math.min(Math.max((long) n, data.length * 2L), maxCapacity);
            byte[] bigger = new byte[grown];
            System.arraycopy(data, 0, bigger, 0, limit);
            data = bigger;
        }
        try {
            while (limit < data.length) {
                int read = input.read(data, limit, data.length - limit);
                if (read < 0) {
                    eof = true;
                    break;
                }
                if (read == 0) {
                    break;
                }
                limit += read;
            }
        } catch (IOException e) {
            CaptureException error = translate(e);
            if (limit < n) {
                throw error;
            }
            pendingError = error;
        }
        return limit >= n;
    }

    private CaptureException translate(IOException e) {
        long reached = base + limit;
        if (e instanceof EOFException) {
            return new CaptureException(source, reached,
                    input.gzipped() ? "gzip stream cut short" : "unexpected end of file", e);
        }
        if (e instanceof ZipException) {
            return new CaptureException(source, reached, "gzip stream corrupt (" + e.getMessage() + ")", e);
        }
        return new CaptureException(source, reached, "read error (" + e.getMessage() + ")", e);
    }

    void close() throws IOException {
        input.close();
    }
}
