package org.msnscope.jmh;

import org.msnscope.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole decoder as {@code read --stats} runs it (TCP, MSNP framing, commands, sessions, MIME,
 * HTTP, P2P; no event records) over 32 MB of each suite capture held in memory. One operation
 * decodes the whole capture: MB/s = 32 / (ms per operation / 1000) * 1.048.
 */
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class MsnpDecodeBench extends Bench {
    @Param({"MSNP", "WEB", "P2P"})
    public Captures.Kind capture;
    private RawPacket[] packets;

    @Setup
    public void setup() {
        packets = Captures.packets(capture, 32L << 20, capture == Captures.Kind.P2P ? 64 : 10_000);
    }

    @Benchmark
    public long decodeStats() {
        return decode(packets, true);
    }
}
