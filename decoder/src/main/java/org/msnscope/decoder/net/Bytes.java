package org.msnscope.decoder.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big- and little-endian reads over a borrowed {@code byte[]}; callers check bounds first. */
public final class Bytes {
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    public static int i32(byte[] b, int i) {
        return (int) BE_INT.get(b, i);
    }

    public static int i32le(byte[] b, int i) {
        return (int) LE_INT.get(b, i);
    }

    public static long i64(byte[] b, int i) {
        return (long) BE_LONG.get(b, i);
    }
}
