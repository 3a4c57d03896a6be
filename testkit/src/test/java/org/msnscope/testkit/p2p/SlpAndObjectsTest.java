package org.msnscope.testkit.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlpAndObjectsTest {
    private static SlpMessage invite() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", Guids.EUF_MSN_OBJECT);
        body.put("SessionID", "1980589");
        body.put("AppID", "1");
        return SlpMessage.request("INVITE", "bob@hotmail.com", "alice@hotmail.com", "{BRANCH}", 0, "{CALL}",
                SlpMessage.SESSION_REQUEST, body);
    }

    @Test
    void contentLengthCountsTheClosingNul() {
        SlpMessage m = invite();
        String body = "EUF-GUID: {A4268EEC-FEC5-49E5-95C3-F126696BDBF6}\r\nSessionID: 1980589\r\nAppID: 1\r\n\r\n";
        assertEquals(body, m.bodyText());
        assertEquals(body.length() + 1, m.contentLength());
        byte[] b = m.bytes();
        assertEquals(0, b[b.length - 1]);
        String text = new String(b, 0, b.length - 1, StandardCharsets.US_ASCII);
        int blank = text.indexOf("\r\n\r\n");
        assertEquals(m.contentLength(), b.length - (blank + 4));
    }

    @Test
    void headersComeInTheDocumentedOrder() {
        assertEquals("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0\r\n"
                + "To: <msnmsgr:bob@hotmail.com>\r\n"
                + "From: <msnmsgr:alice@hotmail.com>\r\n"
                + "Via: MSNSLP/1.0/TLP ;branch={BRANCH}\r\n"
                + "CSeq: 0 \r\n"
                + "Call-ID: {CALL}\r\n"
                + "Max-Forwards: 0\r\n"
                + "Content-Type: application/x-msnmsgr-sessionreqbody\r\n"
                + "Content-Length: 83\r\n"
                + "\r\n", invite().headText());
    }

    @Test
    void aReplySwapsToAndFromAndCountsCseqUp() {
        SlpMessage ok = invite().reply("200 OK", Map.of("SessionID", "1980589"));
        assertTrue(ok.headText().startsWith("MSNSLP/1.0 200 OK\r\nTo: <msnmsgr:alice@hotmail.com>\r\n"
                + "From: <msnmsgr:bob@hotmail.com>\r\nVia: MSNSLP/1.0/TLP ;branch={BRANCH}\r\nCSeq: 1 \r\n"));
        assertEquals("SessionID: 1980589\r\n\r\n", ok.bodyText());
        SlpMessage bye = SlpMessage.request("BYE", "bob@hotmail.com", "alice@hotmail.com", "{B2}", 0, "{CALL}",
                SlpMessage.SESSION_CLOSE, Map.of());
        assertEquals(3, bye.contentLength());
    }

    @Test
    void msnObjectHashesFollowTheFields() {
        // the display picture MSNObject of samples/msnp9-msnobject-typing, whose SHA1C was checked by hand
        MsnObject o = new MsnObject("alice@hotmail.com", 21508, 3, "TFR1A.dat", "AAA=", "moCgPG/9An/RhBhWYYisSLHgzME=");
        assertEquals("hNJwY890g93AFaZhXx//YbuAgYQ=", o.sha1c());
        byte[] png = SampleObjects.emoticon();
        MsnObject e = MsnObject.of("bob@hotmail.com", MsnObject.TYPE_EMOTICON, "TFR3A.dat", png);
        assertEquals(png.length, e.size());
        assertEquals(Base64.getEncoder().encodeToString(MsnObject.sha1(png)), e.sha1d());
        assertEquals(e.xml(), new String(Base64.getDecoder().decode(e.context()), StandardCharsets.UTF_8));
        assertTrue(e.xml().startsWith("<msnobj Creator=\"bob@hotmail.com\" Size=\"" + png.length + "\" Type=\"2\""));
    }

    @Test
    void fileContextLayout() {
        byte[] c = FileContext.bytes("holiday notes.txt", 0x0000000123456789L);
        assertEquals(574, c.length);
        assertEquals("3e020000" + "02000000" + "8967452301000000" + "01000000", Bytes.hex(Bytes.slice(c, 0, 20)));
        assertArrayEquals("holiday notes.txt".getBytes(StandardCharsets.UTF_16LE), Bytes.slice(c, 20, 34));
        assertArrayEquals(new byte[520 - 34 + 30], Bytes.slice(c, 54, 520 - 34 + 30));
        assertEquals("ffffffff", Bytes.hex(Bytes.slice(c, 570, 4)));
    }

    @Test
    void pngsAreDeterministicAndWellFormed() {
        byte[] a = SampleObjects.displayPicture(32, 10);
        assertArrayEquals(a, SampleObjects.displayPicture(32, 10));
        assertEquals("89504e470d0a1a0a", Bytes.hex(Bytes.slice(a, 0, 8)));
        assertEquals("0000000049454e44ae426082", Bytes.hex(Bytes.slice(a, a.length - 12, 12)));
    }

    @Test
    void msnftpBlocksHaveAThreeByteHeader() {
        List<Wire> blocks = Msnftp.blocks(new byte[5000]);
        assertEquals(3, blocks.size());
        assertEquals("00fd07", Bytes.hex(Bytes.slice(blocks.get(0).bytes(), 0, 3)));
        assertEquals(3 + 2045, blocks.get(0).length());
        assertEquals("008e03", Bytes.hex(Bytes.slice(blocks.get(2).bytes(), 0, 3)));
        assertTrue(Msnftp.invite(7, "a.txt", 12).contains("Application-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\n"));
    }
}
