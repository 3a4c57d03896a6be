package org.msnscope.capture.read;

import java.io.IOException;
import java.io.InputStream;

/** Bytes from a stream that cannot seek: standard input, a pipe, a FIFO; gzip already unwrapped. */
final class StreamInput implements ByteInput {
    private final InputStream in;
    private final boolean gzipped;

    StreamInput(InputStream in, boolean gzipped) {
        this.in = in;
        this.gzipped = gzipped;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        return length == 0 ? 0 : in.read(into, offset, length);
    }

    @Override
    public boolean gzipped() {
        return gzipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
