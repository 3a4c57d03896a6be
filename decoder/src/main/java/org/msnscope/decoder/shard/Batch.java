package org.msnscope.decoder.shard;

import java.util.ArrayList;
import java.util.List;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.RawPacket;

/**
 * What one shard gets of a range of the capture's packets: its own packets (copied into one
 * reused buffer), the other packets at which it must expire idle state, and the reader's problems.
 * Reused: no allocation per packet once the buffers have grown.
 */
final class Batch {
    static final byte PACKET = 0;
    static final byte EXPIRE = 1;
    static final byte PROBLEM = 2;

    byte[] arena = new byte[1 << 16];
    int used;
    int count;
    byte[] kind = new byte[64];
    long[] index = new long[64];
    long[] ts = new long[64];
    long[] frame = new long[64];
    int[] digits = new int[64];
    int[] offset = new int[64];
    int[] captured = new int[64];
    int[] original = new int[64];
    int[] link = new int[64];
    boolean[] firstTruncated = new boolean[64];
    final List<CaptureProblem> problems = new ArrayList<>();
    private final List<RawPacket> odds = new ArrayList<>();
    /** The index of the first packet after this range. */
    long end;
    /** The capture is over after this batch ({@link #end} packets). */
    boolean last;
    /** The capture's last packet's stamp, for what ends with it. */
    long finishTs;
    int finishDigits = 6;
    long finishFrame;

    void clear() {
        used = 0;
        count = 0;
        problems.clear();
        odds.clear();
        last = false;
    }

    private int slot(byte k, long idx, long tsNanos, int tsDigits, long frameNumber) {
        if (count == kind.length) {
            int n = count * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            index = java.util.Arrays.copyOf(index, n);
            ts = java.util.Arrays.copyOf(ts, n);
            frame = java.util.Arrays.copyOf(frame, n);
            digits = java.util.Arrays.copyOf(digits, n);
            offset = java.util.Arrays.copyOf(offset, n);
            captured = java.util.Arrays.copyOf(captured, n);
            original = java.util.Arrays.copyOf(original, n);
            link = java.util.Arrays.copyOf(link, n);
            firstTruncated = java.util.Arrays.copyOf(firstTruncated, n);
        }
        int i = count++;
        kind[i] = k;
        index[i] = idx;
        ts[i] = tsNanos;
        digits[i] = tsDigits;
        frame[i] = frameNumber;
        return i;
    }

    /** A packet of this shard; its bytes are copied (the reader reuses its buffer). */
    void packet(RawPacket p, long idx, boolean first) {
        int i = slot(PACKET, idx, p.timestampNanos, p.timestampDigits, p.frameNumber);
        firstTruncated[i] = first;
        byte[] d = p.data;
        if (d == null || p.offset < 0 || p.capturedLength < 0 || p.capturedLength > d.length - p.offset) {
            // a view the decoder will find fault with: keep it exactly as it was (never from the readers)
            RawPacket odd = new RawPacket();
            odd.set(p);
            odd.data = d == null ? null : d.clone();
            offset[i] = -1 - odds.size();
            odds.add(odd);
            return;
        }
        int len = p.capturedLength;
        if (used + len > arena.length) {
            arena = java.util.Arrays.copyOf(arena, Math.max(arena.length * 2, used + len));
        }
        System.arraycopy(d, p.offset, arena, used, len);
        offset[i] = used;
        used += len;
        captured[i] = len;
        original[i] = p.originalLength;
        link[i] = p.linkType;
    }

    /** Another shard's packet at which this one expires idle flows and fragments. */
    void expire(RawPacket p, long idx) {
        slot(EXPIRE, idx, p.timestampNanos, p.timestampDigits, p.frameNumber);
    }

    /** A reader's problem after {@code idx} packets, the last of them stamped as given. */
    void problem(CaptureProblem problem, long idx, long tsNanos, int tsDigits, long frameNumber) {
        int i = slot(PROBLEM, idx, tsNanos, tsDigits, frameNumber);
        offset[i] = problems.size();
        problems.add(problem);
    }

    /** Entry {@code i} as a packet view over the arena. */
    void view(int i, RawPacket into) {
        if (offset[i] < 0) {
            into.set(odds.get(-1 - offset[i]));
            return;
        }
        into.data = arena;
        into.offset = offset[i];
        into.capturedLength = captured[i];
        into.originalLength = original[i];
        into.timestampNanos = ts[i];
        into.timestampDigits = digits[i];
        into.frameNumber = frame[i];
        into.linkType = link[i];
    }
}
