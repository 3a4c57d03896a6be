package org.msnscope.decoder.shard;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.Order;

/**
 * One decoder shard: a whole {@link Decoder} of its own (flow table, reassembly, MSNP, P2P, HTTP)
 * on a thread of its own, fed {@link Batch}es by the reading thread and handing {@link Chunk}s of
 * output to the merger. Both hand-overs go through bounded queues of reused buffers, so memory stays
 * bounded and a slow side holds the other back.
 */
final class Shard implements Runnable {
    /** Buffers in flight each way. */
    static final int DEPTH = 4;

    /** The first failure of any thread; every wait looks at it so that nothing hangs after one. */
    static final class Failure {
        private volatile Throwable first;

        void set(Throwable t) {
            synchronized (this) {
                if (first == null) {
                    first = t;
                }
            }
        }

        Throwable get() {
            return first;
        }

        /** Ends the calling thread's work when another thread failed. */
        void check() {
            if (first != null) {
                throw new Stopped();
            }
        }
    }

    /** Thrown to unwind a thread after another one failed. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    final int index;
    private Decoder decoder;
    final BlockingQueue<Batch> input = new ArrayBlockingQueue<>(DEPTH);
    final BlockingQueue<Batch> freeBatches = new ArrayBlockingQueue<>(DEPTH + 1);
    final BlockingQueue<Chunk> output = new ArrayBlockingQueue<>(DEPTH);
    final BlockingQueue<Chunk> freeChunks = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Failure failure;
    private final SharedIds ids;
    private Order order;
    private Chunk chunk;
    private final Chunk.Stream stream = new Chunk.Stream();

    Shard(int index, SharedIds ids, Failure failure) {
        this.index = index;
        this.ids = ids;
        this.failure = failure;
        for (int i = 0; i < DEPTH + 1; i++) {
            freeBatches.add(new Batch());
        }
        for (int i = 0; i < DEPTH + 1; i++) {
            freeChunks.add(new Chunk());
        }
        chunk = freeChunks.poll();
        stream.chunk = chunk;
    }

    /** The stream a serialising sink of this shard writes to. */
    java.io.OutputStream stream() {
        return stream;
    }

    /** An event sink that keeps events (objects) in the current chunk. */
    EventSink keeping() {
        return e -> chunk.add(order, e);
    }

    /** An event sink that writes events through {@code serialiser} (which writes to {@link #stream()}) into the chunk. */
    EventSink writing(ShardedDecoder.Serialiser serialiser) {
        return e -> {
            serialiser.accept(e);
            serialiser.flush();
            chunk.add(order, null);
        };
    }

    /**
     * The shard's decoder, built with one of this shard's sinks; with {@code sharedIds} it takes its
     * ids from the shared counters, else it counts its own (when no id is ever shown).
     */
    void attach(Decoder d, boolean sharedIds) {
        this.decoder = d;
        this.order = d.order();
        if (sharedIds) {
            d.setIds(ids.of(index, order, () -> handOver(order.pos, false)));
        }
    }

    Decoder decoder() {
        return decoder;
    }

    @Override
    public void run() {
        try {
            RawPacket view = new RawPacket();
            while (true) {
                Batch b = take(input);
                for (int i = 0; i < b.count; i++) {
                    long base = b.index[i] * Order.PHASES;
                    ids.passed(index, base);
                    switch (b.kind[i]) {
                        case Batch.PACKET -> {
                            b.view(i, view);
                            decoder.shardPacket(view, b.index[i], b.firstTruncated[i]);
                        }
                        case Batch.EXPIRE -> decoder.shardExpire(b.ts[i], b.digits[i], b.frame[i], b.index[i]);
                        default -> decoder.shardProblem(b.problems.get(b.offset[i]), b.ts[i], b.digits[i], b.frame[i],
                                b.index[i]);
                    }
                }
                long end = b.end;
                boolean last = b.last;
                if (last) {
                    ids.passed(index, Long.MAX_VALUE);
                    decoder.shardFinish(b.finishTs, b.finishDigits, b.finishFrame, end);
                }
                b.clear();
                put(freeBatches, b);
                if (last) {
                    handOver(Long.MAX_VALUE, true);
                    return;
                }
                ids.passed(index, end * Order.PHASES);
                handOver(end * Order.PHASES, false);
            }
        } catch (Stopped e) {
            // another thread failed; it reports
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    /** Gives the merger the current chunk: nothing this shard writes later is before {@code bound}. */
    private void handOver(long bound, boolean last) {
        Chunk c = chunk;
        c.boundPos = bound;
        c.last = last;
        put(output, c);
        chunk = take(freeChunks);
        stream.chunk = chunk;
    }

    <T> T take(BlockingQueue<T> q) {
        return take(q, failure);
    }

    <T> void put(BlockingQueue<T> q, T v) {
        put(q, v, failure);
    }

    static <T> T take(BlockingQueue<T> q, Failure failure) {
        try {
            while (true) {
                T v = q.poll(10, TimeUnit.MILLISECONDS);
                if (v != null) {
                    return v;
                }
                failure.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    static <T> void put(BlockingQueue<T> q, T v, Failure failure) {
        try {
            while (!q.offer(v, 10, TimeUnit.MILLISECONDS)) {
                failure.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
