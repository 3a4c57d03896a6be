package org.msnscope.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of live capture that need no interface: the flow selector, option parsing, latency. */
class LiveUnitTest {
    /** An Ethernet/IPv4/TCP packet from 10.0.0.{src} to 10.0.0.{dst}. */
    static Captured tcp(int src, int sport, int dst, int dport, int flags, String payload, long tsMillis) {
        byte[] frame = Warmup.frame(new byte[] {10, 0, 0, (byte) src}, new byte[] {10, 0, 0, (byte) dst}, sport, dport, 1000,
                flags == 0x02 ? 0 : 1, flags, payload.getBytes(StandardCharsets.ISO_8859_1));
        return new Captured(frame, frame.length, tsMillis * 1_000_000L);
    }

    static final int SYN = 0x02;
    static final int SYNACK = 0x12;
    static final int ACK = 0x10;
    static final int PSH = 0x18;

    private final List<Captured> passed = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final FlowSelector selector = new FlowSelector(1, passed::add, new FlowSelector.Report() {
        @Override
        public void followed(int port, String what, String host, int recovered) {
            reports.add("port " + port + " " + what + " " + recovered);
        }

        @Override
        public void recognised(String connection, String why, int recovered) {
            reports.add(connection + " " + why + " " + recovered);
        }
    });

    @Test
    void wellKnownPortsPassAndOtherTrafficIsSkipped() {
        Captured ns = tcp(2, 40000, 1, 1863, PSH, "CHG 9 NLN 0\r\n", 1);
        Captured msnftp = tcp(3, 40001, 2, 6891, PSH, "VER MSNFTP\r\n", 2);
        Captured web = tcp(2, 40002, 9, 443, PSH, "\u0016\u0003\u0001 hello", 3);
        selector.offer(ns);
        selector.offer(msnftp);
        selector.offer(web);
        assertEquals(List.of(ns, msnftp), passed);
        assertEquals(1, selector.skipped);
        assertTrue(reports.isEmpty(), reports.toString());
    }

    @Test
    void aConnectionToAPortAnnouncedAfterItsFirstPacketsKeepsThem() {
        // the client connects to the switchboard before the decoder has read the XFR that named it
        Captured syn = tcp(2, 40010, 1, 41864, SYN, "", 10);
        Captured synAck = tcp(1, 41864, 2, 40010, SYNACK, "", 11);
        Captured ack = tcp(2, 40010, 1, 41864, ACK, "", 12);
        Captured other = tcp(2, 40011, 9, 80, SYN, "", 12);
        Captured cal = tcp(2, 40010, 1, 41864, PSH, "CAL 2 bob@hotmail.com\r\n", 13);
        for (Captured c : List.of(syn, synAck, ack, other, cal)) {
            selector.offer(c);
        }
        assertTrue(passed.isEmpty());
        assertEquals(5, selector.holding());
        selector.announce("10.0.0.1", 41864, "XFR SB");
        selector.idle();
        assertEquals(List.of(syn, synAck, ack, cal), passed, "held packets pass in capture order");
        assertEquals(List.of("port 41864 XFR SB 4"), reports);
        Captured reply = tcp(1, 41864, 2, 40010, PSH, "CAL 2 RINGING 11752013\r\n", 14);
        selector.offer(reply);
        assertEquals(reply, passed.get(4));
        assertEquals(4, selector.recovered);
        assertEquals(1, selector.holding(), "the port 80 connection is still held");
        selector.announce("10.0.0.1", 41864, "XFR SB");
        selector.idle();
        assertEquals(1, reports.size(), "a port is reported once");
    }

    @Test
    void heldPacketsNobodyClaimsExpire() {
        selector.offer(tcp(2, 40020, 9, 8080, SYN, "", 0));
        selector.offer(tcp(9, 8080, 2, 40020, SYNACK, "", 1));
        selector.offer(tcp(2, 40030, 9, 22, PSH, "SSH-2.0-x", FlowSelector.HOLD_NANOS / 1_000_000L + 1));
        assertEquals(0, selector.holding(), "held beyond the hold time, and no SYN seen for the last");
        assertEquals(2, selector.expired);
        assertEquals(3, selector.skipped);
        selector.announce("10.0.0.9", 8080, "direct connection");
        selector.idle();
        assertTrue(passed.isEmpty());
        assertEquals(List.of("port 8080 direct connection 0"), reports);
    }

    @Test
    void aYoungConnectionHoldsAtMostItsShare() {
        selector.offer(tcp(2, 40040, 9, 5000, SYN, "", 0));
        for (int i = 0; i < 1000; i++) {
            selector.offer(tcp(2, 40040, 9, 5000, PSH, "x".repeat(1000), 1));
        }
        assertEquals(FlowSelector.HOLD_PER_FLOW, selector.holding());
    }

    @Test
    void connectionsThatOpenLikeMsnAreRecognisedWithTheirEarlierPackets() {
        Captured syn = tcp(2, 40050, 1, 7001, SYN, "", 0);
        Captured ver = tcp(2, 40050, 1, 7001, PSH, "VER 1 MSNP15 CVR0\r\n", 1);
        Captured reply = tcp(1, 7001, 2, 40050, PSH, "VER 1 MSNP15\r\n", 2);
        Captured dcSyn = tcp(3, 40060, 4, 2741, SYN, "", 3);
        Captured foo = tcp(3, 40060, 4, 2741, PSH, "\u0004\u0000\u0000\u0000foo\u0000", 4);
        Captured gw = tcp(3, 40070, 4, 80, PSH, "POST /gateway/gateway.dll?Action=open&Server=NS&IP=1.2.3.4 HTTP/1.1\r\n", 5);
        Captured get = tcp(3, 40080, 4, 80, PSH, "GET / HTTP/1.1\r\n", 6);
        Captured noTrid = tcp(3, 40090, 4, 81, PSH, "USR alice\r\n", 7);
        for (Captured c : List.of(syn, ver, reply, dcSyn, foo, gw, get, noTrid)) {
            selector.offer(c);
        }
        assertEquals(List.of(syn, ver, reply, dcSyn, foo, gw), passed);
        assertEquals(List.of("10.0.0.2:40050 -> 10.0.0.1:7001 VER command 1",
                "10.0.0.3:40060 -> 10.0.0.4:2741 direct-connection handshake 1",
                "10.0.0.3:40070 -> 10.0.0.4:80 HTTP gateway request 0"), reports);
    }

    @Test
    void aFloodOfAnnouncementsDoesNotFollowEveryPort() {
        for (int p = 10_000; p < 20_000; p++) {
            selector.announce("10.0.0.1", p, "RNG");
        }
        selector.idle();
        assertEquals(FlowSelector.MAX_FOLLOWED_PORTS, reports.size());
        assertTrue(selector.follows(10_000));
        assertFalse(selector.follows(19_999));
    }

    @Test
    void durations() {
        assertEquals(90_000_000_000L, LiveCommand.parseDuration("90"));
        assertEquals(30_000_000_000L, LiveCommand.parseDuration("30s"));
        assertEquals(300_000_000_000L, LiveCommand.parseDuration("5m"));
        assertEquals(3_600_000_000_000L, LiveCommand.parseDuration("1h"));
        assertEquals(250_000_000L, LiveCommand.parseDuration("250ms"));
        assertThrows(NumberFormatException.class, () -> LiveCommand.parseDuration("soon"));
        assertThrows(NumberFormatException.class, () -> LiveCommand.parseDuration("0"));
    }

    @Test
    void latencyPercentilesInMilliseconds() {
        LiveCommand.Latency l = new LiveCommand.Latency();
        for (int i = 1; i <= 100; i++) {
            l.add(i * 1_000_000L);
        }
        l.add(-5);
        assertEquals(101, l.count());
        assertEquals(50, l.percentile(50));
        assertEquals(99, l.percentile(99));
        assertEquals(100, l.max());
    }
}
