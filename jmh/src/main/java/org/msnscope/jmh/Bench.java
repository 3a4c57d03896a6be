package org.msnscope.jmh;

import java.util.concurrent.TimeUnit;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.EventSink;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark shares (JMH's annotations are inherited; a benchmark overrides the
 * time unit where its operation is small): average time per operation, 3 warm-up and 5 measured
 * iterations of 2 s, one fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class Bench {
    /**
     * Decodes the packets as the commands do (batched), through MSNP and everything above it when
     * {@code msnp}, else only up to TCP; returns a figure that depends on the work (packets plus commands).
     */
    static long decode(RawPacket[] packets, boolean msnp) {
        Decoder d = new Decoder(Limits.defaults(), EventSink.DISCARD);
        d.setBatching(Decoder.DEFAULT_BATCH);
        var layer = msnp ? d.enableMsnp() : null;
        for (RawPacket p : packets) {
            d.packet(p);
        }
        d.finish();
        return d.stats().packets() + d.stats().flows() + (layer == null ? 0 : layer.commands());
    }
}
