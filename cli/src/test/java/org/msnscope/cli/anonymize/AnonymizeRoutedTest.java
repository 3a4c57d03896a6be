package org.msnscope.cli.anonymize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * MSNP21 routed payloads (SDG/NFY/PUT/DEL): the inner Content-Length follows the rewritten body when
 * it was right, and keeps how wrong it was when it was not, so the output's decode reports the same
 * {@code msnp_block_length} as the original's.
 */
class AnonymizeRoutedTest {
    private static final String ROUTING = "Routing: 1.0\r\nTo: 1:bob@live.com\r\nFrom: 1:alice@hotmail.com;epid={9d0f9b1c-5e2a-4c3f-8b7e-2a61f0c4d813}\r\n\r\n"
            + "Reliability: 1.0\r\n\r\n";

    private static String rewrite(String payload) {
        Pseudonyms p = new Pseudonyms(new Tally());
        XmlRewriter xml = new XmlRewriter(p);
        SlpRewriter slp = new SlpRewriter(p, Set.of());
        P2pRewriter p2p = new P2pRewriter(slp, p.tally(), () -> new Masker(p.originals()));
        MimeRewriter mime = new MimeRewriter(p, xml, p2p, false);
        RoutedRewriter r = new RoutedRewriter(p, xml, mime, p2p, slp);
        String[] out = {null};
        r.rewrite(payload.getBytes(StandardCharsets.ISO_8859_1), new MimeRewriter.Direction(),
                b -> out[0] = b == null ? payload : new String(b, StandardCharsets.ISO_8859_1));
        return out[0];
    }

    private static String message(String contentLength, String body) {
        return ROUTING + "Messaging: 2.0\r\nMessage-Type: Text\r\nContent-Length: " + contentLength
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
    }

    private static long declared(String payload) {
        int at = payload.indexOf("Content-Length: ") + 16;
        return Long.parseLong(payload.substring(at, payload.indexOf("\r\n", at)));
    }

    private static int body(String payload) {
        return payload.length() - payload.lastIndexOf("\r\n\r\n") - 4;
    }

    @Test
    void aRightContentLengthFollowsTheBody() {
        String out = rewrite(message("12", "see you soon"));
        assertFalse(out.contains("alice@hotmail.com") || out.contains("bob@live.com") || out.contains("see you"), out);
        assertTrue(out.contains(";epid={9d0f9b1c-5e2a-4c3f-8b7e-2a61f0c4d813}"), out);
        assertEquals(body(out), declared(out));
        assertEquals(12, body(out));
    }

    @Test
    void aContentLengthTooLargeKeepsItsExcess() {
        String out = rewrite(message("40", "see you soon"));
        assertEquals(28, declared(out) - body(out));
    }

    @Test
    void bytesPastTheContentLengthStayPastIt() {
        String out = rewrite(message("3", "see you soon"));
        assertEquals(3, declared(out));
        assertEquals(12, body(out));
        assertFalse(out.contains("you soon"), out);
    }

    @Test
    void userXmlRenamesAndResignsTheTile() {
        String obj = "<msnobj Creator=\"alice@hotmail.com\" Size=\"1\" Type=\"3\" Location=\"0\" Friendly=\"AAA=\" SHA1D=\"x\" SHA1C=\"";
        String signed = obj + MsnObjects.sha1c(obj + "\"/>") + "\"/>";
        String escaped = signed.replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        String xml = "<user><s n=\"PE\"><UserTileLocation>" + escaped + "</UserTileLocation><FriendlyName>Alice</FriendlyName>"
                + "<PSM>at the lake</PSM></s></user>";
        String out = rewrite(ROUTING + "Notification: 1.0\r\nUri: /user\r\nContent-Type: application/user+xml\r\nContent-Length: "
                + xml.length() + "\r\n\r\n" + xml);
        assertFalse(out.contains("Alice") || out.contains("lake") || out.contains("alice@"), out);
        assertEquals(body(out), declared(out));
        int from = out.indexOf("<UserTileLocation>") + 18;
        String tile = out.substring(from, out.indexOf("</UserTileLocation>"))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        assertEquals(MsnObjects.attr(tile, "SHA1C"), MsnObjects.sha1c(tile));
    }
}
