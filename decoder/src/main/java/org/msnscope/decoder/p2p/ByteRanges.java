package org.msnscope.decoder.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of an object received so far, as sorted, disjoint, non-adjacent half-open
 * intervals. Adding a range merges it with its neighbours; the count of separate ranges is what a
 * hostile sender can grow, so the owner checks {@link #count()} against its limit.
 */
final class ByteRanges {
    /** starts[i] .. ends[i] (exclusive), sorted. */
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int n;
    private long covered;

    int count() {
        return n;
    }

    /** Bytes covered. */
    long covered() {
        return covered;
    }

    /** End of the last range, or 0. */
    long end() {
        return n > 0 ? ends[n - 1] : 0;
    }

    /** End of the range that starts at 0, or 0. */
    long prefix() {
        return n > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /** Bytes of [from, to) already covered. */
    long overlap(long from, long to) {
        long sum = 0;
        for (int i = first(from); i < n && starts[i] < to; i++) {
            sum += Math.min(to, ends[i]) - Math.max(from, starts[i]);
        }
        return Math.max(0, sum);
    }

    /** The covered parts of [from, to), as {start, end} pairs. */
    List<long[]> covered(long from, long to) {
        List<long[]> out = new ArrayList<>(2);
        for (int i = first(from); i < n && starts[i] < to; i++) {
            long s = Math.max(from, starts[i]);
            long e = Math.min(to, ends[i]);
            if (s < e) {
                out.add(new long[] {s, e});
            }
        }
        return out;
    }

    /** Index of the first range whose end is after {@code from}. */
    private int first(long from) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds [from, to). */
    void add(long from, long to) {
        if (from >= to) {
            return;
        }
        // fast path: appending to the last range, the in-order case
        if (n > 0 && ends[n - 1] == from) {
            ends[n - 1] = to;
            covered += to - from;
            return;
        }
        int i = 0;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        i = lo;
        // ranges i..j-1 touch or overlap [from, to)
        int j = i;
        long s = from;
        long e = to;
        long removed = 0;
        while (j < n && starts[j] <= to) {
            s = Math.min(s, starts[j]);
            e = Math.max(e, ends[j]);
            removed += ends[j] - starts[j];
            j++;
        }
        if (j == i) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
                ends = java.util.Arrays.copyOf(ends, n * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, n - i);
            System.arraycopy(ends, i, ends, i + 1, n - i);
            n++;
        } else if (j > i + 1) {
            System.arraycopy(starts, j, starts, i + 1, n - j);
            System.arraycopy(ends, j, ends, i + 1, n - j);
            n -= j - i - 1;
        }
        starts[i] = s;
        ends[i] = e;
        covered += (e - s) - removed;
    }

    /** The ranges of [0, size) not covered, as {start, end} pairs (at most {@code max} of them). */
    List<long[]> missing(long size, int max) {
        List<long[]> out = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < n && at < size && out.size() < max; i++) {
            if (starts[i] > at) {
                out.add(new long[] {at, Math.min(starts[i], size)});
            }
            at = Math.max(at, ends[i]);
        }
        if (at < size && out.size() < max) {
            out.add(new long[] {at, size});
        }
        return out;
    }
}
