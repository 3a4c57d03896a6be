package org.msnscope.capture.read;

import java.io.Closeable;
import java.io.IOException;

/** Where a reader's bytes come from: a plain file or a decompressing stream. */
interface ByteInput extends Closeable {
    /**
     * Reads up to {@code length} bytes into {@code into}.
     *
     * @return bytes read (more than 0 when {@code length} is), or -1 at the end of the input
     */
    int read(byte[] into, int offset, int length) throws IOException;

    /** True when the bytes are decompressed from gzip. */
    boolean gzipped();
}
