package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.DeliveryEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.testkit.ScenarioFile;

/** Whole captures through the real readers: sessions linked, messages attributed, versions inferred. */
class MsnpSessionTest {
    @TempDir
    Path tmp;

    List<Event> decode(String scenario) throws Exception {
        return decode(scenario, Limits.defaults());
    }

    List<Event> decode(String scenario, Limits limits) throws Exception {
        Path scn = tmp.resolve("case.scn");
        Files.writeString(scn, scenario, StandardCharsets.UTF_8);
        return decode(ScenarioFile.parse(scn), limits);
    }

    /** The scenario's capture, written and read back through the real readers, decoded with the MSNP layer. */
    List<Event> decode(org.msnscope.testkit.Scenario scenario, Limits limits) throws Exception {
        Path cap = tmp.resolve("case.pcap");
        scenario.writeTo(cap);
        List<Event> events = new ArrayList<>();
        Decoder d = new Decoder(limits, events::add);
        d.enableMsnp();
        try (PacketSource src = CaptureFiles.open(cap, "case", CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                d.packet(p);
            }
        }
        d.finish();
        return events;
    }

    static <T> List<T> of(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private static final String NS_AND_TWO_SWITCHBOARDS = """
            option seed 3
            conn ns 192.168.1.20:1026 207.46.106.79:1863 2004-05-01T10:00:00Z
            ns +0.01 c2s "VER 1 MSNP9 MSNP8 CVR0\\r\\n"
            ns +0.02 s2c "VER 1 MSNP9\\r\\n"
            ns +0.03 c2s "USR 2 TWN I alice@hotmail.com\\r\\n"
            ns +0.04 s2c "USR 2 TWN S lc=1033,id=507\\r\\n"
            ns +0.05 c2s "USR 3 TWN S t=abc&p=def\\r\\n"
            ns +0.06 s2c "USR 3 OK alice@hotmail.com Alice%20A 1 0\\r\\n"
            ns +0.10 c2s "XFR 4 SB\\r\\n"
            ns +0.11 s2c "XFR 4 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308\\r\\n"
            ns +5.00 s2c "RNG 11752013 207.46.108.38:1863 CKI 849102291.520491113 carol@msn.com Carol\\r\\n"
            conn sb1 192.168.1.20:1027 207.46.108.37:1863 2004-05-01T10:00:00.200Z
            sb1 +0.01 c2s "USR 1 alice@hotmail.com 17262740.1050826919.32308\\r\\n"
            sb1 +0.02 s2c "USR 1 OK alice@hotmail.com Alice%20A\\r\\n"
            sb1 +0.03 c2s "CAL 2 bob@hotmail.com\\r\\n"
            sb1 +0.04 s2c "CAL 2 RINGING 17262740\\r\\n"
            sb1 +0.50 s2c "JOI bob@hotmail.com Bob\\r\\n"
            sb1 +1.00 c2s "MSG 3 A 81\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nhi 你好 😀\\r\\nbye"
            sb1 +1.10 s2c "ACK 3\\r\\n"
            sb1 +1.20 c2s "MSG 4 N 66\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nlost"
            sb1 +1.30 s2c "NAK 4\\r\\n"
            sb1 +1.40 c2s "MSG 5 A 68\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nunseen"
            sb1 +2.00 s2c "BYE bob@hotmail.com 1\\r\\n"
            sb1 +2.10 close c2s fin
            conn sb2 192.168.1.20:1028 207.46.108.38:1864 2004-05-01T10:00:05.100Z
            sb2 +0.01 c2s "ANS 1 alice@hotmail.com 849102291.520491113 11752013\\r\\n"
            sb2 +0.02 s2c "IRO 1 1 2 carol@msn.com Carol\\r\\nIRO 1 2 2 dave@msn.com Dave\\r\\nANS 1 OK\\r\\n"
            sb2 +0.50 s2c "MSG carol@msn.com Carol 86\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/x-msmsgscontrol\\r\\nTypingUser: carol@msn.com\\r\\n\\r\\n\\r\\n"
            sb2 +0.60 s2c "MSG dave@msn.com Dave 69\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/x-msnmsgr-datacast\\r\\n\\r\\nID: 1\\r\\n\\r\\n"
            sb2 +1.00 c2s "OUT\\r\\n"
            sb2 +1.10 close c2s fin
            """;

    @Test
    void switchboardsAreLinkedToTheirNsSessionByCookie() throws Exception {
        List<Event> ev = decode(NS_AND_TWO_SWITCHBOARDS);
        List<SessionEvent> starts = of(ev, SessionEvent.class).stream().filter(SessionEvent::start).toList();
        assertEquals(3, starts.size());
        SessionEvent ns = starts.get(0);
        assertEquals("NS", ns.role());
        assertEquals("alice@hotmail.com", ns.account());
        assertEquals("MSNP9", ns.version());
        SessionEvent sb1 = starts.get(1);
        assertEquals("SB", sb1.role());
        assertEquals("F1", sb1.parentFlow());
        assertEquals("C1", sb1.conversation());
        assertEquals("17262740.1050826919.32308", sb1.cookie());
        assertEquals("MSNP9", sb1.version(), "a switchboard inherits its NS session's version");
        SessionEvent sb2 = starts.get(2);
        assertEquals("F1", sb2.parentFlow(), "RNG cookie matched by ANS on another port (1864)");
        assertEquals("C2", sb2.conversation());
    }

    @Test
    void messagesAreAttributedAndTheirDeliveryTracked() throws Exception {
        List<Event> ev = decode(NS_AND_TWO_SWITCHBOARDS);
        List<MessageEvent> msgs = of(ev, MessageEvent.class);
        MessageEvent hi = msgs.stream().filter(m -> "C1".equals(m.conversation())).findFirst().orElseThrow();
        assertEquals("alice@hotmail.com", hi.from(), "the local client's MSG has no sender on the wire");
        assertEquals(List.of("bob@hotmail.com"), hi.to());
        assertEquals("hi 你好 😀\r\nbye", hi.text());
        assertEquals("A", hi.ackMode());
        List<DeliveryEvent> del = of(ev, DeliveryEvent.class);
        assertEquals(List.of("3 ack", "4 nak", "5 none"),
                del.stream().map(d -> d.trid() + " " + d.result()).toList());
        MessageEvent typing = msgs.stream().filter(m -> m.kind().equals("typing")).findFirst().orElseThrow();
        assertEquals("carol@msn.com", typing.from());
        assertEquals("C2", typing.conversation());
        assertEquals(List.of("alice@hotmail.com", "dave@msn.com"), typing.to());
        MessageEvent nudge = msgs.stream().filter(m -> m.kind().equals("nudge")).findFirst().orElseThrow();
        assertEquals("dave@msn.com", nudge.from());
        assertEquals("1", nudge.datacast());
    }

    @Test
    void participantsOverTime() throws Exception {
        List<Event> ev = decode(NS_AND_TWO_SWITCHBOARDS);
        List<String> parts = of(ev, ParticipantEvent.class).stream()
                .map(p -> p.conversation() + " " + p.user() + " " + p.action() + (p.by() == null ? "" : " " + p.by()))
                .toList();
        assertEquals(List.of("C1 alice@hotmail.com present", "C1 bob@hotmail.com invited alice@hotmail.com",
                "C1 bob@hotmail.com joined", "C1 bob@hotmail.com left idle", "C2 alice@hotmail.com present",
                "C2 carol@msn.com present", "C2 dave@msn.com present", "C2 alice@hotmail.com left"), parts);
        assertTrue(of(ev, AnomalyEvent.class).isEmpty(), () -> "no anomalies: " + of(ev, AnomalyEvent.class));
    }

    @Test
    void versionIsInferredWhenVerWasNotCapturedAndMpopEndpointsAreKept() throws Exception {
        List<Event> ev = decode("""
                conn ns 10.0.0.2:50000 65.54.239.20:1863 2009-06-01T12:00:00Z midstream=3
                ns +0.01 s2c "NLN NLN 1:bob@live.com Bob 2789003324:48 0\\r\\n"
                ns +0.02 s2c "NLN AWY 1:carol@live.com Carol 2789003324:48 0\\r\\n"
                ns +0.03 s2c "UBX 1:bob@live.com 60\\r\\n<Data><PSM>at work</PSM><CurrentMedia></CurrentMedia></Data>"
                ns +0.04 s2c "NLN BSY 1:bob@live.com Bob 2789003324:48 0\\r\\n"
                conn sb 10.0.0.2:50001 65.54.228.10:1863 2009-06-01T12:00:01Z
                sb +0.01 c2s "ANS 1 alice@live.com;{F26D1F07-95E2-403C-BC18-D4BFED493428} 1234.5678 99\\r\\n"
                sb +0.02 s2c "IRO 1 1 2 bob@live.com;{0D4E1C58-3D6B-4C61-B6A2-4B6D40B5F5A4} Bob 2789003324:48\\r\\n"
                sb +0.03 s2c "IRO 1 2 2 bob@live.com Bob 2789003324:48\\r\\nANS 1 OK\\r\\n"
                """);
        List<SessionEvent> ends = of(ev, SessionEvent.class).stream().filter(s -> !s.start()).toList();
        assertEquals(">=MSNP16", ends.get(0).version());
        assertEquals(">=MSNP16", ends.get(1).version());
        assertEquals("{F26D1F07-95E2-403C-BC18-D4BFED493428}", ends.get(1).endpoint());
        assertNull(ends.get(1).parentFlow(), "the RNG was not captured");
        PresenceEvent ubx = of(ev, PresenceEvent.class).stream().filter(p -> p.source().equals("UBX")).findFirst()
                .orElseThrow();
        assertEquals("bob@live.com", ubx.user());
        assertEquals("1", ubx.network());
        assertEquals("at work", ubx.psm());
        List<ParticipantEvent> iro = of(ev, ParticipantEvent.class).stream()
                .filter(p -> p.user().equals("bob@live.com")).toList();
        assertEquals("{0D4E1C58-3D6B-4C61-B6A2-4B6D40B5F5A4}", iro.get(0).endpoint());
        assertNull(iro.get(1).endpoint());
    }

    @Test
    void aSwitchboardPickedUpMidSessionNamesItsLocalUser() throws Exception {
        List<Event> ev = decode("""
                conn sb 10.0.0.9:40000 207.46.108.60:1863 2005-01-01T00:00:00Z midstream=0
                sb +0.01 c2s "MSG 9 U 89\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/x-msmsgscontrol\\r\\nTypingUser: erin@hotmail.com\\r\\n\\r\\n\\r\\n"
                sb +0.50 c2s "MSG 10 N 67\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nhello"
                sb +0.60 s2c "MSG frank@msn.com Frank 67\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\nhey!!"
                """);
        List<MessageEvent> msgs = of(ev, MessageEvent.class);
        assertEquals("erin@hotmail.com", msgs.get(0).from());
        assertEquals("erin@hotmail.com", msgs.get(1).from());
        assertEquals("frank@msn.com", msgs.get(2).from());
        assertEquals(List.of("erin@hotmail.com"), msgs.get(2).to());
        SessionEvent end = of(ev, SessionEvent.class).stream().filter(s -> !s.start()).findFirst().orElseThrow();
        assertEquals("erin@hotmail.com", end.account());
        assertTrue(end.accountInferred());
    }

    @Test
    void badContentBecomesAnomaliesAndTheRestIsDecoded() throws Exception {
        List<Event> ev = decode("""
                conn sb 10.0.0.9:40000 207.46.108.60:1863 2005-01-01T00:00:00Z
                sb +0.01 c2s "USR 1 erin@hotmail.com 1.2\\r\\n"
                sb +0.02 s2c "MSG frank@msn.com Frank 66\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\n\\r\\n\\xff\\xfeok"
                sb +0.03 s2c "MSG frank@msn.com Frank 20\\r\\nno headers at all!!\\n"
                sb +0.04 s2c "MSG frank@msn.com Frank 2000000000\\r\\n"
                sb +0.05 s2c "JOI gina@msn.com Gina\\r\\n"
                conn ns 10.0.0.9:40001 207.46.106.1:1863 2006-01-01T00:00:00Z
                ns +0.01 c2s "ADL 1 22\\r\\n<ml><d n=\\"x.com\\"></ml>"
                ns +0.02 s2c "ADL 1 OK\\r\\n"
                conn web 10.0.0.9:40002 207.46.106.2:1863 2006-01-01T00:00:00Z
                web +0.01 c2s "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                web +0.02 s2c "HTTP/1.1 200 OK\\r\\n\\r\\n"
                """);
        List<String> codes = of(ev, AnomalyEvent.class).stream().map(a -> a.flow() + " " + a.code().code()).toList();
        assertEquals(List.of("F1 msnp_invalid_utf8", "F1 msnp_malformed_mime", "F1 msnp_payload_too_large",
                "F2 msnp_malformed_xml"), codes);
        MessageEvent bad = of(ev, MessageEvent.class).get(0);
        assertEquals("fffe6f6b", bad.rawHex());
        assertEquals("\uFFFD\uFFFDok", bad.text());
        assertTrue(of(ev, ParticipantEvent.class).stream().anyMatch(p -> p.user().equals("gina@msn.com")),
                "decoding went on after the unbelievable length");
        assertTrue(of(ev, CommandEvent.class).stream().noneMatch(c -> c.flow().equals("F3")),
                "HTTP on port 1863 stays quiet");
    }

    @Test
    void aMessageSentInChunksIsOneMessage() throws Exception {
        List<Event> ev = decode("""
                conn sb 10.0.0.9:40000 207.46.108.60:1863 2005-01-01T00:00:00Z
                sb +0.01 c2s "USR 1 erin@hotmail.com 1.2\\r\\n"
                sb +0.02 s2c "MSG frank@msn.com Frank 137\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\nMessage-ID: {A1B2C3D4-0000-1111-2222-333344445555}\\r\\nChunks: 3\\r\\n\\r\\nfirst part, "
                sb +0.03 s2c "MSG frank@msn.com Frank 77\\r\\nMessage-ID: {A1B2C3D4-0000-1111-2222-333344445555}\\r\\nChunk: 1\\r\\n\\r\\nsecond part, "
                sb +0.04 s2c "MSG frank@msn.com Frank 75\\r\\nMessage-ID: {A1B2C3D4-0000-1111-2222-333344445555}\\r\\nChunk: 2\\r\\n\\r\\nthird part."
                sb +0.05 s2c "MSG frank@msn.com Frank 134\\r\\nMIME-Version: 1.0\\r\\nContent-Type: text/plain; charset=UTF-8\\r\\nMessage-ID: {99999999-0000-1111-2222-333344445555}\\r\\nChunks: 2\\r\\n\\r\\nonly half"
                """);
        List<MessageEvent> msgs = of(ev, MessageEvent.class);
        assertEquals(2, msgs.size(), msgs::toString);
        assertEquals("first part, second part, third part.", msgs.get(0).text());
        assertEquals(3, msgs.get(0).chunks());
        assertEquals("frank@msn.com", msgs.get(0).from());
        assertEquals("only half", msgs.get(1).text());
        assertEquals(List.of("F1 msnp_incomplete_message"),
                of(ev, AnomalyEvent.class).stream().map(a -> a.flow() + " " + a.code().code()).toList());
    }

    @Test
    void theServersOutReasonEndsTheSession() throws Exception {
        List<Event> ev = decode("""
                conn ns 10.0.0.2:1026 207.46.106.79:1863 2004-05-01T10:00:00Z
                ns +0.01 c2s "VER 1 MSNP9 MSNP8 CVR0\\r\\n"
                ns +0.02 s2c "VER 1 MSNP9\\r\\n"
                ns +0.03 c2s "USR 2 TWN I alice@hotmail.com\\r\\n"
                ns +0.05 s2c "USR 2 OK alice@hotmail.com Alice 1 0\\r\\n"
                ns +9.00 s2c "OUT OTH\\r\\n"
                ns +9.01 close s2c fin
                """);
        SessionEvent end = of(ev, SessionEvent.class).stream().filter(s -> !s.start()).findFirst().orElseThrow();
        assertEquals("out_oth", end.reason());
        assertEquals("signed in elsewhere", ErrorCodes.outReason(end.reason().substring(4)));
    }
}
