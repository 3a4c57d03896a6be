package org.msnscope.decoder.shard;

import java.io.OutputStream;
import java.util.Arrays;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.Order;

/**
 * A shard's output for the merger: events (or their bytes, already written by the shard) each with
 * its place in the single-decoder order, and a bound below which the shard will write nothing more.
 */
final class Chunk {
    int count;
    long[] pos = new long[256];
    long[] a = new long[256];
    long[] b = new long[256];
    long[] c = new long[256];
    Event[] events = new Event[256];
    /** Bytes mode: item {@code i} is {@code bytes[ends[i-1] .. ends[i])}. */
    int[] ends = new int[256];
    byte[] bytes = new byte[1 << 12];
    int used;
    /** Every later item of the shard is at or after this place. */
    long boundPos;
    /** The shard's last chunk. */
    boolean last;

    void clear() {
        if (count > 0 && events[0] != null) {
            Arrays.fill(events, 0, count, null);
        }
        count = 0;
        used = 0;
        last = false;
    }

    private void grow() {
        int n = count * 2;
        pos = Arrays.copyOf(pos, n);
        a = Arrays.copyOf(a, n);
        b = Arrays.copyOf(b, n);
        c = Arrays.copyOf(c, n);
        events = Arrays.copyOf(events, n);
        ends = Arrays.copyOf(ends, n);
    }

    /** One item at the place {@code o} is now: the event, or the bytes written since the last item. */
    void add(Order o, Event e) {
        if (count == pos.length) {
            grow();
        }
        int i = count++;
        pos[i] = o.pos;
        a[i] = o.a;
        b[i] = o.b;
        c[i] = o.c;
        events[i] = e;
        ends[i] = used;
    }

    void write(byte[] src, int off, int len) {
        if (used + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
        }
        System.arraycopy(src, off, bytes, used, len);
        used += len;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Compares item {@code i} with item {@code j} of {@code other}. */
    int compare(int i, Chunk other, int j) {
        return Order.compare(pos[i], a[i], b[i], c[i], other.pos[j], other.a[j], other.b[j], other.c[j]);
    }

    /** Item {@code i} is before everything the shard of {@code other} writes after that chunk. */
    boolean beforeBound(int i, Chunk other) {
        return pos[i] < other.boundPos;
    }

    /** The stream a shard's serialiser writes into: the chunk current at the time. */
    static final class Stream extends OutputStream {
        Chunk chunk;

        @Override
        public void write(int v) {
            chunk.write(new byte[] {(byte) v}, 0, 1);
        }

        @Override
        public void write(byte[] src, int off, int len) {
            chunk.write(src, off, len);
        }
    }
}
