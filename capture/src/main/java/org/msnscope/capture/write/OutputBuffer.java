package org.msnscope.capture.write;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fixed-size staging buffer both writers fill before handing bytes to their stream, so that a
 * packet costs no allocation and no stream call of its own. Multi-byte values go in the file's byte
 * order.
 */
final class OutputBuffer {
    /** Bytes staged before one write to the underlying stream. */
    static final int CAPACITY = 64 * 1024;

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final OutputStream out;
    private final VarHandle shortHandle;
    private final VarHandle intHandle;
    private final byte[] buf = new byte[CAPACITY];
    private int pos;
    private boolean closed;

    OutputBuffer(OutputStream out, ByteOrder order) {
        if (out == null || order == null) {
            throw new NullPointerException("out and order are required");
        }
        this.out = out;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        this.shortHandle = little ? SHORT_LE : SHORT_BE;
        this.intHandle = little ? INT_LE : INT_BE;
    }

    /** Makes room for {@code n} contiguous bytes, draining the buffer first if needed ({@code n <= CAPACITY}). */
    void reserve(int n) throws IOException {
        ensureOpen();
        if (CAPACITY - pos < n) {
            drain();
        }
    }

    void putShort(int v) {
        shortHandle.set(buf, pos, (short) v);
        pos += 2;
    }

    void putInt(int v) {
        intHandle.set(buf, pos, v);
        pos += 4;
    }

    void putZeros(int n) {
        for (int i = 0; i < n; i++) {
            buf[pos++] = 0;
        }
    }

    /** Appends bytes of any length, going straight to the stream when they do not fit. */
    void putBytes(byte[] data, int off, int len) throws IOException {
        ensureOpen();
        if (len <= CAPACITY - pos) {
            System.arraycopy(data, off, buf, pos, len);
            pos += len;
            return;
        }
        drain();
        if (len <= CAPACITY) {
            System.arraycopy(data, off, buf, 0, len);
            pos = len;
        } else {
            out.write(data, off, len);
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        ensureOpen();
        drain();
        out.flush();
    }

    void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain();
            out.flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("capture writer is closed");
        }
    }

    static int padding(int len) {
        return (4 - (len & 3)) & 3;
    }
}
