package org.msnscope.decoder.tcp;

import org.msnscope.decoder.flow.Flow;

/**
 * A TCP connection: its identity (from {@link Flow}), one {@link TcpReassembler} per direction,
 * and the packet currently being processed for it.
 */
public final class TcpFlow extends Flow {
    final TcpReassembler c2s;
    final TcpReassembler s2c;
    long packets;
    long currentFrame;
    long currentTsNanos;
    int currentTsDigits;
    boolean midstream;

    TcpFlow(TcpContext ctx, long number, boolean v6, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo,
            int dstPort, boolean clientIsSrc) {
        super(number, v6, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, clientIsSrc);
        this.c2s = new TcpReassembler(ctx, this, true);
        this.s2c = new TcpReassembler(ctx, this, false);
    }

    /** Frame number of the packet being processed (or, after the flow ended, its last packet). */
    public long currentFrame() {
        return currentFrame;
    }

    /** True when the capture holds no handshake for this connection (picked up mid-connection). */
    public boolean midstream() {
        return midstream;
    }

    public long currentTsNanos() {
        return currentTsNanos;
    }

    /** Payload bytes delivered client to server (gaps not counted). */
    public long bytesC2s() {
        return c2s.delivered();
    }

    public long bytesS2c() {
        return s2c.delivered();
    }

    /** Holes declared lost, both directions. */
    public long gaps() {
        return c2s.gaps() + s2c.gaps();
    }

    public long gapBytes() {
        return c2s.gapBytes() + s2c.gapBytes();
    }

    /** Packets that belonged to the flow while it was active. */
    public long packets() {
        return packets;
    }

    /**
     * The sequence number of stream offset 0 in one direction, the origin of the offsets the listener
     * is given; empty until that direction has started (its SYN, the peer's SYN-ACK or its first payload).
     * Lets a layer map a packet's sequence number to its place in the stream.
     */
    public java.util.OptionalInt streamBaseSeq(boolean fromClient) {
        TcpReassembler r = direction(fromClient);
        return r.started() ? java.util.OptionalInt.of(r.baseSeq()) : java.util.OptionalInt.empty();
    }

    TcpReassembler direction(boolean fromClient) {
        return fromClient ? c2s : s2c;
    }
}
