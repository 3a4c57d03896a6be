package org.msnscope.capture.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a plain file with positional {@code FileChannel} reads into the reader's buffer. Unlike
 * memory-mapped windows (which stay mapped, and count in the process's resident memory, until a
 * garbage collection that a decoder allocating little never triggers), memory stays bounded by
 * the buffer whatever the file's size. A file that grows while it is read is followed.
 */
final class ChannelFileInput implements ByteInput {
    private final FileChannel channel;
    private long position;

    ChannelFileInput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = channel.read(ByteBuffer.wrap(into, offset, length), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public boolean gzipped() {
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
