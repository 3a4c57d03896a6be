package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.decoder.Conversation;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.TestPackets;
import org.msnscope.testkit.msnp21.RoutedPayload;
import org.msnscope.testkit.p2p.ScenarioWriter;
import org.msnscope.testkit.p2p.Wire;

/**
 * MSNP21 on a notification server captured without its login: conversations keyed by routing addresses,
 * hostile addresses, blocks and lengths reported while the rest is decoded, the bounds.
 */
class Msnp21SessionTest {
    @TempDir
    Path tmp;

    private static final String ALICE = "1:alice@hotmail.com;epid={0f3c9a4e-71b2-4d58-9e06-5a2b8c1d7e90}";

    /** A scenario of one NS connection built line by line. */
    private static final class Script {
        final ScenarioWriter w = new ScenarioWriter(Instant.parse("2011-02-03T04:05:06Z"));
        final ScenarioWriter.Conn ns;
        long t = 10_000;

        Script() {
            w.option("seed", "21");
            ns = w.conn("ns", "10.1.2.3:50123", "65.54.49.236:1863", 0, null);
        }

        Script c2s(Wire data) {
            w.send(ns, t += 50_000, true, data, null);
            return this;
        }

        Script s2c(Wire data) {
            w.send(ns, t += 50_000, false, data, null);
            return this;
        }
    }

    static RoutedPayload text(String to, String from, String text) {
        return RoutedPayload.to(to, from).block("Messaging", "2.0").header("Message-Type", "Text").contentLength()
                .header("Content-Type", "text/plain; charset=UTF-8").body(text);
    }

    List<Event> decode(Script s, Limits limits) throws Exception {
        MsnpSessionTest helper = new MsnpSessionTest();
        helper.tmp = tmp;
        return helper.decode(s.w.render(), limits);
    }

    private static List<String> conversations(List<Event> ev) {
        List<String> out = new ArrayList<>();
        for (MessageEvent m : MsnpSessionTest.of(ev, MessageEvent.class)) {
            out.add(m.conversation());
        }
        return out;
    }

    private static List<AnomalyCode> anomalies(List<Event> ev) {
        return MsnpSessionTest.of(ev, AnomalyEvent.class).stream().map(AnomalyEvent::code).toList();
    }

    @Test
    void conversationsAreKeyedByRoutingAddressesAndHostileOnesAreReported() throws Exception {
        Script s = new Script();
        s.c2s(text("1:bob@live.com", ALICE, "hi bob").command("SDG 1"));
        // the server's To without a prefix, the sender's account in another case: the same conversation
        s.s2c(text("alice@hotmail.com", "1:Bob@Live.com;epid={9b1e0c47-2f6d-4a83-b5e9-0d7c3a6f1284}", "hi").command("SDG 0"));
        s.c2s(text("77:eve@example.com", ALICE, "who are you").command("SDG 2"));
        s.s2c(text("1:alice@hotmail.com", "1:carol@hotmail.com;via=55:gateway", "via nowhere").command("SDG 0"));
        s.s2c(RoutedPayload.to("1:alice@hotmail.com", "1:bob@live.com").block("Messaging", "2.0")
                .header("Message-Type", "Text").header("Content-Length", "999").body("short").command("SDG 0"));
        s.s2c(RoutedPayload.line("SDG 0", "Routing: 1.0\r\nTo: 1:alice@hotmail.com\r\n\r\nReliability: 1.0\r\n\r\n"
                + "Messaging: 2.0\r\nMessage-Type: Nudge\r\nContent-Length: 9\r\n\r\nID: 1\r\n\r\n"));
        s.s2c(RoutedPayload.to("1:alice@hotmail.com", "1:dave@live.com").block("Notification", "1.0")
                .header("Uri", "/user").header("Content-Type", "application/user+xml").contentLength()
                .body("<user><s n=\"IM\"><Status>BSY</Status></s><s n=\"PE\"><PSM>x</PS></s></user>").command("NFY PUT"));
        s.c2s(RoutedPayload.from(ALICE, "10:00000000-0000-0000-0000-000000000000@live.com").block("Publication", "1.0")
                .contentLength().header("Content-Type", "application/multiparty+xml").header("Uri", "/circle").body("")
                .command("PUT 3"));
        s.s2c(RoutedPayload.to(ALICE, "10:11111111-2222-3333-4444-555555555555@live.com").command("PUT 3 OK"));
        s.c2s(text("10:11111111-2222-3333-4444-555555555555@live.com;path=IM", ALICE, "group hello").command("SDG 4"));
        s.s2c(RoutedPayload.to("1:alice@hotmail.com", "1:alice@hotmail.com;epid={aaaaaaaa-0000-0000-0000-000000000001}")
                .block("Messaging", "2.0").header("Message-Type", "Signal/CloseIMWindow").contentLength()
                .body("1:alice@hotmail.com/1:bob@live.com").command("SDG 0"));
        List<Event> ev = decode(s, Limits.defaults());

        assertEquals(Arrays.asList("C1", "C1", "C2", "C3", "C1", null, "C4", null), conversations(ev));
        assertEquals(List.of(AnomalyCode.MSNP_UNKNOWN_NETWORK, AnomalyCode.MSNP_UNKNOWN_NETWORK,
                AnomalyCode.MSNP_BLOCK_LENGTH, AnomalyCode.MSNP_MALFORMED_BLOCK, AnomalyCode.MSNP_MALFORMED_XML),
                anomalies(ev));
        List<MessageEvent> m = MsnpSessionTest.of(ev, MessageEvent.class);
        assertEquals("alice@hotmail.com", m.get(0).from());
        assertEquals(List.of("bob@live.com"), m.get(0).to());
        assertEquals(1L, m.get(0).trid());
        assertEquals("Bob@Live.com", m.get(1).from());
        assertNull(m.get(1).trid());
        assertEquals("short", m.get(4).text());
        assertEquals("nudge", m.get(5).kind());
        assertNull(m.get(5).from());
        assertEquals(List.of("alice@hotmail.com"), m.get(5).to());
        assertEquals("other", m.get(7).kind());
        PresenceEvent p = MsnpSessionTest.of(ev, PresenceEvent.class).get(0);
        assertEquals("dave@live.com", p.user());
        assertEquals("BSY", p.status());
        assertEquals("NFY", p.source());
        // the first two people of C1, then eve, carol; the group has its creator once she writes
        List<String> present = MsnpSessionTest.of(ev, ParticipantEvent.class).stream()
                .map(e -> e.conversation() + " " + e.user() + " " + e.action()).toList();
        assertEquals(List.of("C1 alice@hotmail.com present", "C1 bob@live.com present", "C2 alice@hotmail.com present",
                "C2 eve@example.com present", "C3 alice@hotmail.com present", "C3 carol@hotmail.com present",
                "C4 alice@hotmail.com present"), present);
        SessionEvent end = MsnpSessionTest.of(ev, SessionEvent.class).stream().filter(e -> !e.start()).findFirst()
                .orElseThrow();
        assertEquals("NS", end.role());
        assertEquals("alice@hotmail.com", end.account());
        assertTrue(end.accountInferred());
        assertEquals(">=MSNP21", end.version());
        assertEquals(8, end.messages());
    }

    @Test
    void conversationsAndHeadersAreBounded() throws Exception {
        Script s = new Script();
        for (String peer : new String[] {"bob@live.com", "carol@live.com", "dave@live.com", "bob@live.com"}) {
            s.c2s(text("1:" + peer, ALICE, "hello " + peer).command("SDG 1"));
        }
        s.c2s(RoutedPayload.to("1:erin@live.com", ALICE).routing("X-A", "1").routing("X-B", "2").routing("X-C", "3")
                .block("Messaging", "2.0").header("Message-Type", "Text").contentLength().body("many headers")
                .command("SDG 2"));
        Limits small = Limits.defaults().withMsnp(Limits.Msnp.defaults().withBlocks(4, 16 << 10, 2));
        List<Event> ev = decode(s, small);
        // the third conversation forgets the first; bob's return is a new conversation
        assertEquals(List.of("C1", "C2", "C3", "C4", "C5"), conversations(ev));
        assertEquals(List.of(AnomalyCode.MSNP_CONVERSATION_LIMIT, AnomalyCode.MSNP_CONVERSATION_LIMIT,
                AnomalyCode.MSNP_BLOCK_LIMIT, AnomalyCode.MSNP_CONVERSATION_LIMIT), anomalies(ev));
        MessageEvent last = MsnpSessionTest.of(ev, MessageEvent.class).get(4);
        assertEquals("many headers", last.text());
        assertEquals(List.of("erin@live.com"), last.to());
    }

    @Test
    void mutatedRoutedTrafficNeverThrowsAndEveryConnectionEnds() {
        List<Wire> payloads = List.of(
                text("1:bob@live.com", ALICE, "hello \u00e9\u00e8").wire(),
                RoutedPayload.to("1:alice@hotmail.com", "10:11111111-2222-3333-4444-555555555555@live.com")
                        .reliability("Stream", "0").block("Notification", "1.0").header("Uri", "/circle")
                        .header("NotifType", "Full").header("Content-Type", "application/circles+xml").contentLength()
                        .body("<circle><roster><id>IM</id><user><id>1:bob@live.com</id><state>pending</state></user>"
                                + "</roster></circle>").wire(),
                RoutedPayload.to("1:alice@hotmail.com", "1:bob@live.com").block("Notification", "1.0")
                        .header("Uri", "/user").header("Content-Type", "application/user+xml").contentLength()
                        .body("<user><s n=\"IM\"><Status>NLN</Status></s><s n=\"PE\"><UserTileLocation>&lt;msnobj"
                                + " Creator=&quot;bob@live.com&quot; Size=&quot;10&quot;/&gt;</UserTileLocation></s>"
                                + "<sep n=\"IM\" epid=\"{x}\"><Capabilities>1:2</Capabilities></sep></user>").wire(),
                RoutedPayload.to("1:bob@live.com;epid={b}", ALICE).block("Messaging", "2.0").contentLength()
                        .header("Content-Type", "application/x-msnmsgrp2p").header("Message-Type", "Data")
                        .body(Wire.bin(new byte[] {8, 0, 0, 12, 0, 0, 0, 1, 8, 1, 0, 1, 0, 0, 0, 7, 1, 2, 3, 4, 0, 0, 0, 12}))
                        .wire(),
                RoutedPayload.to("1:bob@live.com;epid={b}", ALICE).block("Messaging", "2.0").contentLength()
                        .header("Message-Type", "Signal/P2P").body("INVITE MSNMSGR:bob@live.com MSNSLP/1.0\r\nTo: "
                                + "<msnmsgr:bob@live.com>\r\nCall-ID: {1}\r\nContent-Type: application/x-msnmsgr-"
                                + "transreqbody\r\nContent-Length: 3\r\n\r\n\r\n\u0000").wire());
        String[] verbs = {"SDG 7", "NFY PUT", "NFY DEL", "PUT 8", "DEL 9", "PUT 10 OK", "SDG 0"};
        java.util.Random rnd = new java.util.Random(2121);
        for (int round = 0; round < 200; round++) {
            List<Event> events = new ArrayList<>();
            Decoder d = new Decoder(Limits.defaults(), events::add);
            d.enableMsnp();
            Conversation c = new Conversation("10.0.0.1", 40000 + round, "65.54.49.236", 1863);
            int cseq = 1;
            int sseq = 1;
            byte[] hello = "VER 1 MSNP21\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            d.packet(c.c(TestPackets.ACK | TestPackets.PSH, cseq, sseq, hello));
            cseq += hello.length;
            for (int i = 0; i < 25; i++) {
                byte[] p = payloads.get(rnd.nextInt(payloads.size())).bytes();
                int mode = rnd.nextInt(5);
                if (mode == 0) {
                    for (int k = rnd.nextInt(6); k >= 0; k--) {
                        String hostile = "\r\n:;=<>{}0 \u00ff";
                        p[rnd.nextInt(p.length)] = (byte) hostile.charAt(rnd.nextInt(hostile.length()));
                    }
                } else if (mode == 1) {
                    p = Arrays.copyOf(p, rnd.nextInt(p.length + 1));
                } else if (mode == 2) {
                    p[rnd.nextInt(p.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                int declared = mode == 3 ? rnd.nextInt(p.length * 2 + 1) : p.length;
                byte[] line = (verbs[rnd.nextInt(verbs.length)] + " " + declared + "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] seg = TestPackets.concat(line, p);
                if (rnd.nextBoolean()) {
                    d.packet(c.c(TestPackets.ACK | TestPackets.PSH, cseq, sseq, seg));
                    cseq += seg.length;
                } else {
                    d.packet(c.s(TestPackets.ACK | TestPackets.PSH, sseq, cseq, seg));
                    sseq += seg.length;
                }
            }
            d.finish();
            long starts = events.stream().filter(e -> e instanceof org.msnscope.decoder.event.FlowStartEvent).count();
            long ends = events.stream().filter(e -> e instanceof org.msnscope.decoder.event.FlowEndEvent).count();
            assertEquals(1, starts, "round " + round);
            assertEquals(starts, ends, "round " + round);
        }
    }
}
