package org.msnscope.decoder.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msnscope.decoder.TestPackets.ACK;
import static org.msnscope.decoder.TestPackets.PSH;
import static org.msnscope.decoder.TestPackets.ah;
import static org.msnscope.decoder.TestPackets.concat;
import static org.msnscope.decoder.TestPackets.ethernet;
import static org.msnscope.decoder.TestPackets.ext8;
import static org.msnscope.decoder.TestPackets.ipv4;
import static org.msnscope.decoder.TestPackets.ipv6;
import static org.msnscope.decoder.TestPackets.loopback;
import static org.msnscope.decoder.TestPackets.raw;
import static org.msnscope.decoder.TestPackets.rawAtOffset;
import static org.msnscope.decoder.TestPackets.sll;
import static org.msnscope.decoder.TestPackets.sll2;
import static org.msnscope.decoder.TestPackets.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.Recorder;
import org.msnscope.decoder.event.Emitter;

class PacketDecoderTest {
    private static final byte[] PAYLOAD = "USR 2 OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEG = tcp(1863, 50000, 0x01020304, 0x0A0B0C0D, PSH | ACK, PAYLOAD);
    private static final byte[] V4 = ipv4("192.168.1.10", "64.4.13.58", SEG);
    private static final byte[] V6 = ipv6("2001:db8::1", "2001:db8:0:0:1::2", 6, SEG);

    private final Recorder rec = new Recorder();
    private final PacketDecoder decoder = new PacketDecoder(Limits.defaults(), new Emitter(rec));
    private final PacketView v = new PacketView();

    private NetResult decode(int linkType, byte[] frame) {
        return decoder.decode(rawAtOffset(linkType, frame, 5, 1, 1), v);
    }

    private void assertSegment(boolean v6) {
        assertEquals(v6, v.v6);
        assertEquals(1863, v.srcPort);
        assertEquals(50000, v.dstPort);
        assertEquals(0x01020304, v.seq);
        assertEquals(0x0A0B0C0D, v.ack);
        assertEquals(PSH | ACK, v.flags);
        assertEquals(PAYLOAD.length, v.payloadLength);
        assertEquals(PAYLOAD.length, v.payloadWireLength);
        assertEquals("USR 2 OK\r\n", new String(v.buf, v.payloadOffset, v.payloadLength, StandardCharsets.US_ASCII));
        if (v6) {
            assertEquals("[2001:db8::1]:1863", Addresses.endpoint(true, v.srcHi, v.srcLo, v.srcPort));
            assertEquals("[2001:db8::1:0:0:2]:50000", Addresses.endpoint(true, v.dstHi, v.dstLo, v.dstPort));
        } else {
            assertEquals("192.168.1.10:1863", Addresses.endpoint(false, v.srcHi, v.srcLo, v.srcPort));
            assertEquals("64.4.13.58:50000", Addresses.endpoint(false, v.dstHi, v.dstLo, v.dstPort));
        }
    }

    @Test
    void ethernetAndVlanStacks() {
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, ethernet(0x0800, V4)));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, ethernet(0x86DD, V6, 0x8100, 5)));
        assertSegment(true);
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, ethernet(0x0800, V4, 0x88A8, 100, 0x8100, 5)));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, ethernet(0x0800, V4, 0x9100, 1, 0x9100, 2, 0x8100, 3)));
        assertSegment(false);
        int[] nine = new int[18];
        for (int i = 0; i < 18; i += 2) {
            nine[i] = 0x8100;
        }
        assertEquals(NetResult.MALFORMED_LINK, decode(LinkType.ETHERNET, ethernet(0x0800, V4, nine)));
        assertEquals(NetResult.NOT_IP, decode(LinkType.ETHERNET, ethernet(0x0806, new byte[28])));
        assertEquals(NetResult.MALFORMED_LINK, decode(LinkType.ETHERNET, new byte[13]));
    }

    @Test
    void ipv4AndTcpOptionsAreSkipped() {
        byte[] seg = SEG.clone();
        byte[] withOptions = concat(Arrays.copyOf(seg, 20), new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2},
                Arrays.copyOfRange(seg, 20, seg.length));
        withOptions[12] = (byte) 0x80; // 32-byte TCP header
        byte[] ip = ipv4("192.168.1.10", "64.4.13.58", withOptions);
        byte[] ipWithOptions = concat(Arrays.copyOf(ip, 20), new byte[] {1, 1, 1, 0}, Arrays.copyOfRange(ip, 20, ip.length));
        ipWithOptions[0] = 0x46;
        ipWithOptions[3] += 4;
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, ethernet(0x0800, ipWithOptions)));
        assertSegment(false);
    }

    @Test
    void ethernetPaddingIsTrimmedByTheIpLength() {
        byte[] small = ipv4("10.0.0.1", "10.0.0.2", tcp(1, 2, 3, 4, ACK, new byte[0]));
        byte[] padded = concat(ethernet(0x0800, small), new byte[6]);
        assertEquals(NetResult.TCP, decode(LinkType.ETHERNET, padded));
        assertEquals(0, v.payloadLength);
        assertEquals(0, v.payloadWireLength);
    }

    @Test
    void linuxCookedLoopbackAndRaw() {
        assertEquals(NetResult.TCP, decode(LinkType.LINUX_SLL, sll(0x0800, V4)));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.LINUX_SLL, sll(0x8100, concat(new byte[] {0, 7, (byte) 0x86, (byte) 0xDD}, V6))));
        assertSegment(true);
        assertEquals(NetResult.TCP, decode(LinkType.LINUX_SLL2, sll2(0x86DD, V6)));
        assertSegment(true);
        assertEquals(NetResult.MALFORMED_LINK, decode(LinkType.LINUX_SLL2, new byte[19]));
        assertEquals(NetResult.TCP, decode(LinkType.NULL, loopback(2, true, V4)));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.NULL, loopback(2, false, V4)));
        assertSegment(false);
        for (int family : new int[] {24, 28, 30}) {
            assertEquals(NetResult.TCP, decode(LinkType.NULL, loopback(family, true, V6)));
            assertSegment(true);
            assertEquals(NetResult.TCP, decode(LinkType.NULL, loopback(family, false, V6)));
            assertSegment(true);
        }
        assertEquals(NetResult.NOT_IP, decode(LinkType.NULL, loopback(7, true, V4)));
        assertEquals(NetResult.TCP, decode(LinkType.LOOP, loopback(2, false, V4)));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.LOOP, loopback(24, false, V6)));
        assertSegment(true);
        for (int raw : new int[] {LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14}) {
            assertEquals(NetResult.TCP, decode(raw, V4));
            assertSegment(false);
            assertEquals(NetResult.TCP, decode(raw, V6));
            assertSegment(true);
        }
        assertEquals(NetResult.TCP, decode(LinkType.IPV4, V4));
        assertSegment(false);
        assertEquals(NetResult.TCP, decode(LinkType.IPV6, V6));
        assertSegment(true);
        assertEquals(NetResult.MALFORMED_IP, decode(LinkType.RAW, new byte[] {0x50, 0, 0}));
        assertEquals(NetResult.UNSUPPORTED_LINK, decode(147, V4));
    }

    @Test
    void malformedAndTruncatedHeaders() {
        byte[] badIhl = V4.clone();
        badIhl[0] = 0x44;
        assertEquals(NetResult.MALFORMED_IP, decode(LinkType.IPV4, badIhl));
        assertEquals("IPv4 header length below 20", v.problem);
        byte[] longTotal = V4.clone();
        longTotal[2] = 0x10;
        assertEquals(NetResult.MALFORMED_IP, decode(LinkType.IPV4, longTotal));
        byte[] badOffset = V4.clone();
        badOffset[20 + 12] = 0x40;
        assertEquals(NetResult.MALFORMED_TCP, decode(LinkType.IPV4, badOffset));
        assertEquals("TCP data offset below 20 bytes", v.problem);
        assertEquals(NetResult.MALFORMED_IP, decode(LinkType.IPV4, Arrays.copyOf(V4, 19)));
        assertEquals(NetResult.NOT_TCP, decode(LinkType.IPV4, ipv4("1.1.1.1", "2.2.2.2", 17, 1, 0, new byte[8])));
        // snaplen cut inside the TCP header: truncated, not malformed
        RawPacket cut = raw(LinkType.IPV4, Arrays.copyOf(V4, 30), 1, 1);
        cut.originalLength = V4.length;
        assertEquals(NetResult.TRUNCATED, decoder.decode(cut, v));
        // snaplen cut inside the payload: the captured part, with the wire length
        RawPacket cutPayload = raw(LinkType.IPV4, Arrays.copyOf(V4, 44), 1, 1);
        cutPayload.originalLength = V4.length;
        assertEquals(NetResult.TCP, decoder.decode(cutPayload, v));
        assertEquals(4, v.payloadLength);
        assertEquals(10, v.payloadWireLength);
        // a view whose offset lies outside its buffer
        RawPacket broken = raw(LinkType.IPV4, V4, 1, 1);
        broken.offset = V4.length + 3;
        assertEquals(NetResult.MALFORMED_LINK, decoder.decode(broken, v));
    }

    @Test
    void everyPrefixOfEveryFrameDecodesWithoutThrowing() {
        List<byte[]> frames = List.of(ethernet(0x0800, V4, 0x8100, 1), sll(0x86DD, V6), sll2(0x0800, V4),
                loopback(30, true, ipv6("::1", "::1", 0, concat(ext8(60), ext8(6), SEG))));
        int[] types = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL};
        for (int f = 0; f < frames.size(); f++) {
            byte[] frame = frames.get(f);
            for (int n = 0; n <= frame.length; n++) {
                RawPacket p = raw(types[f], Arrays.copyOf(frame, n), 1, 1);
                NetResult asCut = decoder.decode(p, v);
                if (n == frame.length) {
                    assertEquals(NetResult.TCP, asCut);
                    assertEquals(PAYLOAD.length, v.payloadLength);
                    continue;
                }
                // cut with caplen == len: the headers promise bytes that are not there
                assertTrue(asCut == NetResult.MALFORMED_LINK || asCut == NetResult.MALFORMED_IP,
                        "frame " + f + " prefix " + n + ": " + asCut);
                // cut by snaplen: decoded as far as the bytes go
                p.originalLength = frame.length;
                NetResult asSnap = decoder.decode(p, v);
                if (asSnap == NetResult.TCP) {
                    assertEquals(PAYLOAD.length, v.payloadWireLength);
                    assertEquals(PAYLOAD.length - (frame.length - n), v.payloadLength);
                } else {
                    assertEquals(NetResult.TRUNCATED, asSnap, "frame " + f + " prefix " + n);
                }
            }
        }
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        byte[] chain = concat(ext8(43), ext8(51), ah(60), ext8(6), SEG);
        assertEquals(NetResult.TCP, decode(LinkType.IPV6, ipv6("2001:db8::1", "2001:db8:0:0:1::2", 0, chain)));
        assertSegment(true);
        byte[] atomic = concat(org.msnscope.decoder.TestPackets.fragment6(6, 0, false, 9), SEG);
        assertEquals(NetResult.TCP, decode(LinkType.IPV6, ipv6("2001:db8::1", "2001:db8:0:0:1::2", 44, atomic)));
        assertSegment(true);
        assertEquals(NetResult.NOT_TCP, decode(LinkType.IPV6, ipv6("::1", "::2", 59, new byte[0])));
        byte[] overlong = concat(new byte[] {6, 10}, new byte[6], SEG);
        assertEquals(NetResult.MALFORMED_IP, decode(LinkType.IPV6, ipv6("::1", "::2", 0, overlong)));
    }

    @Test
    void addressesInCanonicalForm() {
        assertEquals("2001:db8::1", v6("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", v6("2001:0:0:1:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1"));
        assertEquals("::", v6("::"));
        assertEquals("::1", v6("::1"));
        assertEquals("fe80::", v6("fe80::"));
        assertEquals("::ffff:192.0.2.1", v6("::ffff:c000:0201"));
        assertEquals("1:2:3:4:5:6:7:8", v6("1:2:3:4:5:6:7:8"));
        assertEquals("255.0.10.1", Addresses.ipv4(0xFF000A01));
    }

    private static String v6(String text) {
        byte[] a = org.msnscope.decoder.TestPackets.addr(text);
        if (a.length == 4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xFF;
            m[11] = (byte) 0xFF;
            System.arraycopy(a, 0, m, 12, 4);
            a = m;
        }
        return Addresses.ipv6(Bytes.i64(a, 0), Bytes.i64(a, 8));
    }

    @Test
    void tcpPayloadIsAViewOverThePacketsOwnBuffer() {
        RawPacket p = raw(LinkType.ETHERNET, ethernet(0x0800, V4, 0x8100, 1), 1, 1);
        List<NetResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(decoder.decode(p, v));
        }
        assertEquals(List.of(NetResult.TCP, NetResult.TCP, NetResult.TCP), results);
        assertEquals(p.data, v.buf); // a view over the packet's own buffer
    }
}
