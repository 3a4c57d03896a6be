package org.msnscope.decoder.net;

/**
 * One decoded packet as offsets into a borrowed buffer: filled again for every packet, valid only
 * until the next one. Addresses are two longs each; IPv4 addresses are stored as IPv4-mapped IPv6
 * ({@code ::ffff:a.b.c.d}) with {@link #v6} false.
 */
public final class PacketView {
    /** Buffer holding the TCP header and payload: the packet's own, or a reassembled datagram. */
    public byte[] buf;
    public boolean v6;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    public int seq;
    public int ack;
    /** TCP flag bits as on the wire (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10). */
    public int flags;
    public int window;
    /** Where the TCP payload starts in {@link #buf}. */
    public int payloadOffset;
    /** Payload bytes present in the capture. */
    public int payloadLength;
    /** Payload bytes the segment had on the wire (from the IP length); larger when snaplen cut it. */
    public int payloadWireLength;
    /** Detail of the last non-TCP result (a malformation), a constant string. */
    public String problem;
    /** A number that goes with {@link #problem}, e.g. the bad length. */
    public long problemValue;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    public boolean fin() {
        return (flags & FIN) != 0;
    }

    public boolean syn() {
        return (flags & SYN) != 0;
    }

    public boolean rst() {
        return (flags & RST) != 0;
    }

    public boolean hasAck() {
        return (flags & ACK) != 0;
    }

    void setV4Addresses(byte[] b, int srcAt) {
        v6 = false;
        srcHi = 0;
        dstHi = 0;
        srcLo = 0xFFFF_0000_0000L | (Bytes.i32(b, srcAt) & 0xFFFF_FFFFL);
        dstLo = 0xFFFF_0000_0000L | (Bytes.i32(b, srcAt + 4) & 0xFFFF_FFFFL);
    }

    void setV6Addresses(byte[] b, int srcAt) {
        v6 = true;
        srcHi = Bytes.i64(b, srcAt);
        srcLo = Bytes.i64(b, srcAt + 8);
        dstHi = Bytes.i64(b, srcAt + 16);
        dstLo = Bytes.i64(b, srcAt + 24);
    }

    NetResult fail(NetResult r, String what, long value) {
        problem = what;
        problemValue = value;
        return r;
    }
}
