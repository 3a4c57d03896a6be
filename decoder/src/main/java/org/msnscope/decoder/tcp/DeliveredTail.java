package org.msnscope.decoder.tcp;

/**
 * The last bytes one direction delivered, in a ring, so that a retransmission of bytes already
 * handed upward can still be compared with the first copy. Only what is retained can be checked:
 * a retransmission reaching further back than the ring passes unchecked.
 */
final class DeliveredTail {
    private final byte[] ringCopy;
    /** Stream offset just past the last recorded byte. */
    private long end;
    /** How many bytes before {@link #end} the ring covers (at most its size), the last gap included. */
    private int filled;
    /** The most recent gap inside the covered range: offsets the ring holds nothing for. */
    private long gapFrom = -1;
    private long gapTo = -1;

    DeliveredTail(int size) {
        this.ringCopy = new byte[size];
    }

    int size() {
        return ringCopy.length;
    }

    /**
     * Records delivered bytes starting at stream offset {@code at}. A forward jump (a gap) shorter
     * than the ring is remembered as unknown bytes so what came before it stays comparable; an
     * older gap, or a longer jump, forgets everything before it.
     */
    void record(long at, byte[] buf, int off, int len) {
        int n = ringCopy.length;
        if (at != end) {
            if (at > end && at - end < n) {
                if (gapTo >= 0) {
                    filled = (int) Math.min(filled, end - gapTo);
                }
                gapFrom = end;
                gapTo = at;
                filled = (int) Math.min(n, filled + (at - end));
            } else {
                filled = 0;
                gapFrom = -1;
                gapTo = -1;
            }
            end = at;
        }
        if (len > n) { // only the last n bytes can be retained
            int skip = len - n;
            off += skip;
            end += skip;
            len = n;
        }
        int pos = (int) Math.floorMod(end, (long) n);
        int first = Math.min(len, n - pos);
        System.arraycopy(buf, off, ringCopy, pos, first);
        if (first < len) {
            System.arraycopy(buf, off + first, ringCopy, 0, len - first);
        }
        end += len;
        filled = Math.min(n, filled + len);
    }

    /**
     * Compares stream bytes [from, from+len) with {@code buf[off..]} where both are known.
     *
     * @return the stream offset of the first differing byte, or -1 when all retained bytes agree
     */
    long firstDifference(long from, byte[] buf, int off, int len) {
        long lo = Math.max(from, end - filled);
        long hi = Math.min(from + len, end);
        int n = ringCopy.length;
        for (long o = lo; o < hi; o++) {
            if (o >= gapFrom && o < gapTo) {
                continue;
            }
            if (ringCopy[(int) Math.floorMod(o, (long) n)] != buf[off + (int) (o - from)]) {
                return o;
            }
        }
        return -1;
    }
}
