package org.msnscope.cli.read;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.msnscope.cli.sink.OutputSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.PacketConsumer;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.msnp.session.MsnpLayer;
import org.msnscope.decoder.shard.ShardedDecoder;

/**
 * The decoding a command runs: one {@link Decoder} ({@code --threads 1}) or decoder shards, which
 * deliver the same events in the same order ({@link ShardedDecoder}). Commands set up each decoder
 * alike with {@code setup} and read their layers' counters through {@link #msnp()}.
 */
public final class Decoding {
    /** The most threads used when {@code --threads} is not given (docs/performance.md says why). */
    public static final int MAX_DEFAULT_THREADS = 4;

    private final PacketConsumer consumer;
    private final List<Decoder> decoders;
    private final ShardedDecoder sharded;
    /** One decoder's output sink, written to directly; null with shards (the merger writes). */
    private java.io.Flushable direct;

    private Decoding(PacketConsumer consumer, List<Decoder> decoders, ShardedDecoder sharded) {
        this.consumer = consumer;
        this.decoders = decoders;
        this.sharded = sharded;
    }

    /** Pushes what the sinks hold to the output stream (call once decoding finished). */
    public void flush() throws IOException {
        if (direct != null) {
            direct.flush();
        }
    }

    /** One decoder thread per available processor, at most {@link #MAX_DEFAULT_THREADS}. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** Every event to {@code sink} ({@link EventSink#DISCARD}: counters only), in order, on one thread. */
    public static Decoding events(int threads, Limits limits, EventSink sink, Consumer<Decoder> setup) {
        return events(threads, limits, sink, setup, sink != EventSink.DISCARD);
    }

    /**
     * As {@link #events(int, Limits, EventSink, Consumer)}; {@code idsShown} says whether flow,
     * conversation or transfer ids reach the output some other way than events (extracted files).
     */
    public static Decoding events(int threads, Limits limits, EventSink sink, Consumer<Decoder> setup,
            boolean idsShown) {
        if (threads <= 1) {
            return single(limits, sink, setup);
        }
        ShardedDecoder.Output out = sink != EventSink.DISCARD ? ShardedDecoder.Output.events(sink)
                : idsShown ? ShardedDecoder.Output.discardKeepingIds() : ShardedDecoder.Output.discard();
        ShardedDecoder d = new ShardedDecoder(threads, limits, out, setup);
        return new Decoding(d, d.decoders(), d);
    }

    /**
     * Events written as bytes to {@code out} by sinks {@code perStream} makes: with shards each
     * writes its own events on its own thread and the bytes are put in order.
     */
    public static Decoding written(int threads, Limits limits, Function<OutputStream, OutputSink> perStream,
            OutputStream out, Consumer<Decoder> setup) {
        if (threads <= 1) {
            OutputSink sink = perStream.apply(out);
            Decoding one = single(limits, sink, setup);
            one.direct = sink;
            return one;
        }
        ShardedDecoder d = new ShardedDecoder(threads, limits, ShardedDecoder.Output.bytes(s -> {
            OutputSink sink = perStream.apply(s);
            return new ShardedDecoder.Serialiser() {
                @Override
                public void accept(org.msnscope.decoder.event.Event e) {
                    sink.accept(e);
                }

                @Override
                public void flush() {
                    try {
                        sink.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }, out), setup);
        return new Decoding(d, d.decoders(), d);
    }

    private static Decoding single(Limits limits, EventSink sink, Consumer<Decoder> setup) {
        Decoder d = new Decoder(limits, sink);
        d.setBatching(Decoder.DEFAULT_BATCH);
        setup.accept(d);
        return new Decoding(d, List.of(d), null);
    }

    /** What the capture reader feeds. */
    public PacketConsumer consumer() {
        return consumer;
    }

    /** The capture's first packet's time so far (for relative timelines). */
    public long firstTsNanos() {
        return sharded != null ? sharded.firstTsNanos() : decoders.get(0).stats().firstTsNanos();
    }

    /** Each decoder's MSNP layer (one per shard); empty when MSNP is not decoded. */
    public List<MsnpLayer> msnp() {
        List<MsnpLayer> l = new ArrayList<>();
        for (Decoder d : decoders) {
            if (d.msnp() != null) {
                l.add(d.msnp());
            }
        }
        return l;
    }
}
