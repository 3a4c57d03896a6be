package org.msnscope.capture.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a gzip file (every member of a multi-member file, in order). The decompressor is
 * created on the first read, so a bad gzip header surfaces there, where the reader translates it.
 */
final class GzipInput implements ByteInput {
    /** Buffer between the file and the inflater, and the inflater's own input buffer. */
    static final int GZIP_BUFFER_BYTES = 64 << 10;

    private final FileChannel channel;
    private InputStream stream;

    GzipInput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (stream == null) {
            channel.position(0);
            stream = new GZIPInputStream(
                    new BufferedInputStream(Channels.newInputStream(channel), GZIP_BUFFER_BYTES), GZIP_BUFFER_BYTES);
        }
        return stream.read(into, offset, length);
    }

    @Override
    public boolean gzipped() {
        return true;
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        channel.close();
    }
}
