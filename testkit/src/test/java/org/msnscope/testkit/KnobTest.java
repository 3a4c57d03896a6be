package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnobTest {
    private static final long T0 = ScenarioTest.T0;

    /** A client connection sending 5 segments of 100 bytes (MSS 100), closed by FIN. */
    private static Scenario fiveSegments(java.util.function.Consumer<TcpConnection> knobs) {
        Scenario s = new Scenario(11).mss(100);
        TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
        c.send(Direction.C2S, T0 + 10_000_000, ScenarioTest.bytes(500));
        c.close(T0 + 900_000_000, Direction.C2S, Close.FIN);
        knobs.accept(c);
        return s;
    }

    private static List<GeneratedPacket> data(Scenario s) {
        return s.packets().stream().filter(p -> p.payloadLength() > 0).toList();
    }

    private static long firstSeq(Scenario s) {
        return (s.packets().get(0).seq() + 1) & 0xffffffffL;
    }

    private static List<Long> relSeqs(Scenario s) {
        long base = firstSeq(s);
        return data(s).stream().map(p -> (p.seq() - base) & 0xffffffffL).toList();
    }

    @Test
    void plain() {
        Scenario s = fiveSegments(c -> { });
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), relSeqs(s));
        // handshake 3, data 5, ACKs after the 2nd and 4th segment and 40 ms after the 5th, FIN 3
        assertEquals(14, s.packets().size());
    }

    @Test
    void reorderSwapsWithTheNextSegment() {
        assertEquals(List.of(0L, 200L, 100L, 300L, 400L), relSeqs(fiveSegments(c -> c.knob(Knob.REORDER, 1))));
    }

    @Test
    void reorderedSegmentIsDelayedAndNotAcknowledgedBeforeItArrives() {
        // segment 1 (offset 100) held up until after segment 2: the ACK the receiver sends after
        // segment 2 in the plain run (covering 0..300) may only acknowledge up to offset 100
        Scenario s = fiveSegments(c -> c.knob(Knob.REORDER, 1));
        long base = firstSeq(s);
        List<GeneratedPacket> all = s.packets();
        GeneratedPacket late = data(s).get(2);
        assertEquals(100L, (late.seq() - base) & 0xffffffffL);
        assertEquals(data(s).get(1).timestampNanos() + 1000, late.timestampNanos()); // right after segment 2 (one microsecond)
        for (GeneratedPacket p : all) {
            if (p.direction() == Direction.S2C && p.timestampNanos() < late.timestampNanos()) {
                assertTrue(((p.ack() - base) & 0xffffffffL) <= 100 || p.ack() == 0, "ACK " + p.ack() + " before the late segment");
            }
        }
        // messages 50 ms apart: the receiver's delayed ACK (40 ms) for the first falls before the
        // second arrives; with the first held up, that ACK must stay at the first one's start
        Scenario apart = new Scenario(11).mss(100);
        TcpConnection c = apart.connection("10.0.0.1", 40000, "207.46.1.1", 1863, T0);
        c.send(Direction.C2S, T0 + 10_000_000, ScenarioTest.bytes(50));
        c.send(Direction.C2S, T0 + 60_000_000, ScenarioTest.bytes(50));
        c.close(T0 + 900_000_000, Direction.C2S, Close.FIN);
        c.knob(Knob.REORDER, 0);
        long b = firstSeq(apart);
        List<GeneratedPacket> ps = apart.packets();
        GeneratedPacket first = data(apart).get(1);
        assertEquals(0L, (first.seq() - b) & 0xffffffffL, "the first message now comes second");
        List<Long> acksBefore = ps.stream().filter(p -> p.direction() == Direction.S2C && p.payloadLength() == 0
                && p.timestampNanos() < first.timestampNanos() && (p.flags() & PacketBuilder.SYN) == 0)
                .map(p -> (p.ack() - b) & 0xffffffffL).toList();
        assertEquals(List.of(0L), acksBefore, "the delayed ACK before the late segment is a duplicate ACK");
    }

    @Test
    void duplicateAndRetransmit() {
        Scenario d = fiveSegments(c -> c.knob(Knob.DUPLICATE, 2));
        assertEquals(List.of(0L, 100L, 200L, 200L, 300L, 400L), relSeqs(d));
        assertEquals("duplicate", data(d).get(3).note());
        Scenario r = fiveSegments(c -> c.knob(Knob.RETRANSMIT, 0));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 0L), relSeqs(r));
        GeneratedPacket again = data(r).get(5);
        assertEquals("retransmission", again.note());
        assertEquals(data(r).get(0).timestampNanos() + 6_000_000, again.timestampNanos());
    }

    @Test
    void overlapIsReCutAndMayConflict() {
        Scenario s = fiveSegments(c -> c.knob(Knob.OVERLAP, 1));
        GeneratedPacket o = data(s).get(5);
        assertEquals(150L, (o.seq() - firstSeq(s)) & 0xffffffffL);
        assertEquals(100, o.payloadLength());
        byte[] truth = s.connections().get(0).truth(Direction.C2S);
        TcpView v = TcpView.parse(s.linkType(), o.frame());
        assertArrayEquals(Arrays.copyOfRange(truth, 150, 250), v.payload);
        Scenario conflicting = fiveSegments(c -> c.knob(Knob.OVERLAP, 1).conflicting(true));
        TcpView w = TcpView.parse(conflicting.linkType(), data(conflicting).get(5).frame());
        assertEquals(100, w.payload.length);
        for (int i = 0; i < 100; i++) {
            assertEquals(truth[150 + i] ^ 0x20, w.payload[i]);
        }
        assertEquals("conflicting overlap", data(conflicting).get(5).note());
    }

    @Test
    void dropLeavesAGapTheReceiverStillAcks() {
        Scenario s = fiveSegments(c -> c.knob(Knob.DROP, 1, 3));
        assertEquals(List.of(0L, 200L, 400L), relSeqs(s));
        long base = firstSeq(s);
        assertTrue(s.packets().stream().anyMatch(p -> p.direction() == Direction.S2C
                && ((p.ack() - base) & 0xffffffffL) == 200L && p.payloadLength() == 0));
    }

    @Test
    void midstreamStartsAfterHandshakeAndKPackets() {
        Scenario s = fiveSegments(c -> c.midstream(2));
        List<GeneratedPacket> p = s.packets();
        assertEquals(14 - 5, p.size());
        assertFalse(p.stream().anyMatch(x -> (x.flags() & PacketBuilder.SYN) != 0));
        assertEquals(2, p.get(0).dataIndex());
    }

    @Test
    void badChecksumOnlyOnChosenSegments() {
        Scenario s = fiveSegments(c -> c.knob(Knob.BAD_CHECKSUM, 4));
        List<GeneratedPacket> d = data(s);
        for (int i = 0; i < 5; i++) {
            assertEquals(i != 4, TcpView.parse(s.linkType(), d.get(i).frame()).tcpChecksumOk);
        }
    }

    @Test
    void fragmentCutsTheSegmentIntoIpv4Fragments() {
        Scenario s = fiveSegments(c -> c.knob(Knob.FRAGMENT, 0).fragments(3));
        List<GeneratedPacket> frags = s.packets().stream().filter(p -> p.fragment() >= 0).toList();
        assertEquals(3, frags.size());
        assertEquals(List.of(0, 1, 2), frags.stream().map(GeneratedPacket::fragment).toList());
        // 120 bytes of TCP: 40 + 40 + 40
        assertEquals(List.of(14 + 20 + 40, 14 + 20 + 40, 14 + 20 + 40), frags.stream().map(p -> p.frame().length).toList());
        assertEquals(0x2000, TcpView.u16(frags.get(0).frame(), 20));
        assertEquals(0x2000 | 5, TcpView.u16(frags.get(1).frame(), 20));
        assertEquals(10, TcpView.u16(frags.get(2).frame(), 20));
        for (GeneratedPacket f : frags) {
            assertTrue(TcpView.parse(s.linkType(), f.frame()).fragment);
        }
    }

    @Test
    void zeroWindowProbeAndKeepAlive() {
        Scenario z = fiveSegments(c -> c.knob(Knob.ZERO_WINDOW_PROBE, 2));
        List<GeneratedPacket> p = z.packets();
        int at = 0;
        while (!"zero window".equals(p.get(at).note())) {
            at++;
        }
        assertEquals(List.of("zero window", "zero window probe", "zero window", "window update"),
                p.subList(at, at + 4).stream().map(GeneratedPacket::note).toList());
        // the probe carries the sender's own (open) window
        assertEquals(List.of(0, 65535, 0, 65535), p.subList(at, at + 4).stream().map(GeneratedPacket::window).toList());
        assertEquals(1, p.get(at + 1).payloadLength());
        assertEquals(p.get(at + 4).seq(), p.get(at + 1).seq());
        assertEquals(100, p.get(at + 4).payloadLength());

        Scenario k = fiveSegments(c -> c.knob(Knob.KEEP_ALIVE, 4));
        List<GeneratedPacket> q = k.packets();
        int ka = 0;
        while (!"keep-alive".equals(q.get(ka).note())) {
            ka++;
        }
        assertEquals(0, q.get(ka).payloadLength());
        assertEquals((firstSeq(k) + 499) & 0xffffffffL, q.get(ka).seq());
        assertEquals("keep-alive ACK", q.get(ka + 1).note());
        assertEquals((firstSeq(k) + 500) & 0xffffffffL, q.get(ka + 1).ack());
    }

    @Test
    void ratesAreDeterministicFromTheSeed() {
        Scenario a = fiveSegments(c -> c.knobRate(Knob.DUPLICATE, 0.5));
        Scenario b = fiveSegments(c -> c.knobRate(Knob.DUPLICATE, 0.5));
        assertEquals(relSeqs(a), relSeqs(b));
        assertTrue(relSeqs(a).size() > 5 || relSeqs(a).size() == 5);
        Scenario all = fiveSegments(c -> c.knobRate(Knob.DUPLICATE, 1.0));
        assertEquals(10, data(all).size());
    }
}
