package org.msnscope.decoder;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;

/** Builds link, IP and TCP headers for tests (checksums left zero: the decoder never checks them). */
public final class TestPackets {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private TestPackets() {
    }

    public static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }

    public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload) {
        byte[] h = new byte[20 + payload.length];
        put16(h, 0, sport);
        put16(h, 2, dport);
        put32(h, 4, seq);
        put32(h, 8, ack);
        h[12] = 0x50;
        h[13] = (byte) flags;
        put16(h, 14, 65535);
        System.arraycopy(payload, 0, h, 20, payload.length);
        return h;
    }

    public static byte[] udp(int sport, int dport, byte[] payload) {
        byte[] h = new byte[8 + payload.length];
        put16(h, 0, sport);
        put16(h, 2, dport);
        put16(h, 4, h.length);
        System.arraycopy(payload, 0, h, 8, payload.length);
        return h;
    }

    /** IPv4 header (IHL 5) + payload; fragField = flags and fragment offset (in 8-byte units) as on the wire. */
    public static byte[] ipv4(String src, String dst, int proto, int id, int fragField, byte[] payload) {
        byte[] h = new byte[20 + payload.length];
        h[0] = 0x45;
        put16(h, 2, h.length);
        put16(h, 4, id);
        put16(h, 6, fragField);
        h[8] = 64;
        h[9] = (byte) proto;
        System.arraycopy(addr(src), 0, h, 12, 4);
        System.arraycopy(addr(dst), 0, h, 16, 4);
        System.arraycopy(payload, 0, h, 20, payload.length);
        return h;
    }

    public static byte[] ipv4(String src, String dst, byte[] tcp) {
        return ipv4(src, dst, 6, 1, 0x4000, tcp);
    }

    /** IPv6 header + payload (which may begin with extension headers named by nextHeader). */
    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        byte[] h = new byte[40 + payload.length];
        h[0] = 0x60;
        put16(h, 4, payload.length);
        h[6] = (byte) nextHeader;
        h[7] = 64;
        System.arraycopy(addr(src), 0, h, 8, 16);
        System.arraycopy(addr(dst), 0, h, 24, 16);
        System.arraycopy(payload, 0, h, 40, payload.length);
        return h;
    }

    /** An IPv6 extension header of 8 bytes (hop-by-hop, routing, destination options). */
    public static byte[] ext8(int next) {
        return bytes(next, 0, 0, 0, 0, 0, 0, 0);
    }

    /** An IPv6 AH header of 12 bytes (payload length field 1: (1 + 2) * 4). */
    public static byte[] ah(int next) {
        byte[] h = new byte[12];
        h[0] = (byte) next;
        h[1] = 1;
        return h;
    }

    public static byte[] fragment6(int next, int offset, boolean more, int id) {
        byte[] h = new byte[8];
        h[0] = (byte) next;
        put16(h, 2, offset | (more ? 1 : 0));
        put32(h, 4, id);
        return h;
    }

    /** Ethernet II with optional tags: pairs of (TPID, TCI) in order from the outside in. */
    public static byte[] ethernet(int etherType, byte[] payload, int... tags) {
        byte[] h = new byte[14 + tags.length * 2];
        for (int i = 0; i < 12; i++) {
            h[i] = (byte) (i + 1);
        }
        int at = 12;
        for (int i = 0; i < tags.length; i += 2) {
            put16(h, at, tags[i]);
            put16(h, at + 2, tags[i + 1]);
            at += 4;
        }
        put16(h, at, etherType);
        return concat(h, payload);
    }

    public static byte[] sll(int protocol, byte[] payload) {
        byte[] h = new byte[16];
        put16(h, 2, 1); // ARPHRD_ETHER
        put16(h, 4, 6);
        put16(h, 14, protocol);
        return concat(h, payload);
    }

    public static byte[] sll2(int protocol, byte[] payload) {
        byte[] h = new byte[20];
        put16(h, 0, protocol);
        put16(h, 8, 1);
        h[11] = 6;
        return concat(h, payload);
    }

    /** BSD NULL (host order given) or LOOP (always big-endian) header. */
    public static byte[] loopback(int family, boolean littleEndian, byte[] payload) {
        byte[] h = new byte[4];
        if (littleEndian) {
            h[0] = (byte) family;
            h[1] = (byte) (family >>> 8);
        } else {
            put32(h, 0, family);
        }
        return concat(h, payload);
    }

    public static RawPacket raw(int linkType, byte[] frame, long frameNumber, long tsNanos) {
        RawPacket p = new RawPacket();
        p.data = frame;
        p.offset = 0;
        p.capturedLength = frame.length;
        p.originalLength = frame.length;
        p.linkType = linkType;
        p.frameNumber = frameNumber;
        p.timestampNanos = tsNanos;
        p.timestampDigits = 6;
        return p;
    }

    /** The frame inside a bigger buffer at a non-zero offset, as readers hand it out. */
    public static RawPacket rawAtOffset(int linkType, byte[] frame, int offset, long frameNumber, long tsNanos) {
        byte[] big = new byte[offset + frame.length + 7];
        java.util.Arrays.fill(big, (byte) 0xEE);
        System.arraycopy(frame, 0, big, offset, frame.length);
        RawPacket p = raw(linkType, frame, frameNumber, tsNanos);
        p.data = big;
        p.offset = offset;
        return p;
    }

    public static RawPacket ethernetTcp(String src, String dst, byte[] tcp, long frame, long ts) {
        boolean v6 = src.contains(":");
        byte[] ip = v6 ? ipv6(src, dst, 6, tcp) : ipv4(src, dst, tcp);
        return raw(LinkType.ETHERNET, ethernet(v6 ? 0x86DD : 0x0800, ip), frame, ts);
    }
}
