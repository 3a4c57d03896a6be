package org.msnscope.cli.anonymize;

/** Internet checksums (RFC 1071): the IPv4 header's, and TCP's over the IPv4 or IPv6 pseudo-header. */
final class Checksums {
    private Checksums() {
    }

    /** Ones' complement sum of 16-bit big-endian words of b[off..off+len), added to {@code sum}. */
    static long sum(byte[] b, int off, int len, long sum) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Writes the IPv4 header checksum of the header at {@code at} (length from its IHL). */
    static void ipv4Header(byte[] b, int at) {
        int ihl = (b[at] & 0x0F) * 4;
        b[at + 10] = 0;
        b[at + 11] = 0;
        int c = fold(sum(b, at, ihl, 0));
        b[at + 10] = (byte) (c >> 8);
        b[at + 11] = (byte) c;
    }

    /**
     * Writes the TCP checksum of the segment at {@code tcpAt} ({@code tcpLen} bytes: header and
     * payload), with the pseudo-header's addresses at {@code srcAt} (4 or 16 bytes each, destination
     * right after the source).
     */
    static void tcp(byte[] b, int tcpAt, int tcpLen, int srcAt, boolean v6) {
        int addrLen = v6 ? 32 : 8;
        long s = sum(b, srcAt, addrLen, 0);
        s += 6; // protocol
        s += v6 ? (tcpLen >>> 16) + (tcpLen & 0xFFFF) : tcpLen;
        b[tcpAt + 16] = 0;
        b[tcpAt + 17] = 0;
        int c = fold(sum(b, tcpAt, tcpLen, s));
        b[tcpAt + 16] = (byte) (c >> 8);
        b[tcpAt + 17] = (byte) c;
    }
}
