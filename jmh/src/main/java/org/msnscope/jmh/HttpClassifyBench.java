package org.msnscope.jmh;

import org.msnscope.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Web traffic that is not MSN: 32 MB of port-80 connections (GET of an image, full-size response
 * segments) through the whole decoder, which must classify each connection on its first request
 * and then only count its packets. One operation decodes all of it (ms); compare with {@link TcpDecodeBench}, the
 * floor (no layer above TCP).
 */
public class HttpClassifyBench extends Bench {
    private RawPacket[] packets;

    @Setup
    public void setup() {
        // one MSNP session among the web connections: the capture is web traffic only, in effect
        packets = Captures.packets(Captures.Kind.WEB, 32L << 20, 1);
    }

    @Benchmark
    public long webOnly() {
        return decode(packets, true);
    }
}
