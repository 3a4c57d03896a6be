package org.msnscope.decoder.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.msnscope.decoder.TestPackets.ACK;
import static org.msnscope.decoder.TestPackets.PSH;
import static org.msnscope.decoder.TestPackets.concat;
import static org.msnscope.decoder.TestPackets.ethernet;
import static org.msnscope.decoder.TestPackets.fragment6;
import static org.msnscope.decoder.TestPackets.ipv4;
import static org.msnscope.decoder.TestPackets.ipv6;
import static org.msnscope.decoder.TestPackets.raw;
import static org.msnscope.decoder.TestPackets.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.Recorder;

class IpFragmentTest {
    private static final String TEXT = "MSG 12 D 40\r\n0123456789abcdefghijklmnopq"; // 40 bytes
    private static final byte[] SEG = tcp(50000, 1863, 100, 0, PSH | ACK, TEXT.getBytes(StandardCharsets.US_ASCII));
    private static final long SECOND = 1_000_000_000L;

    private final Recorder rec = new Recorder();

    private Decoder decoder(Limits limits) {
        Decoder d = new Decoder(limits, rec);
        d.setStreamListener(rec);
        return d;
    }

    private static Limits limits(int datagrams, int bytes, long timeout) {
        Limits d = Limits.defaults();
        return d.withIpFragments(datagrams, bytes, timeout);
    }

    /** IPv4 fragment of SEG covering [from, to) (from a multiple of 8). */
    private static byte[] frag4(int id, byte[] data, int from, int to, boolean more) {
        int field = (more ? 0x2000 : 0) | from / 8;
        return ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, id, field, Arrays.copyOfRange(data, from, to)));
    }

    private static byte[] frag6(int id, byte[] data, int from, int to, boolean more) {
        byte[] body = concat(fragment6(6, from, more, id), Arrays.copyOfRange(data, from, to));
        return ethernet(0x86DD, ipv6("2001:db8::1", "2001:db8::2", 44, body));
    }

    private static List<byte[]> split4(int id, int... cuts) {
        List<byte[]> out = new ArrayList<>();
        int prev = 0;
        for (int c : cuts) {
            out.add(frag4(id, SEG, prev, c, true));
            prev = c;
        }
        out.add(frag4(id, SEG, prev, SEG.length, false));
        return out;
    }

    private static void feed(Decoder d, List<byte[]> frames, long firstFrame, long tsStep) {
        long n = firstFrame;
        for (byte[] f : frames) {
            d.packet(raw(LinkType.ETHERNET, f, n, n * tsStep));
            n++;
        }
    }

    @Test
    void ipv4InOrderAndReversedAtEveryCut() {
        for (int cut = 8; cut < SEG.length; cut += 8) {
            for (boolean reversed : new boolean[] {false, true}) {
                Recorder r = new Recorder();
                Decoder d = new Decoder(Limits.defaults(), r);
                d.setStreamListener(r);
                List<byte[]> frames = split4(7, cut);
                if (reversed) {
                    Collections.reverse(frames);
                }
                feed(d, frames, 1, 1000);
                assertEquals(TEXT, r.stream("F1", true));
                assertEquals("flow_start F1 frame=2 10.0.0.1:50000 > 10.0.0.2:1863 midstream",
                        Recorder.line(r.events.get(0)));
                assertEquals(2, d.stats().ipFragments());
                assertEquals(1, d.stats().tcpPackets());
                assertEquals(List.of(), r.anomalies());
            }
        }
    }

    @Test
    void ipv4ThreeFragmentsShuffledWithDuplicates() {
        List<byte[]> frames = split4(9, 16, 40);
        frames.add(1, frames.get(0));
        Collections.reverse(frames);
        Decoder d = decoder(Limits.defaults());
        feed(d, frames, 1, 1000);
        assertEquals(TEXT, rec.stream("F1", true));
        assertEquals(List.of(), rec.anomalies());
    }

    @Test
    void overlappingFragmentWithDifferentBytesKeepsTheFirstCopy() {
        byte[] other = SEG.clone();
        other[30] = 'X';
        other[31] = 'Y';
        List<byte[]> frames = new ArrayList<>();
        frames.add(frag4(3, SEG, 0, 32, true));
        frames.add(frag4(3, other, 24, 40, true));
        frames.add(frag4(3, SEG, 40, SEG.length, false));
        Decoder d = decoder(Limits.defaults());
        feed(d, frames, 1, 1000);
        assertEquals(TEXT, rec.stream("F1", true));
        assertEquals(List.of("anomaly null frame=2 ip_fragment_overlap fragment at offset 24 length 16 overlaps"
                + " earlier bytes with different content in datagram 10.0.0.1 > 10.0.0.2 id 3; the first copy is kept"),
                rec.anomalies());
    }

    @Test
    void incompleteDatagramTimesOutAndIsReportedAtFinishToo() {
        Decoder d = decoder(limits(16, 65535, 5 * SECOND));
        d.packet(raw(LinkType.ETHERNET, frag4(1, SEG, 0, 24, true), 1, SECOND));
        d.packet(raw(LinkType.ETHERNET, frag4(2, SEG, 0, 24, true), 2, 3 * SECOND));
        d.packet(raw(LinkType.ETHERNET, frag4(1, SEG, 24, SEG.length, false), 3, 7 * SECOND)); // id 1 timed out first
        d.finish();
        assertEquals(List.of(
                "anomaly null frame=3 ip_fragment_incomplete datagram 10.0.0.1 > 10.0.0.2 id 1 incomplete (timed out):"
                        + " 24 bytes of unknown total",
                "anomaly null frame=3 ip_fragment_incomplete datagram 10.0.0.1 > 10.0.0.2 id 2 incomplete (capture"
                        + " ended): 24 bytes of unknown total",
                "anomaly null frame=3 ip_fragment_incomplete datagram 10.0.0.1 > 10.0.0.2 id 1 incomplete (capture"
                        + " ended): 36 bytes of 60"), rec.anomalies());
        assertEquals(0, d.stats().flows());
        assertEquals(3, d.stats().ipFragments());
    }

    @Test
    void overTheDatagramSizeAndCountLimits() {
        Decoder d = decoder(limits(2, 48, 60 * SECOND));
        feed(d, split4(5, 24), 1, 1000); // ends at 60 > 48: dropped, later fragments absorbed
        feed(d, List.of(frag4(6, SEG, 0, 8, true), frag4(7, SEG, 0, 8, true)), 3, 1000); // table of 2: id 5 goes
        d.finish();
        assertEquals(List.of(
                "anomaly null frame=2 ip_fragment_limit fragment ends at byte 60 past the 48-byte datagram limit;"
                        + " dropped datagram 10.0.0.1 > 10.0.0.2 id 5",
                "anomaly null frame=4 ip_fragment_incomplete datagram 10.0.0.1 > 10.0.0.2 id 6 incomplete (capture"
                        + " ended): 8 bytes of unknown total",
                "anomaly null frame=4 ip_fragment_incomplete datagram 10.0.0.1 > 10.0.0.2 id 7 incomplete (capture"
                        + " ended): 8 bytes of unknown total"), rec.anomalies());
        rec.events.clear();
        Decoder e = decoder(limits(2, 65535, 60 * SECOND));
        feed(e, List.of(frag4(1, SEG, 0, 8, true), frag4(2, SEG, 0, 8, true), frag4(3, SEG, 0, 8, true)), 1, 1000);
        assertEquals(List.of("anomaly null frame=3 ip_fragment_limit fragment table full (2 datagrams); dropped"
                + " datagram 10.0.0.1 > 10.0.0.2 id 1"), rec.anomalies());
    }

    @Test
    void ipv6FragmentsInAnyOrder() {
        for (int cut = 8; cut < SEG.length; cut += 8) {
            Recorder r = new Recorder();
            Decoder d = new Decoder(Limits.defaults(), r);
            d.setStreamListener(r);
            feed(d, List.of(frag6(0x12345678, SEG, cut, SEG.length, false), frag6(0x12345678, SEG, 0, cut, true)),
                    1, 1000);
            assertEquals(TEXT, r.stream("F1", true));
            assertEquals("flow_start F1 frame=2 [2001:db8::1]:50000 > [2001:db8::2]:1863 midstream",
                    Recorder.line(r.events.get(0)));
        }
    }

    @Test
    void ipv6FragmentedPayloadMayStartWithDestinationOptions() {
        byte[] inner = concat(new byte[] {6, 0, 0, 0, 0, 0, 0, 0}, SEG);
        byte[] first = concat(fragment6(60, 0, true, 77), Arrays.copyOfRange(inner, 0, 16));
        byte[] second = concat(fragment6(60, 16, false, 77), Arrays.copyOfRange(inner, 16, inner.length));
        Decoder d = decoder(Limits.defaults());
        d.packet(raw(LinkType.IPV6, ipv6("2001:db8::1", "2001:db8::2", 0, concat(new byte[] {44, 0, 0, 0, 0, 0, 0, 0},
                first)), 1, 1));
        d.packet(raw(LinkType.IPV6, ipv6("2001:db8::1", "2001:db8::2", 44, second), 2, 2));
        assertEquals(TEXT, rec.stream("F1", true));
        assertEquals(2, d.stats().ipFragments());
    }

    @Test
    void truncatedFragmentIsCountedNotKept() {
        RawPacket p = raw(LinkType.ETHERNET, frag4(1, SEG, 0, 24, true), 1, 1);
        p.capturedLength -= 4;
        p.originalLength = p.capturedLength + 4;
        Decoder d = decoder(Limits.defaults());
        d.packet(p);
        assertEquals(1, d.stats().ipFragments());
        assertEquals(1, d.stats().truncatedPackets());
        d.finish();
        assertEquals(List.of("anomaly null frame=1 packet_truncated 54 of 58 bytes captured (snap length);"
                + " further truncated packets are only counted"), rec.anomalies());
    }
}
