package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.command.RoutingAddress;
import org.msnscope.decoder.msnp.mime.HeaderBlocks;

/**
 * The MSNP18+ routed payload parser alone (header blocks, Content-Length, limits) and routing addresses;
 * then the framer over a stream of routed commands, whole and split at every byte.
 */
class HeaderBlocksTest {
    private static final String SDG_PAYLOAD = "Routing: 1.0\r\nTo: 13:1065663773;via=14:fb\r\n"
            + "From: 1:alice@hotmail.com;epid={03c49942-1aea-4cda-8d9a-2c0a403b6782}\r\n\r\n"
            + "Reliability: 1.0\r\n\r\n"
            + "Messaging: 2.0\r\nMessage-Type: Text\r\nContent-Length: 21\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=80; CS=86; PF=22\r\n\r\n"
            + "are you at the party?";

    static HeaderBlocks parse(String payload) {
        return parse(payload, 64, 16 << 10);
    }

    static HeaderBlocks parse(String payload, int maxHeaders, int maxBytes) {
        return HeaderBlocks.parse(payload.getBytes(StandardCharsets.UTF_8), maxHeaders, maxBytes);
    }

    static String body(HeaderBlocks b, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return new String(p, b.bodyOffset(), b.bodyLength(), StandardCharsets.UTF_8);
    }

    static List<AnomalyCode> codes(HeaderBlocks b) {
        List<AnomalyCode> out = new ArrayList<>();
        for (HeaderBlocks.Problem p : b.problems()) {
            out.add(p.code());
        }
        return out;
    }

    @Test
    void theThreeBlocksAndTheBody() {
        HeaderBlocks b = parse(SDG_PAYLOAD);
        assertEquals(List.of(), b.problems());
        assertEquals("13:1065663773;via=14:fb", b.routingHeader("To"));
        assertEquals("1.0", b.reliability().firstValue());
        assertEquals("Messaging", b.contentKey());
        assertEquals("Text", b.contentHeader("Message-Type"));
        assertEquals("text/plain", b.contentType());
        assertEquals("are you at the party?", body(b, SDG_PAYLOAD));
        assertEquals(List.of("Routing", "To", "From", "Reliability", "Messaging", "Message-Type", "Content-Length",
                "Content-Type", "X-MMS-IM-Format"), new ArrayList<>(b.headers().keySet()));
    }

    @Test
    void routingAndReliabilityOnlyIsAReplyWithoutContent() {
        String p = "Routing: 1.0\r\nTo: 1:a@b.c;epid={x}\r\nFrom: 10:588e793a-003d-0003-4136-314b00000000@live.com\r\n\r\n"
                + "Reliability: 1.0\r\n\r\n";
        HeaderBlocks b = parse(p);
        assertEquals(List.of(), b.problems());
        assertNull(b.content());
        assertEquals(0, b.bodyLength());
        // the last block may end with the payload when it announces no body
        HeaderBlocks c = parse("Routing: 1.0\r\nTo: 1:a@b.c\r\nFrom: 1:d@e.f\r\n\r\nReliability: 1.0\r\n\r\n"
                + "Publication: 1.0\r\nContent-Length: 0\r\nContent-Type: application/multiparty+xml\r\nUri: /circle\r\n");
        assertEquals(List.of(), c.problems());
        assertEquals("/circle", c.contentHeader("Uri"));
        assertEquals(List.of(), parse("Routing: 1.0\r\nTo: 1:a@b.c\r\nFrom: 1:d@e.f\r\n\r\nReliability: 1.0\r\n")
                .problems());
        // a Routing block the payload cuts is a truncated payload
        assertEquals(List.of(AnomalyCode.MSNP_MALFORMED_BLOCK), codes(parse("Routing: 1.0\r\nTo: 1:a@b.c\r\n")));
    }

    @Test
    void aContentLengthThatRunsPastThePayloadKeepsWhatIsThere() {
        String p = SDG_PAYLOAD.replace("Content-Length: 21", "Content-Length: 4000");
        HeaderBlocks b = parse(p);
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LENGTH), codes(b));
        assertTrue(b.problems().get(0).detail().contains("runs past the payload"), b.problems().get(0).detail());
        assertEquals("are you at the party?", body(b, p));
    }

    @Test
    void bytesAfterTheAnnouncedBodyAreReportedAndNotDecoded() {
        // the KB's Facebook example announces 21 bytes for a 30-byte text
        String p = SDG_PAYLOAD.replace("are you at the party?", "facebook is gonna to kill you.");
        HeaderBlocks b = parse(p);
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LENGTH), codes(b));
        assertEquals("facebook is gonna to ", body(b, p));
        assertEquals(21, b.bodyLength());
        HeaderBlocks n = parse(SDG_PAYLOAD.replace("Content-Length: 21", "Content-Length: twenty"));
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LENGTH), codes(n));
        assertEquals(21, n.bodyLength());
    }

    @Test
    void truncatedAndMalformedBlocksAreReportedAndTheRestKept() {
        // cut inside the Messaging block: its headers never end
        String cut = SDG_PAYLOAD.substring(0, SDG_PAYLOAD.indexOf("Content-Type"));
        HeaderBlocks b = parse(cut);
        assertEquals(List.of(AnomalyCode.MSNP_MALFORMED_BLOCK), codes(b));
        assertEquals("Text", b.contentHeader("Message-Type"));
        assertEquals(0, b.bodyLength());
        // a header line without a colon, a first block that is not Routing, an unknown content block
        HeaderBlocks bad = parse("Reliability: 1.0\r\n\r\nRouting: 1.0\r\nTo nobody\r\n\r\nGossip: 9.9\r\nContent-Length: 2\r\n\r\nhi");
        assertEquals(List.of(AnomalyCode.MSNP_MALFORMED_BLOCK, AnomalyCode.MSNP_MALFORMED_BLOCK,
                AnomalyCode.MSNP_MALFORMED_BLOCK), codes(bad));
        assertEquals("Gossip", bad.contentKey());
        assertEquals("hi", body(bad, "Reliability: 1.0\r\n\r\nRouting: 1.0\r\nTo nobody\r\n\r\nGossip: 9.9\r\nContent-Length: 2\r\n\r\nhi"));
        // bytes after two header blocks and an empty third: no content block
        HeaderBlocks none = parse("Routing: 1.0\r\nTo: 1:a@b.c\r\n\r\nReliability: 1.0\r\n\r\n\r\nstray");
        assertTrue(codes(none).contains(AnomalyCode.MSNP_MALFORMED_BLOCK), none.problems().toString());
        // an empty payload is nothing to decode, not a problem
        assertEquals(List.of(), parse("").problems());
    }

    @Test
    void headerCountsAndHeaderBytesAreBounded() {
        StringBuilder many = new StringBuilder("Routing: 1.0\r\nTo: 1:a@b.c\r\nFrom: 1:d@e.f\r\n");
        for (int i = 0; i < 500; i++) {
            many.append("X-").append(i).append(": ").append(i).append("\r\n");
        }
        many.append("\r\nReliability: 1.0\r\n\r\nMessaging: 2.0\r\nContent-Length: 2\r\n\r\nok");
        HeaderBlocks b = parse(many.toString(), 16, 16 << 10);
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LIMIT), codes(b));
        assertEquals("1:d@e.f", b.routingHeader("From"));
        assertEquals(16, b.routing().count());
        assertEquals("ok", body(b, many.toString()));
        // past the byte budget nothing more is read
        HeaderBlocks small = parse(many.toString(), 1000, 512);
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LIMIT), codes(small));
        assertNull(small.content());
        assertEquals(0, small.bodyLength());
        // a single enormous header
        String huge = "Routing: 1.0\r\nTo: " + "x".repeat(100_000) + "\r\n\r\n";
        assertEquals(List.of(AnomalyCode.MSNP_BLOCK_LIMIT), codes(parse(huge)));
        assertEquals(64, Limits.Msnp.defaults().maxBlockHeaders());
    }

    @Test
    void routingAddresses() {
        RoutingAddress a = RoutingAddress.parse("1:Bob@Live.com;epid={6A3E1D07-0B9C-4F52-A1D8-7C2E94B35F60}");
        assertEquals("1", a.network());
        assertEquals("Bob@Live.com", a.account());
        assertEquals("{6A3E1D07-0B9C-4F52-A1D8-7C2E94B35F60}", a.epid());
        assertEquals("1:bob@live.com", a.key());
        assertTrue(a.knownNetwork());
        assertFalse(a.group());
        RoutingAddress g = RoutingAddress.parse("10:588e793a-003d-0003-4136-314b00000000@live.com;path=IM");
        assertTrue(g.group());
        assertEquals("IM", g.path());
        RoutingAddress f = RoutingAddress.parse("13:1065663773;via=14:fb");
        assertEquals("1065663773", f.account());
        assertEquals("14", f.viaAddress().network());
        assertEquals("fb", f.viaAddress().account());
        RoutingAddress bare = RoutingAddress.parse("alice@hotmail.com");
        assertNull(bare.network());
        assertTrue(bare.knownNetwork());
        RoutingAddress odd = RoutingAddress.parse("77:eve@example.com");
        assertEquals("77", odd.network());
        assertFalse(odd.knownNetwork());
        // a long run of digits or letters is not a prefix; a hostile length is clipped
        assertNull(RoutingAddress.parse("12345:x").network());
        assertNull(RoutingAddress.parse("tel:+15551234").network());
        assertEquals(RoutingAddress.MAX_LENGTH - 2, RoutingAddress.parse("1:" + "y".repeat(5000)).account().length());
        assertTrue(RoutingAddress.parse(";;;epid=;=;path").empty());
        assertTrue(RoutingAddress.parse(null).empty());
    }

    private static final String NFY_PAYLOAD = "Routing: 1.0\r\nTo: 1:a@b.c\r\nFrom: 1:d@e.f\r\n\r\n"
            + "Reliability: 1.0\r\n\r\nNotification: 1.0\r\nContent-Length: 0\r\n\r\n";

    /** SDG, NFY PUT, PUT OK and DEL as one server-and-client stream, for the framer. */
    private static final String STREAM = "SDG 12 " + SDG_PAYLOAD.length() + "\r\n" + SDG_PAYLOAD
            + "NFY PUT " + NFY_PAYLOAD.length() + "\r\n" + NFY_PAYLOAD
            + "PUT 13 OK 0\r\n"
            + "DEL 14 OK\r\n"
            + "NFY DEL abc\r\n"
            + "PNG\r\n";

    @Test
    void routedCommandsAreFramedByTheirLastArgument() {
        List<String> frames = MsnpFramerTest.frame(STREAM);
        assertEquals("@0 SDG 12 " + SDG_PAYLOAD.length() + " <" + SDG_PAYLOAD + ">", frames.get(0));
        assertEquals("@" + STREAM.indexOf("NFY PUT") + " NFY PUT " + NFY_PAYLOAD.length() + " <" + NFY_PAYLOAD + ">",
                frames.get(1));
        assertEquals("@" + STREAM.indexOf("PUT 13") + " PUT 13 OK 0 <>", frames.get(2));
        // a routed command without its length: reported, decoded as a line
        assertTrue(frames.get(3).startsWith("msnp_bad_length: DEL at stream offset"), frames.get(3));
        assertEquals("@" + STREAM.indexOf("DEL 14") + " DEL 14 OK", frames.get(4));
        assertTrue(frames.get(5).startsWith("msnp_bad_length: NFY"), frames.get(5));
        assertEquals("@" + STREAM.indexOf("PNG") + " PNG", frames.get(7));
        assertEquals(8, frames.size());
    }

    @Test
    void everySplitOfARoutedStreamGivesTheSameFrames() {
        List<String> whole = MsnpFramerTest.frame(STREAM);
        byte[] b = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < b.length; i++) {
            assertEquals(whole, MsnpFramerTest.frame(Limits.Msnp.defaults(), false, b, i), "split at " + i);
        }
        int[] all = new int[b.length - 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        assertEquals(whole, MsnpFramerTest.frame(Limits.Msnp.defaults(), false, b, all), "one byte at a time");
    }

    @Test
    void everyPrefixOfAPayloadParsesWithoutThrowing() {
        byte[] p = SDG_PAYLOAD.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n <= p.length; n++) {
            HeaderBlocks b = HeaderBlocks.parse(java.util.Arrays.copyOf(p, n), 64, 16 << 10);
            assertTrue(b.bodyOffset() + b.bodyLength() <= n, "prefix " + n);
        }
    }
}
