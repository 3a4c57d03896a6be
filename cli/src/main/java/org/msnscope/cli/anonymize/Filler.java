package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;

/**
 * Replacement text that keeps the shape of what it replaces: the same number of bytes, spaces, tabs,
 * line breaks and ASCII punctuation where they were, letters for letters (case kept), digits for
 * digits, and one ASCII letter for every byte of a non-ASCII character. So a message keeps its size on
 * the wire and its layout, and says nothing.
 */
final class Filler {
    private static final String LETTERS = "loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtempor"
            + "incididuntutlaboreetdoloremagnaaliquautenimadminimveniamquisnostrudexercitationullamco";

    private Filler() {
    }

    /** Filler for the bytes b[off..off+len), as a new array. */
    static byte[] text(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        int k = 0;
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xFF;
            if (c >= 'A' && c <= 'Z') {
                out[i] = (byte) Character.toUpperCase(LETTERS.charAt(k++ % LETTERS.length()));
            } else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
                out[i] = (byte) LETTERS.charAt(k++ % LETTERS.length());
            } else if (c >= '0' && c <= '9') {
                out[i] = (byte) ('0' + (k++ * 7 + 3) % 10);
            } else {
                out[i] = (byte) c;
            }
        }
        return out;
    }

    /** Filler for a string held as ISO-8859-1 (one char per byte), same length. */
    static String latin1(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new String(text(b, 0, b.length), StandardCharsets.ISO_8859_1);
    }

    /** The same-length mask of an identity found where nothing was parsed: letters x/X, digits 0. */
    static void mask(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if ((c >= 'a' && c <= 'z') || c >= 0x80) {
                b[i] = 'x';
            } else if (c >= 'A' && c <= 'Z') {
                b[i] = 'X';
            } else if (c >= '0' && c <= '9') {
                b[i] = '0';
            }
        }
    }
}
