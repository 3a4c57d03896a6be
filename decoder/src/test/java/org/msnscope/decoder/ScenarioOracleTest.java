package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.testkit.Close;
import org.msnscope.testkit.Direction;
import org.msnscope.testkit.Knob;
import org.msnscope.testkit.OutputFormat;
import org.msnscope.testkit.Scenario;
import org.msnscope.testkit.TcpConnection;

/**
 * The testkit as an oracle: scenarios played out with real TCP behaviour and every network fault
 * the testkit knows, written to a capture, read back with the real readers and decoded; what each
 * direction delivers must be exactly the bytes the scenario's application sent.
 */
class ScenarioOracleTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[] links = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.NULL};
        Knob[] lossless = {Knob.REORDER, Knob.DUPLICATE, Knob.RETRANSMIT, Knob.OVERLAP, Knob.BAD_CHECKSUM,
            Knob.FRAGMENT, Knob.ZERO_WINDOW_PROBE, Knob.KEEP_ALIVE};
        for (int link : links) {
            for (boolean v6 : new boolean[] {false, true}) {
                for (Knob k : lossless) {
                    if (k == Knob.FRAGMENT && v6) {
                        continue; // the testkit fragments IPv4 only
                    }
                    out.add(Arguments.of(LinkType.name(link) + (v6 ? " v6 " : " v4 ") + k, link, v6, k));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deliversExactlyWhatWasSent(String name, int link, boolean v6, Knob knob) throws IOException {
        Random rnd = new Random(name.hashCode());
        Scenario s = new Scenario(name.hashCode()).linkType(link).ipv6(v6).mss(100)
                .format(rnd.nextBoolean() ? OutputFormat.PCAP : OutputFormat.PCAPNG).nanos(rnd.nextBoolean());
        if (link == LinkType.ETHERNET) {
            s.qinq(100, 200);
        }
        List<TcpConnection> conns = new ArrayList<>();
        long t0 = 1_100_000_000_000_000_000L;
        for (int c = 0; c < 3; c++) {
            TcpConnection conn = s.connection("10.0.0." + (c + 2), 40000 + c, "10.9.0.1", 1863, t0 + c * 1_000_000L)
                    .isnWrap(c == 1).knobRate(knob, 0.3);
            long at = t0 + 10_000_000L;
            for (int i = 0; i < 12; i++) {
                byte[] msg = new byte[1 + rnd.nextInt(400)];
                rnd.nextBytes(msg);
                conn.send(i % 3 == 0 ? Direction.S2C : Direction.C2S, at, msg);
                at += 50_000_000L;
            }
            conn.close(at + 10_000_000L, Direction.C2S, Close.FIN);
            conns.add(conn);
        }
        Path file = tmp.resolve("oracle.cap");
        s.writeTo(file);

        Recorder rec = new Recorder();
        Decoder d = new Decoder(Limits.defaults(), rec);
        d.setStreamListener(rec);
        d.setBatching(Decoder.DEFAULT_BATCH, 0);
        try (PacketSource src = CaptureFiles.open(file, name, CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                d.packet(p);
            }
        }
        d.finish();
        for (int c = 0; c < conns.size(); c++) {
            String flow = "F" + (c + 1);
            assertSameStream(latin1(conns.get(c).truth(Direction.C2S)), rec.stream(flow, true), flow + " c2s", rec);
            assertSameStream(latin1(conns.get(c).truth(Direction.S2C)), rec.stream(flow, false), flow + " s2c", rec);
        }
        assertEquals(List.of(), rec.anomalies(), "a lossless capture raises no anomaly");
        assertEquals(3, d.stats().flows());
        assertEquals(0, d.stats().gaps());
    }

    @ParameterizedTest(name = "drop, seed {0}")
    @MethodSource("seeds")
    void droppedSegmentsBecomeGapsAtTheirExactPlace(long seed) throws IOException {
        Scenario s = new Scenario(seed).mss(64);
        Random rnd = new Random(seed);
        TcpConnection conn = s.connection("192.0.2.1", 50000, "192.0.2.2", 1863, 1_000_000_000_000_000_000L)
                .knobRate(Knob.DROP, 0.2).knobRate(Knob.REORDER, 0.2);
        long at = 1_000_000_000_010_000_000L;
        for (int i = 0; i < 20; i++) {
            byte[] msg = new byte[1 + rnd.nextInt(300)];
            java.util.Arrays.fill(msg, (byte) ('a' + i % 26));
            conn.send(Direction.C2S, at, msg);
            at += 20_000_000L;
        }
        conn.close(at, Direction.C2S, Close.FIN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(bytes);
        Path file = tmp.resolve("drop.pcap");
        Files.write(file, bytes.toByteArray());
        Recorder rec = new Recorder();
        Decoder d = new Decoder(Limits.defaults(), rec);
        d.setStreamListener(rec);
        try (PacketSource src = CaptureFiles.open(file, "drop", CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                d.packet(p);
            }
        }
        d.finish();
        String truth = latin1(conn.truth(Direction.C2S));
        String got = rec.stream("F1", true);
        assertEquals(truth.length(), got.length(), "every byte is delivered or reported missing");
        long missing = 0;
        for (int i = 0; i < got.length(); i++) {
            if (got.charAt(i) == '?') {
                missing++;
            } else {
                assertEquals(truth.charAt(i), got.charAt(i), "byte " + i);
            }
        }
        assertEquals(missing, d.stats().gapBytes());
        assertTrue(d.stats().gaps() > 0 || missing == 0);
    }

    /** Equal streams, or a failure naming the first differing offset (not two pages of binary). */
    private static void assertSameStream(String expected, String actual, String what, Recorder rec) {
        int n = Math.min(expected.length(), actual.length());
        int i = 0;
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        if (i < n || expected.length() != actual.length()) {
            throw new AssertionError(what + ": sent " + expected.length() + " bytes, delivered " + actual.length()
                    + ", first difference at offset " + i + "; log: " + rec.log);
        }
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
