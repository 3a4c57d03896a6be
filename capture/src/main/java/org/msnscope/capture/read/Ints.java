package org.msnscope.capture.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Multi-byte integers read in place from a byte array, in the file's byte order. */
final class Ints {
    private Ints() {
    }

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** 32 bits; {@code swap} means the file is big-endian. */
    static int i32(byte[] b, int at, boolean swap) {
        int v = (int) I32.get(b, at);
        return swap ? Integer.reverseBytes(v) : v;
    }

    static long u32(byte[] b, int at, boolean swap) {
        return i32(b, at, swap) & 0xFFFF_FFFFL;
    }

    static int u16(byte[] b, int at, boolean swap) {
        short v = (short) I16.get(b, at);
        return (swap ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    static long i64(byte[] b, int at, boolean swap) {
        return (u32(b, at, swap) << (swap ? 32 : 0)) | (u32(b, at + 4, swap) << (swap ? 0 : 32));
    }

    /** 32 bits as they appear in the file, first byte most significant (for magic numbers). */
    static int magic(byte[] b, int at) {
        return (int) I32_BE.get(b, at);
    }
}
