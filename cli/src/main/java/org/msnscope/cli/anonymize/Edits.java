package org.msnscope.cli.anonymize;

import java.util.Arrays;

/**
 * The changes to one direction of one TCP stream: ranges of the original stream, each replaced by
 * new bytes (of any length) or by zeros (of the same length). Sealed once the stream has been read,
 * they map every original stream offset to its offset in the rewritten stream (outside edits a
 * constant shift, inside an edit in proportion to its new length, so a packet that ended inside a
 * rewritten command still ends inside it) and give each packet its new payload. A packet's bytes
 * outside edits are its own, so a retransmission keeps whatever it carried.
 */
final class Edits {
    private long[] starts = new long[8];
    private long[] oldLens = new long[8];
    private byte[][] repls = new byte[8][];
    /** The original bytes of each replaced range (null for zeroed ones), to tell retransmissions that differ. */
    private byte[][] origs = new byte[8][];
    private long[] newStarts;
    private int n;
    private boolean sealed;
    /** Payload bytes written as zeros so far (packets of zeroed ranges). */
    long zeroedOut;

    /** Original bytes {@code orig} at {@code start} become {@code repl}. */
    void replace(long start, byte[] orig, byte[] repl) {
        add(start, orig.length, repl, orig);
    }

    /** Original bytes [start, start+len) become zeros. */
    void zero(long start, long len) {
        add(start, len, null, null);
    }

    int size() {
        return n;
    }

    private void add(long start, long oldLen, byte[] repl, byte[] orig) {
        if (sealed) {
            throw new IllegalStateException("edits sealed");
        }
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            oldLens = Arrays.copyOf(oldLens, n * 2);
            repls = Arrays.copyOf(repls, n * 2);
            origs = Arrays.copyOf(origs, n * 2);
        }
        starts[n] = start;
        oldLens[n] = oldLen;
        repls[n] = repl;
        origs[n] = orig;
        n++;
    }

    /** Orders the edits (dropping any that overlaps an earlier one) and computes where each lands. */
    void seal() {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
        long[] s = new long[n];
        long[] o = new long[n];
        byte[][] r = new byte[n][];
        byte[][] g = new byte[n][];
        int m = 0;
        long end = Long.MIN_VALUE;
        for (int k : order) {
            if (starts[k] < end) {
                continue;
            }
            s[m] = starts[k];
            o[m] = oldLens[k];
            r[m] = repls[k];
            g[m] = origs[k];
            end = s[m] + o[m];
            m++;
        }
        starts = s;
        oldLens = o;
        repls = r;
        origs = g;
        n = m;
        newStarts = new long[n];
        long shift = 0;
        for (int i = 0; i < n; i++) {
            newStarts[i] = starts[i] + shift;
            shift += newLen(i) - oldLens[i];
        }
        sealed = true;
    }

    private long newLen(int i) {
        return repls[i] == null ? oldLens[i] : repls[i].length;
    }

    /** Where original stream offset {@code o} is in the rewritten stream. */
    long newPos(long o) {
        int i = lastStartingAtOrBefore(o);
        if (i < 0) {
            return o;
        }
        long into = o - starts[i];
        if (into >= oldLens[i]) {
            return newStarts[i] + newLen(i) + (into - oldLens[i]);
        }
        if (repls[i] == null) {
            return newStarts[i] + into;
        }
        return newStarts[i] + into * repls[i].length / oldLens[i];
    }

    private int lastStartingAtOrBefore(long o) {
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= o) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * The rewritten bytes of the original range [at, at+len), whose original bytes (as this packet
     * carried them) are {@code b[off..off+len)}.
     */
    byte[] rewrite(long at, byte[] b, int off, int len) {
        long from = newPos(at);
        long to = newPos(at + len);
        byte[] out = new byte[(int) (to - from)];
        int j = firstEndingAfter(from);
        long q = from;
        while (q < to) {
            if (j < n && newStarts[j] <= q) {
                long end = Math.min(to, newStarts[j] + newLen(j));
                if (repls[j] != null) {
                    System.arraycopy(repls[j], (int) (q - newStarts[j]), out, (int) (q - from), (int) (end - q));
                    markDifferences(j, at, b, off, len, out, from);
                } else {
                    zeroedOut += end - q;
                }
                q = end;
                j++;
            } else {
                long end = j < n ? Math.min(to, newStarts[j]) : to;
                long shift = j == 0 ? 0 : newStarts[j - 1] + newLen(j - 1) - starts[j - 1] - oldLens[j - 1];
                long o = q - shift;
                System.arraycopy(b, off + (int) (o - at), out, (int) (q - from), (int) (end - q));
                q = end;
            }
        }
        return out;
    }

    /**
     * Where this packet's copy of edit {@code j}'s original bytes differs from the copy the stream
     * was read with (a retransmission with other bytes), its new bytes differ too, at the matching
     * places: the decode of the output still sees the conflict, and nothing of the other copy.
     */
    private void markDifferences(int j, long at, byte[] b, int off, int len, byte[] out, long from) {
        byte[] orig = origs[j];
        long lo = Math.max(at, starts[j]);
        long hi = Math.min(at + len, starts[j] + oldLens[j]);
        for (long x = lo; x < hi; x++) {
            if (b[off + (int) (x - at)] != orig[(int) (x - starts[j])]) {
                long y = newStarts[j] + (x - starts[j]) * repls[j].length / oldLens[j];
                if (y >= from && y - from < out.length) {
                    out[(int) (y - from)] = other(out[(int) (y - from)]);
                }
            }
        }
    }

    private static byte other(byte c) {
        if (c >= 'a' && c <= 'z') {
            return (byte) (c == 'z' ? 'a' : c + 1);
        }
        if (c >= 'A' && c <= 'Z') {
            return (byte) (c == 'Z' ? 'A' : c + 1);
        }
        if (c >= '0' && c <= '9') {
            return (byte) (c == '9' ? '0' : c + 1);
        }
        return (byte) (c == 'x' ? 'y' : 'x');
    }

    /** The first edit whose new range ends after {@code q}. */
    private int firstEndingAfter(long q) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (newStarts[mid] + newLen(mid) <= q) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
