package org.msnscope.testkit;

import java.util.ArrayList;
import java.util.List;
import org.msnscope.capture.LinkType;

/**
 * Builds link-layer frames carrying IPv4 or IPv6 TCP segments into one reusable buffer: Ethernet
 * (optionally one 802.1Q tag, or a QinQ 0x88a8 outer and 0x8100 inner tag), Linux SLL, SLL2, raw IP
 * and BSD NULL. IPv4 headers carry an incrementing id, DF and a correct checksum; the TCP checksum is
 * correct unless asked to be wrong (as checksum offload leaves it). The frame is valid in
 * {@link #buffer()} until the next build; nothing is allocated per packet except fragment lists.
 */
public final class PacketBuilder {
    /** TCP flag bits. */
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    /** Largest IP datagram the builder accepts. */
    public static final int MAX_DATAGRAM = 65535;
    private static final int MAX_LINK_HEADER = 24;

    private final int linkType;
    private final int outerVlan;
    private final int innerVlan;
    private final byte[] buf = new byte[MAX_LINK_HEADER + MAX_DATAGRAM];
    private int ipId;
    private int frameLength;
    private int linkLength;

    /**
     * @param linkType one of ETHERNET, LINUX_SLL, LINUX_SLL2, RAW, NULL
     * @param outerVlan Ethernet only: the 802.1Q id, or the QinQ outer id when innerVlan is set; -1 for none
     * @param innerVlan Ethernet only: the QinQ inner id; -1 for none
     */
    public PacketBuilder(int linkType, int outerVlan, int innerVlan) {
        switch (linkType) {
            case LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.NULL -> { }
            default -> throw new IllegalArgumentException("cannot build link type " + LinkType.name(linkType));
        }
        if (linkType != LinkType.ETHERNET && (outerVlan >= 0 || innerVlan >= 0)) {
            throw new IllegalArgumentException("VLAN tags need Ethernet");
        }
        if (innerVlan >= 0 && outerVlan < 0) {
            throw new IllegalArgumentException("an inner VLAN needs an outer one");
        }
        if (outerVlan > 4095 || innerVlan > 4095) {
            throw new IllegalArgumentException("VLAN id above 4095");
        }
        this.linkType = linkType;
        this.outerVlan = outerVlan;
        this.innerVlan = innerVlan;
    }

    public PacketBuilder(int linkType) {
        this(linkType, -1, -1);
    }

    public int linkType() {
        return linkType;
    }

    /** The frame built last, at offset 0; valid until the next build. */
    public byte[] buffer() {
        return buf;
    }

    /** Length of the frame built last. */
    public int length() {
        return frameLength;
    }

    /** Bytes of link-layer header in front of the IP header of the frame built last. */
    public int linkHeaderLength() {
        return linkLength;
    }

    /**
     * Builds one TCP segment and returns the frame length.
     *
     * @param srcIp 4 or 16 bytes; dstIp must have the same length
     * @param flags TCP flag bits ({@link #SYN}, {@link #ACK}...)
     * @param mss MSS option value written on the segment, or 0 for no options
     * @param badChecksum write a TCP checksum that is off by one
     */
    public int tcp(byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, int seq, int ack, int flags, int window,
            int mss, byte[] payload, int payloadOffset, int payloadLength, boolean badChecksum) {
        boolean v6 = srcIp.length == 16;
        if (srcIp.length != dstIp.length || (srcIp.length != 4 && !v6)) {
            throw new IllegalArgumentException("addresses must both be IPv4 or both IPv6");
        }
        int tcpHeader = mss > 0 ? 24 : 20;
        int ipHeader = v6 ? 40 : 20;
        if (ipHeader + tcpHeader + payloadLength > MAX_DATAGRAM) {
            throw new IllegalArgumentException("datagram larger than " + MAX_DATAGRAM);
        }
        int ip = writeLinkHeader(v6, srcIp, dstIp);
        int t = ip + ipHeader;
        int tcpLength = tcpHeader + payloadLength;
        if (v6) {
            put32(buf, ip, 0x60000000);
            put16(buf, ip + 4, tcpLength);
            buf[ip + 6] = 6;
            buf[ip + 7] = 64;
            System.arraycopy(srcIp, 0, buf, ip + 8, 16);
            System.arraycopy(dstIp, 0, buf, ip + 24, 16);
        } else {
            writeIpv4Header(ip, ipHeader + tcpLength, ipId, 0x4000, srcIp, dstIp);
            ipId = (ipId + 1) & 0xffff;
        }
        put16(buf, t, srcPort);
        put16(buf, t + 2, dstPort);
        put32(buf, t + 4, seq);
        put32(buf, t + 8, ack);
        buf[t + 12] = (byte) ((tcpHeader / 4) << 4);
        buf[t + 13] = (byte) flags;
        put16(buf, t + 14, window);
        put16(buf, t + 16, 0);
        put16(buf, t + 18, 0);
        if (mss > 0) {
            put32(buf, t + 20, 0x02040000 | (mss & 0xffff));
        }
        System.arraycopy(payload, payloadOffset, buf, t + tcpHeader, payloadLength);
        long sum = sumAddresses(srcIp) + sumAddresses(dstIp) + 6 + tcpLength;
        int checksum = fold(sum + sum16(buf, t, tcpLength));
        if (badChecksum) {
            checksum = (checksum + 1) & 0xffff;
        }
        put16(buf, t + 16, checksum);
        frameLength = t + tcpLength;
        return frameLength;
    }

    /**
     * Cuts the IPv4 datagram built last into {@code count} fragments (offsets on 8-byte boundaries)
     * and returns the frames, each a fresh array the caller owns.
     */
    public List<byte[]> fragmentLast(int count) {
        int ip = linkLength;
        if (frameLength == 0 || (buf[ip] & 0xf0) != 0x40) {
            throw new IllegalStateException("the last frame is not IPv4");
        }
        int headerLength = (buf[ip] & 0x0f) * 4;
        int payloadLength = frameLength - ip - headerLength;
        int blocks = (payloadLength + 7) / 8;
        if (count < 2 || count > blocks) {
            throw new IllegalArgumentException("cannot cut " + payloadLength + " bytes into " + count + " fragments");
        }
        byte[] datagram = java.util.Arrays.copyOfRange(buf, ip, frameLength);
        byte[] src = java.util.Arrays.copyOfRange(datagram, 12, 16);
        byte[] dst = java.util.Arrays.copyOfRange(datagram, 16, 20);
        int id = get16(datagram, 4);
        List<byte[]> frames = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = i == count - 1 ? payloadLength : Math.min(payloadLength, (blocks * (i + 1) / count) * 8);
            int at = writeLinkHeader(false, src, dst);
            int flags = (i == count - 1 ? 0 : 0x2000) | (start / 8);
            writeIpv4Header(at, headerLength + end - start, id, flags, src, dst);
            System.arraycopy(datagram, headerLength + start, buf, at + headerLength, end - start);
            frames.add(java.util.Arrays.copyOf(buf, at + headerLength + end - start));
            start = end;
        }
        frameLength = 0;
        return frames;
    }

    private void writeIpv4Header(int ip, int totalLength, int id, int flagsAndOffset, byte[] src, byte[] dst) {
        buf[ip] = 0x45;
        buf[ip + 1] = 0;
        put16(buf, ip + 2, totalLength);
        put16(buf, ip + 4, id);
        put16(buf, ip + 6, flagsAndOffset);
        buf[ip + 8] = 64;
        buf[ip + 9] = 6;
        put16(buf, ip + 10, 0);
        System.arraycopy(src, 0, buf, ip + 12, 4);
        System.arraycopy(dst, 0, buf, ip + 16, 4);
        put16(buf, ip + 10, fold(sum16(buf, ip, 20)));
    }

    /** Writes the link header for the next frame at offset 0 and returns where the IP header goes. */
    private int writeLinkHeader(boolean v6, byte[] src, byte[] dst) {
        int etherType = v6 ? 0x86dd : 0x0800;
        int n;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                macFor(dst, 0);
                macFor(src, 6);
                n = 12;
                if (outerVlan >= 0 && innerVlan >= 0) {
                    put16(buf, n, 0x88a8);
                    put16(buf, n + 2, outerVlan);
                    put16(buf, n + 4, 0x8100);
                    put16(buf, n + 6, innerVlan);
                    n += 8;
                } else if (outerVlan >= 0) {
                    put16(buf, n, 0x8100);
                    put16(buf, n + 2, outerVlan);
                    n += 4;
                }
                put16(buf, n, etherType);
                n += 2;
            }
            case LinkType.LINUX_SLL -> {
                put16(buf, 0, 0);
                put16(buf, 2, 1);
                put16(buf, 4, 6);
                macFor(src, 6);
                put16(buf, 12, 0);
                put16(buf, 14, etherType);
                n = 16;
            }
            case LinkType.LINUX_SLL2 -> {
                put16(buf, 0, etherType);
                put16(buf, 2, 0);
                put32(buf, 4, 2);
                put16(buf, 8, 1);
                buf[10] = 0;
                buf[11] = 6;
                macFor(src, 12);
                put16(buf, 18, 0);
                n = 20;
            }
            case LinkType.NULL -> {
                int family = v6 ? 24 : 2;
                buf[0] = (byte) family;
                buf[1] = 0;
                buf[2] = 0;
                buf[3] = 0;
                n = 4;
            }
            default -> n = 0;
        }
        linkLength = n;
        return n;
    }

    /** A locally administered MAC address made from the host's IP address (02:00 + its last 4 bytes). */
    private void macFor(byte[] ipAddress, int at) {
        buf[at] = 0x02;
        buf[at + 1] = 0x00;
        System.arraycopy(ipAddress, ipAddress.length - 4, buf, at + 2, 4);
    }

    private static long sumAddresses(byte[] a) {
        return sum16(a, 0, a.length);
    }

    /** Sum of the big-endian 16-bit words of a range (odd length padded with a zero byte). */
    static long sum16(byte[] b, int off, int len) {
        long sum = 0;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        return sum;
    }

    /** One's-complement of the folded sum: the Internet checksum. */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int get16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
