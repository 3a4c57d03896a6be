package org.msnscope.cli.anonymize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The stream edits that the rewritten packets are cut from: however a stream is split into packets
 * (at every byte boundary, retransmitted, overlapping), the packets' new payloads put together are
 * the rewritten stream, and their new offsets are where those bytes sit in it.
 */
class AnonymizeEditsTest {
    private static final byte[] STREAM = ascii("USR 1 alice@hotmail.com 1234.5678\r\nMSG 2 N 5\r\nHello OUT\r\n");
    private static final byte[] REWRITTEN = ascii("USR 1 user1@domain1.example 4321.8765\r\nMSG 2 N 5\r\nLorem OUT\r\n");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Edits turning STREAM into REWRITTEN: a longer account, a same-length cookie and text. */
    private static Edits edits() {
        Edits e = new Edits();
        Frames.diff(e, 0, Arrays.copyOfRange(STREAM, 0, 35), Arrays.copyOfRange(REWRITTEN, 0, 39));
        Frames.diff(e, 35, Arrays.copyOfRange(STREAM, 35, STREAM.length), Arrays.copyOfRange(REWRITTEN, 39, REWRITTEN.length));
        e.seal();
        return e;
    }

    @Test
    void packetsCutAnywhereReassembleToTheRewrittenStream() {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            for (int cut2 = cut; cut2 <= STREAM.length; cut2++) {
                Edits e = edits();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int[] bounds = {0, cut, cut2, STREAM.length};
                long expectedAt = 0;
                for (int i = 0; i < 3; i++) {
                    int from = bounds[i];
                    int len = bounds[i + 1] - from;
                    assertEquals(expectedAt, e.newPos(from), "cut " + cut + "/" + cut2 + " piece " + i);
                    byte[] piece = e.rewrite(from, STREAM, from, len);
                    out.writeBytes(piece);
                    expectedAt += piece.length;
                }
                assertArrayEquals(REWRITTEN, out.toByteArray(), "cut at " + cut + " and " + cut2);
            }
        }
    }

    @Test
    void offsetsOutsideEditsMoveByTheEditsBefore() {
        Edits e = edits();
        assertEquals(0, e.newPos(0));
        assertEquals(6, e.newPos(6));
        int msg = 35;
        assertEquals(39, e.newPos(msg), "after a 4-byte-longer account");
        assertEquals(REWRITTEN.length, e.newPos(STREAM.length));
        assertEquals(REWRITTEN.length + 100, e.newPos(STREAM.length + 100L));
    }

    @Test
    void aRetransmissionWithOtherBytesStaysDifferent() {
        Edits e = edits();
        byte[] other = STREAM.clone();
        int h = new String(STREAM, StandardCharsets.ISO_8859_1).indexOf("Hello");
        other[h + 1] = 'a'; // "Hallo": a retransmission that differs from the bytes read first
        byte[] first = e.rewrite(h, STREAM, h, 5);
        byte[] again = e.rewrite(h, other, h, 5);
        assertArrayEquals(ascii("Lorem"), first);
        assertNotEquals(new String(first, StandardCharsets.ISO_8859_1), new String(again, StandardCharsets.ISO_8859_1));
        assertEquals(first[0], again[0]);
        assertTrue(new String(again, StandardCharsets.ISO_8859_1).matches("[A-Za-z]{5}"), "still a word: nothing leaks");
    }

    @Test
    void zeroedRangesKeepTheirLength() {
        Edits e = new Edits();
        e.zero(10, 20);
        e.seal();
        byte[] b = ascii("0123456789abcdefghijklmnopqrstuvwxyz");
        byte[] out = e.rewrite(5, b, 5, 30);
        assertEquals(30, out.length);
        assertEquals("56789", new String(out, 0, 5, StandardCharsets.ISO_8859_1));
        assertEquals(20, e.zeroedOut);
        for (int i = 5; i < 25; i++) {
            assertEquals(0, out[i]);
        }
        assertEquals("uvwxy", new String(out, 25, 5, StandardCharsets.ISO_8859_1));
    }

    @Test
    void overlappingEditsKeepTheFirst() {
        Edits e = new Edits();
        e.replace(4, ascii("abcd"), ascii("XY"));
        e.replace(6, ascii("cdef"), ascii("Z"));
        e.seal();
        assertEquals(1, e.size());
        assertEquals(6, e.newPos(8));
    }

    @Test
    void unparsedBytesKeepTheirFramingAndLoseTheirContent() {
        byte[] in = ascii("MSG bob@hotmail.com Bob 627\r\nMIME-Version: 1.0\r\n\r\nSee you Thursday, 10:30\r\nBYE x");
        byte[] out = Filler.unparsed(in);
        String s = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(in.length, out.length);
        assertTrue(s.startsWith("MSG "), s);
        assertTrue(s.contains(" 627\r\n"), "the length a cut command announced stays: " + s);
        assertTrue(!s.contains("bob") && !s.contains("Bob") && !s.contains("Thursday"), s);
        assertTrue(s.split("\r\n")[1].chars().noneMatch(Character::isUpperCase), "no verb appears in other lines: " + s);
        assertEquals(in.length - s.replace("\r\n", "").length(), 8, "line ends stay");
    }
}
