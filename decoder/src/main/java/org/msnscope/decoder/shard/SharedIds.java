package org.msnscope.decoder.shard;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.msnscope.decoder.event.Ids;
import org.msnscope.decoder.event.Order;

/**
 * Flow, conversation and transfer numbers in first-seen order across all shards, as one decoder
 * gives them. A shard that starts something at place {@code p} of the capture's order waits until
 * every other shard has passed {@code p}, then counts what they started before it: its number is
 * that count plus its own. Each shard logs the places where it started something (append-only,
 * read by the others) and publishes how far it got; only the shard itself writes either.
 */
final class SharedIds {
    /** Longs between two shards' progress values: each on its own cache line. */
    private static final int STRIDE = 16;

    private final int shards;
    private final AtomicLongArray progress;
    private final Log[][] logs;
    private final Shard.Failure failure;

    SharedIds(int shards, Shard.Failure failure) {
        this.shards = shards;
        this.failure = failure;
        this.progress = new AtomicLongArray(shards * STRIDE + STRIDE);
        this.logs = new Log[shards][Ids.KINDS];
        for (int s = 0; s < shards; s++) {
            for (int k = 0; k < Ids.KINDS; k++) {
                logs[s][k] = new Log();
            }
            progress.set((s + 1) * STRIDE, Long.MIN_VALUE);
        }
    }

    /** Shard {@code s} will start nothing before place {@code pos} any more. */
    void passed(int s, long pos) {
        progress.lazySet((s + 1) * STRIDE, pos);
    }

    private long progressOf(int s) {
        return progress.get((s + 1) * STRIDE);
    }

    /** The numbers shard {@code s} hands out; {@code beforeWait} runs before it has to wait for another shard. */
    Ids of(int s, Order order, Runnable beforeWait) {
        long[] own = new long[Ids.KINDS];
        return kind -> {
            long at = order.pos;
            logs[s][kind].append(at);
            long n = ++own[kind];
            boolean flushed = false;
            for (int t = 0; t < shards; t++) {
                if (t == s) {
                    continue;
                }
                if (progressOf(t) < at) {
                    if (!flushed) {
                        beforeWait.run();
                        flushed = true;
                    }
                    awaitProgress(t, at);
                }
                n += logs[t][kind].countBefore(at);
            }
            return n;
        };
    }

    private void awaitProgress(int t, long at) {
        for (int spins = 0; progressOf(t) < at; spins++) {
            failure.check();
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }

    /** Busy waits before sleeping: the other shard is usually only packets behind. */
    static final int SPINS = 256;
    static final long PARK_NANOS = 20_000;

    /** Places in increasing order, written by one thread, read by any. */
    static final class Log {
        private volatile long[] places = new long[64];
        private volatile int size;

        void append(long place) {
            long[] p = places;
            int n = size;
            if (n == p.length) {
                p = java.util.Arrays.copyOf(p, n * 2);
                places = p;
            }
            p[n] = place;
            size = n + 1;
        }

        /** How many logged places are before {@code place} (the writer has passed it). */
        int countBefore(long place) {
            int n = size; // first the size, then the array: a newer array holds every element up to it
            long[] p = places;
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (p[mid] < place) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
