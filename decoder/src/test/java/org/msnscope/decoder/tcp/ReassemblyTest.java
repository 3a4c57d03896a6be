package org.msnscope.decoder.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.msnscope.decoder.TestPackets.ACK;
import static org.msnscope.decoder.TestPackets.FIN;
import static org.msnscope.decoder.TestPackets.PSH;
import static org.msnscope.decoder.TestPackets.SYN;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Conversation;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.Recorder;

class ReassemblyTest {
    private static final String TEXT = "MSG 5 N 130\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello there";
    private static final int ISN = 1000;

    /** A segment of the client's stream: [from, to) of TEXT, or FIN when from == to == TEXT.length(). */
    private record Seg(int from, int to) {
    }

    private static final class Run {
        final Recorder rec = new Recorder();
        final Decoder decoder;
        final Conversation conv = new Conversation("10.1.1.1", 51000, "10.2.2.2", 1863);

        Run(Limits limits) {
            decoder = new Decoder(limits, rec);
            decoder.setStreamListener(rec);
        }

        Run() {
            this(Limits.defaults());
        }

        void feed(RawPacket p) {
            decoder.packet(p);
        }

        void handshake(int isn) {
            feed(conv.c(SYN, isn, 0));
            feed(conv.s(SYN | ACK, 9000, isn + 1));
            feed(conv.c(ACK, isn + 1, 9001));
        }

        void data(int isn, byte[] stream, int from, int to) {
            feed(conv.c(PSH | ACK, isn + 1 + from, 9001, Arrays.copyOfRange(stream, from, to)));
        }

        void fin(int isn, int at) {
            feed(conv.c(FIN | ACK, isn + 1 + at, 9001));
        }
    }

    private static byte[] text() {
        return TEXT.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the segments in the given order after a handshake, then FIN; returns the run. */
    private static Run send(int isn, byte[] stream, List<Seg> order) {
        Run r = new Run();
        r.handshake(isn);
        for (Seg s : order) {
            r.data(isn, stream, s.from, s.to);
        }
        r.fin(isn, stream.length);
        r.feed(r.conv.s(FIN | ACK, 9001, isn + 2 + stream.length));
        return r;
    }

    private static void assertClean(Run r, byte[] stream, long sentBytes) {
        String expect = new String(stream, StandardCharsets.ISO_8859_1);
        assertEquals(expect, r.rec.stream("F1", true));
        assertEquals(List.of(), r.rec.anomalies());
        assertEquals(0, r.decoder.stats().gaps());
        assertEquals(sentBytes - stream.length, r.decoder.stats().retransmittedBytes());
        assertEquals("flow_end F1 frame=" + (r.conv.clock().frame) + " fin c2s=" + stream.length
                + " s2c=0 gaps=0/0 packets=" + r.conv.clock().frame, Recorder.line(r.rec.events.get(1)));
    }

    private static List<Seg> cut(int len, int... points) {
        List<Seg> segs = new ArrayList<>();
        int prev = 0;
        for (int p : points) {
            segs.add(new Seg(prev, p));
            prev = p;
        }
        segs.add(new Seg(prev, len));
        return segs;
    }

    @Test
    void everySingleCutInOrderAndReversed() {
        byte[] s = text();
        for (int k = 1; k < s.length; k++) {
            List<Seg> segs = cut(s.length, k);
            assertClean(send(ISN, s, segs), s, s.length);
            List<Seg> rev = new ArrayList<>(segs);
            Collections.reverse(rev);
            assertClean(send(ISN, s, rev), s, s.length);
        }
    }

    @Test
    void oneByteSegmentsReversed() {
        byte[] s = text();
        int[] points = new int[s.length - 1];
        for (int i = 0; i < points.length; i++) {
            points[i] = i + 1;
        }
        List<Seg> segs = cut(s.length, points);
        Collections.reverse(segs);
        assertClean(send(ISN, s, segs), s, s.length);
    }

    @Test
    void randomCutsOrdersDuplicatesAndOverlaps() {
        byte[] s = text();
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(8);
            int[] points = rnd.ints(n, 1, s.length).distinct().sorted().toArray();
            List<Seg> segs = cut(s.length, points);
            long sent = s.length;
            int extra = rnd.nextInt(4);
            for (int i = 0; i < extra; i++) { // duplicates and partial overlaps
                int a = rnd.nextInt(s.length);
                int b = a + 1 + rnd.nextInt(s.length - a);
                segs.add(new Seg(a, b));
                sent += b - a;
            }
            Collections.shuffle(segs, rnd);
            assertClean(send(ISN, s, segs), s, sent);
        }
    }

    @Test
    void sequenceNumbersWrap() {
        byte[] s = new byte[600];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ('a' + i % 26);
        }
        int isn = 0xFFFFFF00;
        Random rnd = new Random(7);
        for (int round = 0; round < 50; round++) {
            int[] points = rnd.ints(6, 1, s.length).distinct().sorted().toArray();
            List<Seg> segs = cut(s.length, points);
            Collections.shuffle(segs, rnd);
            assertClean(send(isn, s, segs), s, s.length);
        }
        assertClean(send(isn, s, cut(s.length, 255, 256, 257)), s, s.length);
    }

    @Test
    void conflictingOverlapReportedOnceFirstCopyKept() {
        for (int k = 6; k < 10; k++) { // the late copy split at several points
            Run r = new Run();
            r.handshake(ISN);
            r.feed(r.conv.c(PSH | ACK, ISN + 1 + 5, 9001, "fghij"));
            r.feed(r.conv.c(PSH | ACK, ISN + 1 + 3, 9001, "deFGHIjkl".substring(0, k - 3)));
            r.feed(r.conv.c(PSH | ACK, ISN + 1 + k, 9001, "deFGHIjkl".substring(k - 3)));
            r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "abcde"));
            r.fin(ISN, 12);
            assertEquals("abcdefghijkl", r.rec.stream("F1", true));
            assertEquals(List.of("anomaly F1 frame=5 tcp_overlap_conflict c2s offset 5 length " + (k - 5)),
                    r.rec.anomalies(), "split at " + k);
        }
    }

    @Test
    void retransmissionOfDeliveredBytesIsCompared() {
        // same bytes again: quiet; different bytes: reported once per retransmission, first copy kept.
        // The comparison starts with the direction's first retransmission (the duplicate "ab").
        Run r = new Run();
        r.handshake(ISN);
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "ab"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "ab"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 2, 9001, "cdefgh"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 2, 9001, "cdef"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 4, 9001, "eXgh"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 6, 9001, "ghij"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 7, 9001, "h")); // one byte, not a keep-alive position: compared, equal
        r.feed(r.conv.c(ACK, ISN + 1 + 9, 9001, "Z")); // keep-alive: next - 1, garbage byte, not compared
        r.fin(ISN, 10);
        assertEquals("abcdefghij", r.rec.stream("F1", true));
        assertEquals(List.of("anomaly F1 frame=8 tcp_overlap_conflict c2s offset 4 length 4"
                + " (retransmission differs from delivered bytes at offset 5; first copy kept)"), r.rec.anomalies());
    }

    @Test
    void conflictReportsPerDirectionAreBounded() {
        Run r = new Run();
        r.handshake(ISN);
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "ab"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "ab"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 2, 9001, "cdefgh"));
        for (int i = 0; i < 20; i++) {
            r.feed(r.conv.c(PSH | ACK, ISN + 1 + 3, 9001, "X"));
        }
        assertEquals(TcpReassembler.MAX_CONFLICT_REPORTS, r.rec.anomalies().size());
        assertEquals("abcdefgh", r.rec.stream("F1", true));
    }

    @Test
    void aCleanDirectionKeepsNoCopyOfDeliveredBytes() {
        // no retransmission before it: the first conflicting copy cannot be compared (and costs nothing)
        Run r = new Run();
        r.handshake(ISN);
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "abcdefgh"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 4, 9001, "eXgh"));
        r.feed(r.conv.c(PSH | ACK, ISN + 1 + 4, 9001, "eXgh"));
        assertEquals(List.of(), r.rec.anomalies());
        assertEquals("abcdefgh", r.rec.stream("F1", true));
    }

    @Test
    void acknowledgedHoleIsALostSegmentWhenNewerDataComesFirst() {
        byte[] s = text();
        for (int k = 31; k < 40; k++) { // the held part [30, 40) cut at every boundary, reversed
            Run r = new Run();
            r.handshake(ISN);
            r.data(ISN, s, 0, 10);
            r.data(ISN, s, k, 40);
            r.data(ISN, s, 30, k);
            r.feed(r.conv.s(ACK, 9001, ISN + 1 + 40)); // frame 7: the peer had [10, 30); we have not seen it
            assertEquals(List.of(), r.rec.anomalies(), "an ACK alone may precede its data in a capture");
            r.data(ISN, s, 40, 45); // frame 8: newer data again, the hole is not being filled
            assertEquals(List.of("anomaly F1 frame=8 tcp_gap c2s offset 10 length 20"), r.rec.anomalies());
            assertEquals(TEXT.substring(0, 10) + "?".repeat(20) + TEXT.substring(30, 45), r.rec.stream("F1", true));
            r.data(ISN, s, 10, 30); // arrives after being declared lost: dropped, counted
            assertEquals(20, r.decoder.stats().retransmittedBytes());
            assertEquals(TEXT.substring(0, 10) + "?".repeat(20) + TEXT.substring(30, 45), r.rec.stream("F1", true));
        }
    }

    @Test
    void dataThatFollowsItsAckIsDelivered() {
        byte[] s = text();
        Run r = new Run();
        r.handshake(ISN);
        r.data(ISN, s, 0, 10);
        r.feed(r.conv.s(ACK, 9001, ISN + 1 + 30)); // captured before the data it acknowledges
        r.data(ISN, s, 20, 30);
        r.data(ISN, s, 10, 20);
        r.fin(ISN, 30);
        assertEquals(List.of(), r.rec.anomalies());
        assertEquals(TEXT.substring(0, 30), r.rec.stream("F1", true));
    }

    @Test
    void acknowledgedHoleIsALostSegmentAfterTheGracePeriod() {
        byte[] s = text();
        Run r = new Run();
        r.handshake(ISN);
        r.data(ISN, s, 0, 10);
        r.feed(r.conv.s(ACK, 9001, ISN + 1 + 30)); // frame 5
        r.conv.clock().tsNanos += Limits.defaults().ackedHoleGraceNanos() - 2 * Conversation.MS;
        r.feed(r.conv.s(ACK, 9001, ISN + 1 + 30)); // frame 6: grace not over yet
        assertEquals(List.of(), r.rec.anomalies());
        r.feed(r.conv.s(ACK, 9001, ISN + 1 + 30)); // frame 7: 200 ms after the first ACK
        assertEquals(List.of("anomaly F1 frame=7 tcp_gap c2s offset 10 length 20"), r.rec.anomalies());
        assertEquals(TEXT.substring(0, 10) + "?".repeat(20), r.rec.stream("F1", true));
    }

    @Test
    void gapDeclaredAtTheOutOfOrderLimit() {
        Limits d = Limits.defaults();
        Limits limits = d.withOutOfOrder(100, d.maxOutOfOrderBytesTotal(), 2);
        byte[] s = text();
        Run r = new Run(limits);
        r.handshake(ISN);
        r.data(ISN, s, 0, 5);
        r.data(ISN, s, 10, 15);
        r.data(ISN, s, 20, 25);
        r.data(ISN, s, 30, 35); // third held segment: over the limit of 2
        assertEquals(List.of(
                "anomaly F1 frame=7 tcp_out_of_order_limit c2s holding 10 bytes in 2 segments (limits: 100 bytes,"
                        + " 2 segments per direction, 268435456 bytes in all)",
                "anomaly F1 frame=7 tcp_gap c2s offset 5 length 5",
                "anomaly F1 frame=7 tcp_gap c2s offset 15 length 5",
                "anomaly F1 frame=7 tcp_gap c2s offset 25 length 5"), r.rec.anomalies());
        assertEquals(TEXT.substring(0, 5) + "?????" + TEXT.substring(10, 15) + "?????" + TEXT.substring(20, 25)
                + "?????" + TEXT.substring(30, 35), r.rec.stream("F1", true));
        // byte limit: one segment larger than the per-direction byte limit
        Run big = new Run(limits);
        big.handshake(ISN);
        big.feed(big.conv.c(PSH | ACK, ISN + 1 + 50, 9001, new byte[101]));
        assertEquals(2, big.rec.anomalies().size());
        assertEquals("anomaly F1 frame=4 tcp_gap c2s offset 0 length 50", big.rec.anomalies().get(1));
        assertEquals(151, big.rec.stream("F1", true).length());
    }

    @Test
    void gapAtFin() {
        byte[] s = text();
        for (int k = 11; k < 15; k++) {
            Run r = new Run();
            r.handshake(ISN);
            r.data(ISN, s, 0, 5);
            r.data(ISN, s, k, 15);
            r.data(ISN, s, 10, k);
            r.fin(ISN, 15); // frame 7: a hole before the FIN may still be filled
            assertEquals(List.of(), r.rec.anomalies());
            r.feed(r.conv.s(FIN | ACK, 9001, ISN + 17)); // frame 8, then the grace period passes
            r.conv.clock().tsNanos += Limits.defaults().ackedHoleGraceNanos();
            r.feed(r.conv.c(ACK, ISN + 17, 9002)); // frame 9
            assertEquals(List.of("anomaly F1 frame=9 tcp_gap c2s offset 5 length 5"), r.rec.anomalies());
            assertEquals(TEXT.substring(0, 5) + "?????" + TEXT.substring(10, 15), r.rec.stream("F1", true));
            assertEquals("flow_end F1 frame=9 fin c2s=10 s2c=0 gaps=1/5 packets=9",
                    Recorder.line(r.rec.events.get(2)));
        }
    }

    @Test
    void finCapturedBeforeTheLastSegment() {
        byte[] s = text();
        Run r = new Run();
        r.handshake(ISN);
        r.data(ISN, s, 0, 10);
        r.fin(ISN, 15);
        r.data(ISN, s, 10, 15);
        r.feed(r.conv.s(FIN | ACK, 9001, ISN + 17));
        assertEquals(List.of(), r.rec.anomalies());
        assertEquals(TEXT.substring(0, 15), r.rec.stream("F1", true));
        assertEquals("flow_end F1 frame=7 fin c2s=15 s2c=0 gaps=0/0 packets=7", Recorder.line(r.rec.events.get(1)));
    }

    @Test
    void gapAtFinish() {
        byte[] s = text();
        for (int k = 11; k < 15; k++) {
            Run r = new Run();
            r.handshake(ISN);
            r.data(ISN, s, k, 15);
            r.data(ISN, s, 0, 5);
            r.data(ISN, s, 10, k);
            r.decoder.finish();
            assertEquals(List.of("anomaly F1 frame=6 tcp_gap c2s offset 5 length 5"), r.rec.anomalies());
            assertEquals(TEXT.substring(0, 5) + "?????" + TEXT.substring(10, 15), r.rec.stream("F1", true));
            assertEquals("flow_end F1 frame=6 capture_end c2s=10 s2c=0 gaps=1/5 packets=6",
                    Recorder.line(r.rec.events.get(2)));
            assertEquals(0, r.decoder.stats().retransmittedBytes());
        }
    }

    @Test
    void midStreamPickup() {
        byte[] s = text();
        for (int k = 21; k < 30; k++) {
            Run r = new Run();
            r.feed(r.conv.s(PSH | ACK, 777_000, 5000, "hello"));
            r.data(ISN, s, 20, k);
            r.data(ISN, s, k, 30);
            r.data(ISN, s, 10, 20); // before the pickup point: treated as already seen
            r.data(ISN, s, 30, 40);
            assertEquals(TEXT.substring(20, 40), r.rec.stream("F1", true));
            assertEquals("hello", r.rec.stream("F1", false));
            assertEquals("flow_start F1 frame=1 10.1.1.1:51000 > 10.2.2.2:1863 midstream",
                    Recorder.line(r.rec.events.get(0)));
            assertEquals(List.of(), r.rec.anomalies());
        }
    }

    @Test
    void keepAliveAndZeroWindowProbeMakeNoGapOrDuplicate() {
        Run r = new Run();
        r.handshake(ISN);
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "abc"));
        r.feed(r.conv.c(ACK, ISN + 3, 9001)); // keep-alive, no byte
        r.feed(r.conv.c(ACK, ISN + 3, 9001, "c")); // keep-alive with one garbage byte
        r.feed(r.conv.s(ACK, 9001, ISN + 4)); // window 0 in real life
        r.feed(r.conv.c(ACK, ISN + 4, 9001, "d")); // zero-window probe
        r.feed(r.conv.s(ACK, 9001, ISN + 4)); // not accepted
        r.feed(r.conv.c(ACK, ISN + 4, 9001, "d")); // probe again
        r.feed(r.conv.s(ACK, 9001, ISN + 4));
        r.feed(r.conv.c(PSH | ACK, ISN + 4, 9001, "def")); // window open: the real data
        r.feed(r.conv.s(ACK, 9001, ISN + 7));
        assertEquals("abcdef", r.rec.stream("F1", true));
        assertEquals(List.of(), r.rec.anomalies());
        assertEquals(3, r.decoder.stats().retransmittedBytes()); // the keep-alive byte, the repeated probe, "d"
    }

    @Test
    void synRetransmissionAndDataAfterFin() {
        Run r = new Run();
        r.feed(r.conv.c(SYN, ISN, 0));
        r.feed(r.conv.c(SYN, ISN, 0));
        r.feed(r.conv.s(SYN | ACK, 9000, ISN + 1));
        r.feed(r.conv.s(SYN | ACK, 9000, ISN + 1));
        r.feed(r.conv.c(PSH | ACK, ISN + 1, 9001, "abc"));
        r.feed(r.conv.c(FIN | ACK, ISN + 4, 9001, "de"));
        r.feed(r.conv.c(PSH | ACK, ISN + 7, 9001, "zzz")); // after FIN
        r.feed(r.conv.s(PSH | ACK, 9001, ISN + 7, "ok"));
        r.feed(r.conv.s(FIN | ACK, 9003, ISN + 7));
        assertEquals("abcde", r.rec.stream("F1", true));
        assertEquals("ok", r.rec.stream("F1", false));
        assertEquals(List.of(
                "flow_start F1 frame=1 10.1.1.1:51000 > 10.2.2.2:1863",
                "flow_end F1 frame=9 fin c2s=5 s2c=2 gaps=0/0 packets=9"),
                r.rec.events.stream().map(Recorder::line).toList());
    }

    @Test
    void heldBytesAreReleasedWhenFlowsEnd() {
        Run r = new Run();
        r.handshake(ISN);
        r.data(ISN, text(), 10, 20);
        r.data(ISN, text(), 30, 35);
        r.decoder.finish();
        assertEquals(2, r.decoder.stats().gaps());
        assertEquals(20, r.decoder.stats().gapBytes());
    }
}
