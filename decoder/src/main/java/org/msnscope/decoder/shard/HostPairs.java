package org.msnscope.decoder.shard;

import org.msnscope.decoder.net.PacketView;

/**
 * The shard of the last TCP segment seen between two hosts (either direction), for IP fragments,
 * which carry addresses but (after the first) no ports. A fixed table of digests: a pair not in it,
 * or overwritten by another, goes to shard 0.
 */
final class HostPairs {
    private static final int SIZE = 1 << 16;
    private final long[] keys = new long[SIZE];
    private final byte[] shard = new byte[SIZE];

    private static long digest(PacketView v) {
        long a = v.srcHi * 0x9E3779B97F4A7C15L ^ v.srcLo * 0xC2B2AE3D27D4EB4FL;
        long b = v.dstHi * 0x9E3779B97F4A7C15L ^ v.dstLo * 0xC2B2AE3D27D4EB4FL;
        long h = (a + b) ^ (a * b); // the same both ways
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    void put(PacketView v, int s) {
        long d = digest(v);
        int i = (int) d & (SIZE - 1);
        keys[i] = d;
        shard[i] = (byte) s;
    }

    int get(PacketView v) {
        long d = digest(v);
        int i = (int) d & (SIZE - 1);
        return keys[i] == d ? shard[i] : 0;
    }
}
