package org.msnscope.decoder.shard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.DecodeStats;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.PacketConsumer;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;
import org.msnscope.decoder.tcp.TcpTracker;

/**
 * Decodes with several {@link Decoder}s at once, one per shard of the hosts ({@link ShardKey}),
 * and delivers exactly what one decoder would: the same events in the same order, the same ids,
 * the same counters. The calling thread reads and dispatches: it decodes just enough of each
 * packet to pick its shard, copies it into that shard's batch, and tells every shard about the
 * packets at which one decoder expires idle flows (once per second of capture time) so that all
 * expire at the same place. A merger thread takes the shards' output, each item marked with its
 * place in the one-decoder order ({@link org.msnscope.decoder.event.Order}), and delivers it in that
 * order. Ids come from {@link SharedIds}.
 */
public final class ShardedDecoder implements PacketConsumer {
    /** Packets per dispatched range: every shard gets a batch per range, even an empty one. */
    static final int RANGE = 512;

    /** A sink that writes events as bytes (JSON Lines, text) to a stream it was made with. */
    public interface Serialiser extends EventSink {
        /** Pushes everything accepted so far to the stream. */
        void flush();
    }

    /** What becomes of the shards' events. */
    public static final class Output {
        final EventSink target;
        final Function<OutputStream, Serialiser> serialisers;
        final OutputStream out;
        final boolean ids;

        private Output(EventSink target, Function<OutputStream, Serialiser> serialisers, OutputStream out,
                boolean ids) {
            this.target = target;
            this.serialisers = serialisers;
            this.out = out;
            this.ids = ids;
        }

        private Output(EventSink target, Function<OutputStream, Serialiser> serialisers, OutputStream out) {
            this(target, serialisers, out, true);
        }

        /**
         * Nobody reads the events (counters only): the shards skip building them, and since no id
         * is ever shown each shard numbers its flows, conversations and transfers itself (no shard
         * waits for another).
         */
        public static Output discard() {
            return new Output(EventSink.DISCARD, null, null, false);
        }

        /**
         * No events, but ids are seen elsewhere (e.g. extracted files are named by transfer):
         * they are numbered across shards as one decoder numbers them.
         */
        public static Output discardKeepingIds() {
            return new Output(EventSink.DISCARD, null, null, true);
        }

        /** Every event goes to {@code target}, in order, from the merging thread. */
        public static Output events(EventSink target) {
            return new Output(target, null, null);
        }

        /**
         * Each shard writes its events with a serialiser of its own (made by {@code perShard} for a
         * stream of the shard's); the merger copies their bytes to {@code out} in order.
         */
        public static Output bytes(Function<OutputStream, Serialiser> perShard, OutputStream out) {
            return new Output(null, perShard, out);
        }
    }

    private final Shard[] shards;
    private final Batch[] current;
    private final Shard.Failure failure = new Shard.Failure();
    private final ShardKey key;
    private final PacketDecoder net;
    private final PacketView view = new PacketView();
    private final long granularity;
    private final Output output;
    private final List<Thread> threads = new ArrayList<>();
    private long count;
    private int inRange;
    private long lastExpiry = TcpTracker.NEVER_EXPIRED;
    private long truncated;
    /** Shards that were given IP fragments: they expire them on every packet. */
    private final boolean[] fragments;
    private boolean anyFragments;
    /** The shard of the last TCP segment between two hosts: where their fragments go. */
    private final HostPairs pairs = new HostPairs();
    private long firstTs;
    private long lastTs;
    private int lastDigits = 6;
    private long lastFrame;
    private boolean finished;

    /**
     * @param setup called once per shard's decoder (e.g. {@link Decoder#enableMsnp()}); sinks it
     *              installs (transfers) are called from the shard's thread
     */
    public ShardedDecoder(int n, Limits limits, Output output, Consumer<Decoder> setup) {
        if (n < 2) {
            throw new IllegalArgumentException("sharding needs two shards or more");
        }
        this.output = output;
        this.key = new ShardKey(n);
        this.net = new PacketDecoder(limits, new Emitter(EventSink.DISCARD));
        this.granularity = TcpTracker.granularityNanos(limits);
        SharedIds ids = new SharedIds(n, failure);
        // every shard gets its share of the tables' limits: n threads hold no more than one decoder
        Limits share = limits.perShard(n);
        shards = new Shard[n];
        current = new Batch[n];
        fragments = new boolean[n];
        for (int i = 0; i < n; i++) {
            Shard s = new Shard(i, ids, failure);
            EventSink sink = output.serialisers != null ? s.writing(output.serialisers.apply(s.stream()))
                    : output.target == EventSink.DISCARD ? EventSink.DISCARD : s.keeping();
            Decoder d = new Decoder(share, sink);
            s.attach(d, output.ids);
            setup.accept(d);
            shards[i] = s;
            current[i] = s.freeBatches.poll();
        }
        for (Shard s : shards) {
            start(s, "msnscope-shard-" + s.index);
        }
        start(new Merger(shards, output, failure), "msnscope-merge");
    }

    private void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** The shards' decoders (their layers' counters add up to one decoder's). */
    public List<Decoder> decoders() {
        List<Decoder> l = new ArrayList<>();
        for (Shard s : shards) {
            l.add(s.decoder());
        }
        return l;
    }

    /** The capture's first packet's time (known as soon as it is read). */
    public long firstTsNanos() {
        return firstTs;
    }

    @Override
    public void packet(RawPacket p) {
        long idx = count++;
        long ts = p.timestampNanos;
        if (idx == 0) {
            firstTs = ts;
        }
        lastTs = ts;
        lastDigits = p.timestampDigits;
        lastFrame = p.frameNumber;
        NetResult r = net.peek(p, view);
        int s;
        if (r == NetResult.TCP) {
            s = key.of(view);
            pairs.put(view, s);
        } else if (r == NetResult.FRAGMENT) {
            // reassembled where the hosts' connections are (their segments so far went there)
            s = pairs.get(view);
            fragments[s] = true;
            anyFragments = true;
        } else {
            s = 0; // not TCP or malformed: one shard, so the reports keep one decoder's rhythm
        }
        boolean tick = TcpTracker.expiryDue(ts, lastExpiry, granularity);
        if (tick) {
            lastExpiry = ts;
        }
        current[s].packet(p, idx, p.truncated() && truncated++ == 0);
        if (tick) {
            for (int t = 0; t < current.length; t++) {
                if (t != s) {
                    current[t].expire(p, idx);
                }
            }
        } else if (anyFragments) {
            for (int t = 0; t < current.length; t++) {
                if (t != s && fragments[t]) {
                    current[t].expire(p, idx); // fragments time out on any packet
                }
            }
        }
        if (++inRange == RANGE) {
            deliver(false);
        }
    }

    @Override
    public void captureProblem(CaptureProblem problem) {
        current[0].problem(problem, count, lastTs, lastDigits, lastFrame);
    }

    private void deliver(boolean last) {
        inRange = 0;
        try {
            for (int t = 0; t < shards.length; t++) {
                Batch b = current[t];
                b.end = count;
                b.last = last;
                b.finishTs = lastTs;
                b.finishDigits = lastDigits;
                b.finishFrame = lastFrame;
                shards[t].put(shards[t].input, b);
                current[t] = last ? null : shards[t].take(shards[t].freeBatches);
            }
        } catch (Shard.Stopped e) {
            rethrow();
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (failure.get() == null) {
            deliver(true);
        }
        join();
        rethrow();
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
            failure.set(new Shard.Stopped());
            join();
        }
    }

    private void join() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t == null || t instanceof Shard.Stopped) {
            if (t != null) {
                throw new IllegalStateException("decoding stopped");
            }
            return;
        }
        if (t instanceof IOException e) {
            throw new UncheckedIOException(e); // the output failed: the command says so
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t);
    }

    @Override
    public DecodeStats stats() {
        List<DecodeStats> all = new ArrayList<>();
        for (Shard s : shards) {
            all.add(s.decoder().stats());
        }
        return DecodeStats.sum(all, firstTs, lastTs);
    }

    /** Delivers the shards' output in the one-decoder order. */
    private static final class Merger implements Runnable {
        private final Shard[] shards;
        private final Output output;
        private final Shard.Failure failure;

        Merger(Shard[] shards, Output output, Shard.Failure failure) {
            this.shards = shards;
            this.output = output;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                merge();
            } catch (Shard.Stopped e) {
                // another thread failed; it reports
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        private void merge() throws IOException {
            int n = shards.length;
            Chunk[] cur = new Chunk[n];
            int[] at = new int[n];
            for (int t = 0; t < n; t++) {
                cur[t] = shards[t].take(shards[t].output);
            }
            while (true) {
                // move past chunks used up, as far as the shards have handed over more
                int open = 0;
                for (int t = 0; t < n; t++) {
                    while (cur[t] != null && at[t] == cur[t].count) {
                        if (cur[t].last) {
                            recycle(t, cur[t]);
                            cur[t] = null;
                            break;
                        }
                        Chunk next = shards[t].output.poll();
                        if (next == null) {
                            break;
                        }
                        recycle(t, cur[t]);
                        cur[t] = next;
                        at[t] = 0;
                    }
                    if (cur[t] != null) {
                        open++;
                    }
                }
                if (open == 0) {
                    return;
                }
                int best = -1;
                for (int t = 0; t < n; t++) {
                    if (cur[t] != null && at[t] < cur[t].count
                            && (best < 0 || cur[t].compare(at[t], cur[best], at[best]) < 0)) {
                        best = t;
                    }
                }
                // a shard with nothing handed over may still write something before the best item
                int wait = -1;
                for (int t = 0; t < n; t++) {
                    if (cur[t] != null && at[t] == cur[t].count
                            && (best < 0 || !cur[best].beforeBound(at[best], cur[t]))
                            && (wait < 0 || cur[t].boundPos < cur[wait].boundPos)) {
                        wait = t;
                    }
                }
                if (wait >= 0) {
                    Chunk next = shards[wait].take(shards[wait].output);
                    recycle(wait, cur[wait]);
                    cur[wait] = next;
                    at[wait] = 0;
                    continue;
                }
                emit(cur[best], at[best]++);
            }
        }

        private void emit(Chunk c, int i) throws IOException {
            if (output.serialisers != null) {
                int start = c.start(i);
                output.out.write(c.bytes, start, c.ends[i] - start);
            } else {
                output.target.accept(c.events[i]);
            }
        }

        private void recycle(int t, Chunk c) {
            c.clear();
            shards[t].freeChunks.offer(c);
        }
    }
}
