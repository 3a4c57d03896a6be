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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Web traffic that is not MSN: 32 MB of port-80 connections (GET of an image, full-size response
 * segments) through the whole decoder, which must classify each connection on its first request
 * and then only count its packets. One operation decodes all of it (ms); compare with {@link TcpDecodeBench}, the
 * floor (no layer above TCP).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpClassifyBench {
    private RawPacket[] packets;

    @Setup
    public void setup() {
        // one MSNP session among the web connections: the capture is web traffic only, in effect
        packets = Captures.packets(Captures.Kind.WEB, 32L << 20, 1);
    }

    @Benchmark
    public long webOnly() {
        Decoder d = new Decoder(Limits.defaults(), EventSink.DISCARD);
        d.setBatching(Decoder.DEFAULT_BATCH);
        var msnp = d.enableMsnp();
        for (RawPacket p : packets) {
            d.packet(p);
        }
        d.finish();
        return msnp.commands() + d.stats().packets();
    }
}
