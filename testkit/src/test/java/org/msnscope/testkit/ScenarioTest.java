package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;

class ScenarioTest {
    static final long T0 = 1_243_857_600_000_000_000L;
    static final int A = PacketBuilder.ACK, S = PacketBuilder.SYN, F = PacketBuilder.FIN, P = PacketBuilder.PSH;

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    static PcapRecords write(Scenario s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        return new PcapRecords(out.toByteArray());
    }

    static List<TcpView> views(Scenario s) throws IOException {
        PcapRecords r = write(s);
        return r.records.stream().map(x -> TcpView.parse(r.linkType, x.frame())).toList();
    }

    @Test
    void handshakeSegmentationAndFinClose() throws IOException {
        Scenario s = new Scenario(7);
        TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
        c.send(Direction.C2S, T0 + 10_000_000, bytes(4000));
        c.close(T0 + 500_000_000, Direction.C2S, Close.FIN);
        List<TcpView> v = views(s);
        List<GeneratedPacket> g = s.packets();
        assertEquals(List.of(S, S | A, A, A, A, A | P, A, A, F | A, F | A, A),
                v.stream().map(x -> x.flags).toList());
        long isnC = v.get(0).seq;
        long isnS = v.get(1).seq;
        assertEquals((isnC + 1) & 0xffffffffL, v.get(1).ack);
        assertEquals(List.of(0, 0, 0, 1460, 1460, 1080, 0, 0, 0, 0, 0), v.stream().map(x -> x.payload.length).toList());
        assertEquals((isnC + 1 + 1460) & 0xffffffffL, v.get(4).seq);
        // the receiver ACKs the second segment at once and the third one 40 ms later
        assertEquals((isnC + 1 + 2920) & 0xffffffffL, v.get(6).ack);
        assertEquals(g.get(4).timestampNanos() + 2_000_000, g.get(6).timestampNanos());
        assertEquals((isnC + 1 + 4000) & 0xffffffffL, v.get(7).ack);
        assertEquals(g.get(5).timestampNanos() + 2_000_000 + 40_000_000, g.get(7).timestampNanos());
        assertEquals((isnC + 1 + 4000) & 0xffffffffL, v.get(8).seq);
        assertEquals((isnC + 1 + 4001) & 0xffffffffL, v.get(9).ack);
        assertEquals((isnS + 2) & 0xffffffffL, v.get(10).ack);
        assertEquals(List.of(40000, 1863, 40000, 40000, 40000, 40000, 1863, 1863, 40000, 1863, 40000),
                v.stream().map(x -> x.srcPort).toList());
        assertArrayEquals(bytes(4000), c.truth(Direction.C2S));
        assertEquals(0, c.truth(Direction.S2C).length);
        for (TcpView x : v) {
            assertTrue(x.tcpChecksumOk);
        }
    }

    @Test
    void rstCloseAndPiggybackedAcks() throws IOException {
        Scenario s = new Scenario(1);
        TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
        c.send(Direction.C2S, T0 + 10_000_000, "VER 1 MSNP8 CVR0\r\n".getBytes(StandardCharsets.US_ASCII));
        c.send(Direction.S2C, T0 + 20_000_000, "VER 1 MSNP8\r\n".getBytes(StandardCharsets.US_ASCII));
        c.close(T0 + 30_000_000, Direction.S2C, Close.RST);
        List<TcpView> v = views(s);
        // the client's delayed ACK (due 40 ms after the reply) never comes: the server resets first
        assertEquals(List.of(S, S | A, A, A | P, A | P, PacketBuilder.RST | A), v.stream().map(x -> x.flags).toList());
        // the server's reply carries the ACK of the client's line
        assertEquals((v.get(3).seq + 18) & 0xffffffffL, v.get(4).ack);
        assertEquals(1863, v.get(5).srcPort);
        assertEquals((v.get(4).seq + 13) & 0xffffffffL, v.get(5).seq);
    }

    @Test
    void everyLinkTypeAndIpVersionHasValidChecksums() throws IOException {
        int[] links = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.NULL};
        for (int link : links) {
            for (boolean v6 : new boolean[] {false, true}) {
                Scenario s = new Scenario(3).linkType(link).ipv6(v6).mss(536);
                if (link == LinkType.ETHERNET) {
                    s.qinq(100, 200);
                }
                TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
                c.send(Direction.C2S, T0 + 5_000_000, bytes(3001));
                c.send(Direction.S2C, T0 + 6_000_000, bytes(999));
                c.close(T0 + 90_000_000, Direction.S2C, Close.FIN);
                PcapRecords r = write(s);
                assertEquals(link, r.linkType);
                long previous = 0;
                int payload = 0;
                for (PcapRecords.Rec rec : r.records) {
                    TcpView x = TcpView.parse(link, rec.frame());
                    assertTrue(x.tcpChecksumOk, "checksum link " + link + " v6 " + v6);
                    assertEquals(v6 ? 6 : 4, x.ipVersion);
                    assertTrue(x.payload.length <= 536);
                    assertTrue(rec.tsNanos() > previous);
                    previous = rec.tsNanos();
                    payload += x.payload.length;
                }
                assertEquals(4000, payload);
            }
        }
    }

    @Test
    void vlanAndQinqTags() {
        Scenario s = new Scenario(3).vlan(42);
        s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
        byte[] f = s.packets().get(0).frame();
        assertEquals(0x8100, TcpView.u16(f, 12));
        assertEquals(42, TcpView.u16(f, 14));
        assertEquals(0x0800, TcpView.u16(f, 16));
        s.qinq(5, 6);
        f = s.packets().get(0).frame();
        assertEquals(List.of(0x88a8, 5, 0x8100, 6, 0x0800),
                List.of(TcpView.u16(f, 12), TcpView.u16(f, 14), TcpView.u16(f, 16), TcpView.u16(f, 18),
                        TcpView.u16(f, 20)));
    }

    @Test
    void isnWrapCrossesZero() {
        Scenario s = new Scenario(9);
        TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0).isnWrap(true);
        c.send(Direction.C2S, T0 + 10_000_000, bytes(20_000));
        List<GeneratedPacket> g = s.packets();
        long first = g.get(0).seq();
        assertTrue(first > 0xffffffffL - 2 * 1460, "ISN near 2^32: " + first);
        assertTrue(g.stream().anyMatch(p -> p.direction() == Direction.C2S && p.payloadLength() > 0 && p.seq() < first));
    }
}
