package org.msnscope.jmh;

import java.util.concurrent.TimeUnit;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.EventSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole decoder as {@code read --stats} runs it (TCP, MSNP framing, commands, sessions, MIME,
 * HTTP, P2P; no event records) over 32 MB of each suite capture held in memory. One operation
 * decodes the whole capture: MB/s = 32 / (ms per operation / 1000) * 1.048.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MsnpDecodeBench {
    @Param({"MSNP", "WEB", "P2P"})
    public Captures.Kind capture;
    private RawPacket[] packets;

    @Setup
    public void setup() {
        packets = Captures.packets(capture, 32L << 20, capture == Captures.Kind.P2P ? 64 : 10_000);
    }

    @Benchmark
    public long decodeStats() {
        Decoder d = new Decoder(Limits.defaults(), EventSink.DISCARD);
        d.setBatching(Decoder.DEFAULT_BATCH);
        var msnp = d.enableMsnp();
        for (RawPacket p : packets) {
            d.packet(p);
        }
        d.finish();
        return msnp.commands();
    }
}
