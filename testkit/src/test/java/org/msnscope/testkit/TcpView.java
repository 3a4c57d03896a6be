package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.msnscope.capture.LinkType;

/** Test-only parse of one generated frame down to TCP, checking every checksum. */
final class TcpView {
    int ipOffset;
    int ipVersion;
    boolean fragment;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int flags;
    int window;
    byte[] payload;
    boolean tcpChecksumOk;

    static TcpView parse(int linkType, byte[] f) {
        TcpView v = new TcpView();
        int ip = switch (linkType) {
            case LinkType.ETHERNET -> {
                int at = 12;
                while (u16(f, at) == 0x8100 || u16(f, at) == 0x88a8) {
                    at += 4;
                }
                yield at + 2;
            }
            case LinkType.LINUX_SLL -> 16;
            case LinkType.LINUX_SLL2 -> 20;
            case LinkType.NULL -> 4;
            default -> 0;
        };
        v.ipOffset = ip;
        v.ipVersion = (f[ip] & 0xff) >> 4;
        int t;
        long pseudo;
        int tcpLength;
        if (v.ipVersion == 4) {
            int hl = (f[ip] & 0x0f) * 4;
            assertEquals(0, PacketBuilder.fold(PacketBuilder.sum16(f, ip, hl)), "IPv4 header checksum");
            int total = u16(f, ip + 2);
            assertEquals(f.length - ip, total, "IPv4 total length");
            int fragField = u16(f, ip + 6);
            v.fragment = (fragField & 0x3fff) != 0;
            if (v.fragment) {
                return v;
            }
            t = ip + hl;
            tcpLength = total - hl;
            pseudo = PacketBuilder.sum16(f, ip + 12, 8) + 6 + tcpLength;
        } else {
            assertEquals(6, v.ipVersion);
            tcpLength = u16(f, ip + 4);
            assertEquals(f.length - ip - 40, tcpLength, "IPv6 payload length");
            t = ip + 40;
            pseudo = PacketBuilder.sum16(f, ip + 8, 32) + 6 + tcpLength;
        }
        v.tcpChecksumOk = PacketBuilder.fold(pseudo + PacketBuilder.sum16(f, t, tcpLength)) == 0;
        v.srcPort = u16(f, t);
        v.dstPort = u16(f, t + 2);
        v.seq = u32(f, t + 4);
        v.ack = u32(f, t + 8);
        int hl = ((f[t + 12] & 0xff) >> 4) * 4;
        v.flags = f[t + 13] & 0xff;
        v.window = u16(f, t + 14);
        v.payload = Arrays.copyOfRange(f, t + hl, t + tcpLength);
        return v;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
