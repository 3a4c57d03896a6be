package org.msnscope.decoder.event;

/**
 * The place of the work being done in the order one decoder would do it, so that decoder shards'
 * events can be merged back into exactly that order. {@link #pos} is the packet's index in the
 * capture times {@link #PHASES} plus the phase within it; {@link #a} and {@link #b} order the work
 * of one phase that several shards do at once (idle expiry: the flow's last activity and number;
 * the end of the capture: a flow's number or a transfer's last activity). Only sharded decoding
 * sets it; one decoder leaves it alone.
 */
public final class Order {
    /** The capture reader's problem reported before this packet's own work (see {@code Decoder.captureProblem}). */
    public static final int PROBLEM = 0;
    /** The first-truncated-packet report. */
    public static final int PRE = 1;
    /** Idle expiry of flows, on the packet that crosses a second of capture time. */
    public static final int EXPIRY = 2;
    /** Expiry of IP fragments. */
    public static final int FRAGMENTS = 3;
    /** The packet's own decoding. */
    public static final int PACKET = 4;
    /** Phases per packet. */
    public static final int PHASES = 5;

    public long pos;
    public long a;
    public long b;
    public long c;

    public void set(long pos, long a, long b, long c) {
        this.pos = pos;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** The sub-order of work within a phase. */
    public void sub(long a, long b, long c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** A copy of this place into {@code to}: {pos, a, b}. */
    public void copyTo(long[] to) {
        to[0] = pos;
        to[1] = a;
        to[2] = b;
    }

    /** Lexicographic comparison of two places. */
    public static int compare(long p1, long a1, long b1, long c1, long p2, long a2, long b2, long c2) {
        int r = Long.compare(p1, p2);
        if (r == 0) {
            r = Long.compare(a1, a2);
        }
        if (r == 0) {
            r = Long.compare(b1, b2);
        }
        if (r == 0) {
            r = Long.compare(c1, c2);
        }
        return r;
    }
}
