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
 * Link, IPv4 and TCP header decoding, the flow table lookup and reassembly (no MSNP layer) over
 * 32 MB of packets held in memory, with 100 or 10,000 flows open at once (the second does not fit
 * the CPU caches: that is where batching pays). One operation decodes all of them (ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpDecodeBench {
    @Param({"100", "10000"})
    public int flows;
    private RawPacket[] packets;

    @Setup
    public void setup() {
        packets = Captures.packets(Captures.Kind.MSNP, 32L << 20, flows);
    }

    @Benchmark
    public long decodeTcp() {
        Decoder d = new Decoder(Limits.defaults(), EventSink.DISCARD);
        d.setBatching(Decoder.DEFAULT_BATCH);
        for (RawPacket p : packets) {
            d.packet(p);
        }
        d.finish();
        return d.stats().flows();
    }
}
