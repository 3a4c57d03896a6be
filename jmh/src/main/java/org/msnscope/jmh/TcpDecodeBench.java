package org.msnscope.jmh;

import org.msnscope.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Link, IPv4 and TCP header decoding, the flow table lookup and reassembly (no MSNP layer) over
 * 32 MB of packets held in memory, with 100 or 10,000 flows open at once (the second does not fit
 * the CPU caches: that is where batching pays). One operation decodes all of them (ms).
 */
public class TcpDecodeBench extends Bench {
    @Param({"100", "10000"})
    public int flows;
    private RawPacket[] packets;

    @Setup
    public void setup() {
        packets = Captures.packets(Captures.Kind.MSNP, 32L << 20, flows);
    }

    @Benchmark
    public long decodeTcp() {
        return decode(packets, false);
    }
}
