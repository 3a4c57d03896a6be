package org.msnscope.capture.read;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;
import org.msnscope.capture.CaptureException;

/**
 * A reader's one reusable buffer over its {@link ByteInput}. Unread bytes are {@code data[pos,
 * limit)}; {@code base} is the stream offset of {@code data[0]}. Refills compact the unread tail to
 * the front, so packet views handed out earlier are invalid after the next {@link #ensure(int)}.
 * The buffer grows only when one record needs more than it holds, and never past the limit the
 * reader sets.
 */
final class InputBuffer {
    byte[] data;
    int pos;
    int limit;
    long base;

    private final ByteInput input;
    private final String source;
    private int maxCapacity;
    private boolean eof;

    InputBuffer(ByteInput input, String source, int initialCapacity) {
        this.input = input;
        this.source = source;
        this.data = new byte[Math.max(1, initialCapacity)];
        this.maxCapacity = data.length;
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
     * Makes {@code n} bytes available at {@link #pos}, reading more input if needed.
     *
     * @return false when the input ends first (the bytes there are stay available)
     */
    boolean ensure(int n) throws CaptureException {
        return limit - pos >= n || fill(n);
    }

    private boolean fill(int n) throws CaptureException {
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
        } catch (EOFException e) {
            throw new CaptureException(source, base + limit,
                    input.gzipped() ? "gzip stream cut short" : "unexpected end of file", e);
        } catch (ZipException e) {
            throw new CaptureException(source, base + limit, "gzip stream corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CaptureException(source, base + limit, "read error (" + e.getMessage() + ")", e);
        }
        return limit >= n;
    }

    void close() throws IOException {
        input.close();
    }
}
