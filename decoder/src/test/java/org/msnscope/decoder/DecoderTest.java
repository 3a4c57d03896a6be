package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.msnscope.decoder.TestPackets.ACK;
import static org.msnscope.decoder.TestPackets.FIN;
import static org.msnscope.decoder.TestPackets.PSH;
import static org.msnscope.decoder.TestPackets.RST;
import static org.msnscope.decoder.TestPackets.SYN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;

class DecoderTest {
    private final Recorder rec = new Recorder();
    private final Decoder decoder = new Decoder(Limits.defaults(), rec);

    DecoderTest() {
        decoder.setStreamListener(rec);
    }

    private void feed(RawPacket... packets) {
        for (RawPacket p : packets) {
            decoder.packet(p);
        }
    }

    @Test
    void handshakeDataFinGivesExactEventsAndStats() {
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(SYN, 1000, 0),
                c.s(SYN | ACK, 5000, 1001),
                c.c(ACK, 1001, 5001),
                c.c(PSH | ACK, 1001, 5001, "VER 1 MSNP8 CVR0\r\n"),
                c.s(PSH | ACK, 5001, 1019, "VER 1 MSNP8\r\n"),
                c.c(FIN | ACK, 1019, 5014),
                c.s(FIN | ACK, 5014, 1020),
                c.c(ACK, 1020, 5015));
        decoder.finish();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "started F1",
                "data F1 c2s offset=0 len=18 frame=4",
                "data F1 s2c offset=0 len=13 frame=5",
                "ended F1 fin",
                "flow_end F1 frame=7 fin c2s=18 s2c=13 gaps=0/0 packets=7"), rec.log);
        FlowStartEvent start = (FlowStartEvent) rec.events.get(0);
        assertEquals(new FlowStartEvent(1_000_000_000_000L + Conversation.MS, 6, 1, "F1", "10.0.0.1:50000",
                "10.0.0.2:1863", false), start);
        FlowEndEvent end = (FlowEndEvent) rec.events.get(1);
        assertEquals(new FlowEndEvent(1_000_000_000_000L + 7 * Conversation.MS, 6, 7, "F1", "fin", 18, 13, 0, 0, 7),
                end);
        DecodeStats s = decoder.stats();
        assertEquals(8, s.packets());
        assertEquals(8 * 54 + 31, s.capturedBytes());
        assertEquals(8 * 54 + 31, s.wireBytes());
        assertEquals(8, s.tcpPackets());
        assertEquals(0, s.nonTcpPackets());
        assertEquals(1, s.flows());
        assertEquals(0, s.gaps());
        assertEquals(0, s.gapBytes());
        assertEquals(0, s.truncatedPackets());
        assertEquals(0, s.malformedPackets());
        assertEquals(0, s.ipFragments());
        assertEquals(0, s.retransmittedBytes());
        assertEquals(0, s.anomalies());
        assertEquals(1_000_000_000_000L + Conversation.MS, s.firstTsNanos());
        assertEquals(1_000_000_000_000L + 8 * Conversation.MS, s.lastTsNanos());
        assertEquals("VER 1 MSNP8 CVR0\r\n", rec.stream("F1", true));
        assertEquals("VER 1 MSNP8\r\n", rec.stream("F1", false));
    }

    @Test
    void rstEndsTheFlowAndLateRstIsAbsorbed() {
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(SYN, 1000, 0),
                c.s(SYN | ACK, 5000, 1001),
                c.c(ACK, 1001, 5001),
                c.c(PSH | ACK, 1001, 5001, "OUT\r\n"),
                c.s(RST | ACK, 5001, 1006),
                c.s(RST, 5001, 0));
        decoder.finish();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "started F1",
                "data F1 c2s offset=0 len=5 frame=4",
                "ended F1 rst",
                "flow_end F1 frame=5 rst c2s=5 s2c=0 gaps=0/0 packets=5"), rec.log);
        assertEquals(6, decoder.stats().tcpPackets());
    }

    @Test
    void rstWithHoleOpenDeclaresTheGapFirst() {
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(SYN, 1000, 0),
                c.c(PSH | ACK, 1006, 0, "world"),
                c.c(RST, 1011, 0));
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "started F1",
                "anomaly F1 frame=3 tcp_gap c2s offset 0 length 5",
                "gap F1 c2s offset=0 len=5",
                "data F1 c2s offset=5 len=5 frame=2",
                "ended F1 rst",
                "flow_end F1 frame=3 rst c2s=5 s2c=0 gaps=1/5 packets=3"), rec.log);
    }

    @Test
    void originatorRules() {
        Conversation.Clock clock = new Conversation.Clock();
        // SYN+ACK first: its receiver is the client
        Conversation a = new Conversation(clock, "10.0.0.1", 40000, "10.0.0.2", 5555);
        feed(a.s(SYN | ACK, 7000, 3001));
        // no SYN: the side not on a server port is the client (server port 1863 as source)
        Conversation b = new Conversation(clock, "10.0.0.3", 40001, "10.0.0.4", 1863);
        feed(b.s(PSH | ACK, 100, 200, "x"));
        // both on ephemeral ports: the lower port is the server
        Conversation d = new Conversation(clock, "10.0.0.5", 50001, "10.0.0.6", 40000);
        feed(d.s(PSH | ACK, 100, 200, "y"));
        // both on server ports: the lower port is the server
        Conversation e = new Conversation(clock, "10.0.0.7", 1863, "10.0.0.8", 80);
        feed(e.c(PSH | ACK, 100, 200, "z"));
        // direct-connect port range
        Conversation f = new Conversation(clock, "10.0.0.9", 6000, "10.0.0.10", 6891);
        feed(f.s(PSH | ACK, 100, 200, "w"));
        List<String> starts = rec.log.stream().filter(l -> l.startsWith("flow_start")).toList();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:40000 > 10.0.0.2:5555",
                "flow_start F2 frame=2 10.0.0.3:40001 > 10.0.0.4:1863 midstream",
                "flow_start F3 frame=3 10.0.0.5:50001 > 10.0.0.6:40000 midstream",
                "flow_start F4 frame=4 10.0.0.7:1863 > 10.0.0.8:80 midstream",
                "flow_start F5 frame=5 10.0.0.9:6000 > 10.0.0.10:6891 midstream"), starts);
    }

    @Test
    void pureAckRstFinOfUnknownFlowStartNothing() {
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(ACK, 1, 1), c.c(RST, 1, 0), c.c(FIN | ACK, 1, 1), c.s(RST | ACK, 1, 1, "junk"));
        decoder.finish();
        assertEquals(List.of(), rec.log);
        assertEquals(4, decoder.stats().tcpPackets());
        assertEquals(0, decoder.stats().flows());
    }

    @Test
    void portReuseAfterFinAndAfterRst() {
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(SYN, 1000, 0), c.s(SYN | ACK, 5000, 1001), c.c(FIN | ACK, 1001, 5001), c.s(FIN | ACK, 5001, 1002),
                c.c(ACK, 1002, 5002), // late ACK: absorbed
                c.c(SYN, 9000, 0), // same ports, new SYN: a new flow
                c.s(RST | ACK, 0, 9001),
                c.c(SYN, 12000, 0)); // again after RST
        decoder.finish();
        List<String> flowEvents = rec.log.stream().filter(l -> l.startsWith("flow_")).toList();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "flow_end F1 frame=4 fin c2s=0 s2c=0 gaps=0/0 packets=4",
                "flow_start F2 frame=6 10.0.0.1:50000 > 10.0.0.2:1863",
                "flow_end F2 frame=7 rst c2s=0 s2c=0 gaps=0/0 packets=2",
                "flow_start F3 frame=8 10.0.0.1:50000 > 10.0.0.2:1863",
                "flow_end F3 frame=8 capture_end c2s=0 s2c=0 gaps=0/0 packets=1"), flowEvents);
    }

    @Test
    void lingerAbsorbsLateRetransmissionsThenExpires() {
        Limits l = Limits.defaults();
        Limits limits = l.withFlows(l.maxFlows(), l.flowIdleTimeoutNanos(), 5 * Conversation.MS);
        Decoder d = new Decoder(limits, rec);
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        d.packet(c.c(PSH | ACK, 1, 1, "abc"));
        d.packet(c.c(RST, 4, 0));
        d.packet(c.c(PSH | ACK, 1, 1, "abc")); // 1 ms later: lingering, absorbed
        c.clock().tsNanos += 10 * Conversation.MS;
        d.packet(c.c(PSH | ACK, 1, 1, "abc")); // linger over: a new flow
        d.finish();
        List<String> flowEvents = rec.log.stream().filter(x -> x.startsWith("flow_")).toList();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863 midstream",
                "flow_end F1 frame=2 rst c2s=3 s2c=0 gaps=0/0 packets=2",
                "flow_start F2 frame=4 10.0.0.1:50000 > 10.0.0.2:1863 midstream",
                "flow_end F2 frame=4 capture_end c2s=3 s2c=0 gaps=0/0 packets=1"), flowEvents);
    }

    @Test
    void idleTimeoutUsesTheFlowsLastPacket() {
        Limits l = Limits.defaults();
        Limits limits = l.withFlows(l.maxFlows(), 100 * Conversation.MS, l.closedFlowLingerNanos());
        Decoder d = new Decoder(limits, rec);
        Conversation.Clock clock = new Conversation.Clock();
        Conversation a = new Conversation(clock, "10.0.0.1", 50000, "10.0.0.2", 1863);
        Conversation b = new Conversation(clock, "10.0.0.3", 50000, "10.0.0.4", 1863);
        d.packet(a.c(SYN, 1, 0)); // frame 1
        d.packet(b.c(SYN, 1, 0)); // frame 2
        d.packet(a.c(PSH | ACK, 2, 0, "hi")); // frame 3: a is now the more recent
        clock.tsNanos += 200 * Conversation.MS;
        d.packet(a.c(PSH | ACK, 4, 0, "yo")); // frame 4: both idle past 100 ms; b first (least recent)
        d.finish();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "flow_start F2 frame=2 10.0.0.3:50000 > 10.0.0.4:1863",
                "flow_end F2 frame=2 idle_timeout c2s=0 s2c=0 gaps=0/0 packets=1",
                "flow_end F1 frame=3 idle_timeout c2s=2 s2c=0 gaps=0/0 packets=2",
                "flow_start F3 frame=4 10.0.0.1:50000 > 10.0.0.2:1863 midstream",
                "flow_end F3 frame=4 capture_end c2s=2 s2c=0 gaps=0/0 packets=1"),
                rec.log.stream().filter(x -> x.startsWith("flow_")).toList());
        FlowEndEvent idle = (FlowEndEvent) rec.events.get(2);
        assertEquals(1_000_000_000_000L + 2 * Conversation.MS, idle.tsNanos());
    }

    @Test
    void evictionAtMaxFlows() {
        Limits l = Limits.defaults();
        Limits limits = l.withFlows(2, l.flowIdleTimeoutNanos(), l.closedFlowLingerNanos());
        Decoder d = new Decoder(limits, rec);
        d.setStreamListener(rec);
        Conversation.Clock clock = new Conversation.Clock();
        clock.stepNanos = 2_000_000_000L; // past the one-second activity granularity of the flow list
        Conversation a = new Conversation(clock, "10.0.0.1", 50000, "10.0.0.2", 1863);
        Conversation b = new Conversation(clock, "10.0.0.3", 50000, "10.0.0.4", 1863);
        Conversation c = new Conversation(clock, "10.0.0.5", 50000, "10.0.0.6", 1863);
        d.packet(a.c(SYN, 1, 0));
        d.packet(b.c(SYN, 1, 0));
        d.packet(a.c(ACK, 2, 0)); // a is more recent than b
        d.packet(c.c(SYN, 1, 0)); // evicts b
        d.packet(b.c(PSH | ACK, 2, 0, "late")); // an evicted key does not linger: new mid-stream flow, evicts F1
        d.finish();
        assertEquals(List.of(
                "flow_start F1 frame=1 10.0.0.1:50000 > 10.0.0.2:1863",
                "flow_start F2 frame=2 10.0.0.3:50000 > 10.0.0.4:1863",
                "anomaly F2 frame=4 flow_table_full 2 flows tracked; evicted the least recently active F2",
                "flow_end F2 frame=4 evicted c2s=0 s2c=0 gaps=0/0 packets=1",
                "flow_start F3 frame=4 10.0.0.5:50000 > 10.0.0.6:1863",
                "anomaly F1 frame=5 flow_table_full 2 flows tracked; evicted the least recently active F1",
                "flow_end F1 frame=5 evicted c2s=0 s2c=0 gaps=0/0 packets=2",
                "flow_start F4 frame=5 10.0.0.3:50000 > 10.0.0.4:1863 midstream",
                "data F4 c2s offset=0 len=4 frame=5",
                "flow_end F3 frame=5 capture_end c2s=0 s2c=0 gaps=0/0 packets=1",
                "flow_end F4 frame=5 capture_end c2s=4 s2c=0 gaps=0/0 packets=1"),
                rec.log.stream().filter(x -> !x.startsWith("started") && !x.startsWith("ended")).toList());
        assertEquals(4, d.stats().flows());
        assertEquals(2, d.stats().anomalies());
    }

    @Test
    void captureProblemsBecomeAnomalies() {
        decoder.captureProblem(new CaptureProblem("a.pcap", 24, "truncated_record", "record cut short", false));
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        feed(c.c(ACK, 1, 1), c.c(ACK, 1, 1));
        decoder.captureProblem(new CaptureProblem("a.pcapng", 100, "skipped_block", "unknown block 0x99", false));
        decoder.captureProblem(new CaptureProblem("a.pcapng", -1, "bad_magic", "not a capture", true));
        decoder.captureProblem(new CaptureProblem("a.pcapng", 7, "odd_option", "odd", false));
        assertEquals(List.of(
                new AnomalyEvent(0, 6, 0, null, AnomalyCode.CAPTURE_TRUNCATED_RECORD, "a.pcap: offset 24: record cut short"),
                new AnomalyEvent(1_000_000_000_000L + 2 * Conversation.MS, 6, 2, null, AnomalyCode.CAPTURE_SKIPPED_BLOCK,
                        "a.pcapng: offset 100: unknown block 0x99"),
                new AnomalyEvent(1_000_000_000_000L + 2 * Conversation.MS, 6, 2, null, AnomalyCode.CAPTURE_FILE_ERROR,
                        "a.pcapng: not a capture"),
                new AnomalyEvent(1_000_000_000_000L + 2 * Conversation.MS, 6, 2, null, AnomalyCode.CAPTURE_PROBLEM,
                        "a.pcapng: offset 7: odd")), rec.events);
        assertEquals(4, decoder.stats().anomalies());
    }

    @Test
    void malformedPacketsAreCountedAlwaysAndReportedAtMostOncePer1000() {
        byte[] bad = TestPackets.ethernet(0x0800, TestPackets.bytes(0x43, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 1, 2, 3, 4,
                5, 6, 7, 8));
        for (int i = 1; i <= 2500; i++) {
            decoder.packet(TestPackets.raw(LinkType.ETHERNET, bad, i, i * 1000L));
        }
        assertEquals(2500, decoder.stats().malformedPackets());
        assertEquals(List.of(
                "anomaly null frame=1 malformed_ip IPv4 header length below 20: 12",
                "anomaly null frame=1001 malformed_ip IPv4 header length below 20: 12 (999 more since the last report)",
                "anomaly null frame=2001 malformed_ip IPv4 header length below 20: 12 (999 more since the last report)"),
                rec.anomalies());
        assertEquals(3, decoder.stats().anomalies());
    }

    @Test
    void nonTcpAndTruncatedAreCounted() {
        byte[] udp = TestPackets.ethernet(0x0800, TestPackets.ipv4("10.0.0.1", "10.0.0.2", 17, 1, 0,
                TestPackets.udp(53, 53, new byte[4])));
        byte[] arp = TestPackets.ethernet(0x0806, new byte[28]);
        Conversation c = new Conversation("10.0.0.1", 50000, "10.0.0.2", 1863);
        RawPacket cut = c.c(PSH | ACK, 1, 1, "0123456789");
        cut.capturedLength -= 4; // snaplen cut the last 4 payload bytes
        decoder.packet(TestPackets.raw(LinkType.ETHERNET, udp, 1, 1));
        decoder.packet(TestPackets.raw(LinkType.ETHERNET, arp, 2, 2));
        decoder.packet(TestPackets.raw(147, arp, 3, 3));
        decoder.packet(cut);
        decoder.finish();
        DecodeStats s = decoder.stats();
        assertEquals(3, s.nonTcpPackets());
        assertEquals(1, s.tcpPackets());
        assertEquals(1, s.truncatedPackets());
        assertEquals(1, s.gaps());
        assertEquals(4, s.gapBytes());
        assertEquals(udp.length + arp.length * 2 + 60, s.capturedBytes());
        assertEquals(udp.length + arp.length * 2 + 64, s.wireBytes());
        assertEquals("012345????", rec.stream("F1", true));
        assertEquals(List.of("anomaly null frame=3 unsupported_link_type link type: 147",
                "anomaly null frame=1 packet_truncated 60 of 64 bytes captured (snap length);"
                        + " further truncated packets are only counted",
                "anomaly F1 frame=1 tcp_gap c2s offset 6 length 4"), rec.anomalies());
    }
}
