package org.msnscope.decoder.http;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.hc.core5.http.nio.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * One direction's unread bytes, handed to httpcore5's message parsers and content decoders as their
 * {@link SessionInputBuffer}. The bytes are what TCP reassembly delivered so far, bounded by
 * {@code capacity}; nothing is read from a socket: {@link #fill} and the {@link #channel()} report
 * "no more bytes now" (0) until the stream ended (-1), which is exactly the non-blocking contract the
 * library's decoders are written for, so they stop and resume wherever a segment boundary falls.
 *
 * <p>Owning the buffer (httpcore5's own implementation is package-private) also tells the parser
 * where in the stream each message starts and lets it skip garbage line by line to resynchronise.
 */
final class HttpWire implements SessionInputBuffer {
    /** Grows up to {@code capacity} as bytes wait (most connections never hold more than a few KiB). */
    private byte[] buf;
    private final int capacity;
    private int pos;
    private int end;
    private boolean ended;
    /** Stream offset of {@code buf[pos]}. */
    private long offset;
    /** The most a content decoder asked for in its latest read: what is left of the chunk or body. */
    private int lastReadLimit;
    private byte lastConsumed = '\n';

    private final ReadableByteChannel channel = new ReadableByteChannel() {
        @Override
        public int read(ByteBuffer dst) {
            return ended ? -1 : 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to close: the bytes come from the capture
        }
    };

    HttpWire(int capacity) {
        this.capacity = capacity;
        this.buf = new byte[Math.min(capacity, INITIAL_BYTES)];
    }

    /** The channel the content decoders read from when the buffer is empty. */
    ReadableByteChannel channel() {
        return channel;
    }

    /** Bytes allocated at first: a whole capacity (64 KiB) per direction cost more than parsing the web traffic. */
    static final int INITIAL_BYTES = 2048;

    /** Copies as much of the bytes as fit in {@code capacity}; returns how many. */
    int append(byte[] b, int off, int len) {
        if (pos > 0 && (end == capacity || end + len > buf.length)) {
            // the unread bytes move to the front before the buffer would have to grow
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        int n = Math.min(len, capacity - end);
        if (end + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, (int) Math.min(capacity, Math.max(end + n, 2L * buf.length)));
        }
        System.arraycopy(b, off, buf, end, n);
        end += n;
        return n;
    }

    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    boolean full() {
        return pos == 0 && end == capacity;
    }

    /** Stream offset of the next unread byte. */
    long offset() {
        return offset;
    }

    /** Drops the next {@code n} unread bytes. */
    void skip(int n) {
        if (n > 0) {
            pos += n;
            offset += n;
            lastConsumed = buf[pos - 1];
        }
    }

    /** True when the last byte taken was a line feed: the next byte starts a line. */
    boolean afterLineEnd() {
        return lastConsumed == '\n';
    }

    /** Drops everything unread; returns how many bytes. */
    int discard() {
        int n = end - pos;
        skip(n);
        return n;
    }

    /** The unread byte at {@code i} (0 = next). */
    byte at(int i) {
        return buf[pos + i];
    }

    int lastReadLimit() {
        return lastReadLimit;
    }

    void resetReadLimit() {
        lastReadLimit = 0;
    }

    /** Moves the stream offset past {@code n} bytes that never arrived (a gap); the buffer must be empty. */
    void jump(long n) {
        offset += Math.max(0, n);
    }

    @Override
    public boolean hasData() {
        return end > pos;
    }

    @Override
    public int length() {
        return end - pos;
    }

    @Override
    public int fill(ReadableByteChannel src) {
        return ended && !hasData() ? -1 : 0;
    }

    @Override
    public int read() {
        if (!hasData()) {
            return -1;
        }
        int b = buf[pos] & 0xff;
        skip(1);
        return b;
    }

    @Override
    public int read(ByteBuffer dst, int maxLen) {
        lastReadLimit = maxLen;
        int n = Math.min(Math.min(maxLen, dst.remaining()), end - pos);
        dst.put(buf, pos, n);
        skip(n);
        return n;
    }

    @Override
    public int read(ByteBuffer dst) {
        return read(dst, dst.remaining());
    }

    @Override
    public int read(WritableByteChannel dst, int maxLen) throws java.io.IOException {
        int n = dst.write(ByteBuffer.wrap(buf, pos, Math.min(maxLen, end - pos)));
        skip(n);
        return n;
    }

    @Override
    public int read(WritableByteChannel dst) throws java.io.IOException {
        return read(dst, end - pos);
    }

    /**
     * The next line without its CR LF, as ISO-8859-1 characters (HTTP heads are octets); false when
     * no whole line is buffered yet. At the end of the stream the rest counts as a line.
     */
    @Override
    public boolean readLine(CharArrayBuffer dst, boolean endOfStream) {
        int lf = -1;
        for (int i = pos; i < end; i++) {
            if (buf[i] == '\n') {
                lf = i;
                break;
            }
        }
        int stop;
        int next;
        if (lf >= 0) {
            stop = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
            next = lf + 1;
        } else if (endOfStream && end > pos) {
            stop = end;
            next = end;
        } else {
            return false;
        }
        dst.ensureCapacity(stop - pos);
        dst.append(buf, pos, stop - pos);
        skip(next - pos);
        return true;
    }
}
