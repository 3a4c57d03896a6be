package org.msnscope.capture.read;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a plain file through memory-mapped windows, copying straight from the page cache into the
 * reader's buffer with one absolute bulk get (one copy; {@code FileChannel.read} into a heap array
 * copies twice). A file that grows while it is read (a capture still being written) is followed.
 */
final class MappedFileInput implements ByteInput {
    /** Bytes mapped at a time; windows are released by the garbage collector. */
    static final long WINDOW_BYTES = 64L << 20;

    private final FileChannel channel;
    private long size;
    private long position;
    private MappedByteBuffer window;
    private long windowStart;
    private long windowEnd;

    MappedFileInput(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            size = channel.size();
            if (position >= size) {
                return -1;
            }
        }
        if (window == null || position < windowStart || position >= windowEnd) {
            windowStart = position;
            windowEnd = Math.min(size, position + WINDOW_BYTES);
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, windowEnd - windowStart);
        }
        int n = (int) Math.min(length, windowEnd - position);
        try {
            window.get((int) (position - windowStart), into, offset, n);
        } catch (InternalError e) {
            // The JVM reports a fault on a mapped page (the file shrank underneath) this way.
            throw new IOException("file shrank while being read", e);
        }
        position += n;
        return n;
    }

    @Override
    public boolean gzipped() {
        return false;
    }

    @Override
    public void close() throws IOException {
        window = null;
        channel.close();
    }
}
