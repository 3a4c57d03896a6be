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

    /**
     * Filler for bytes no command could be read from (what a gap cut, garbage skipped), of the same
     * length, so that the decoder frames the output exactly as it framed the input (a command cut by a
     * gap still announces its length). A line that looks like a command keeps its verb, its numbers
     * and its upper-case protocol words, and its other arguments are filled; any other line is filled
     * in lower case, so no MSNP verb can appear where the decoder found none. Line ends, spaces,
     * punctuation and control bytes stay.
     */
    static byte[] unparsed(byte[] b) {
        byte[] out = b.clone();
        int start = 0;
        while (start < out.length) {
            int end = start;
            while (end < out.length && out[end] != '\n') {
                end++;
            }
            if (commandLike(out, start, end)) {
                fillArguments(out, start, end);
            } else {
                byte[] f = text(out, start, end - start);
                for (int i = 0; i < f.length; i++) {
                    out[start + i] = f[i] >= 'A' && f[i] <= 'Z' ? (byte) (f[i] + 'a' - 'A') : f[i];
                }
            }
            start = end + 1;
        }
        return out;
    }

    private static boolean commandLike(byte[] b, int start, int end) {
        if (end - start < 3) {
            return false;
        }
        for (int i = start; i < start + 3; i++) {
            boolean upper = b[i] >= 'A' && b[i] <= 'Z';
            boolean digit = b[i] >= '0' && b[i] <= '9';
            if (!upper && !digit) {
                return false;
            }
        }
        return end - start == 3 || b[start + 3] == ' ' || b[start + 3] == '\r';
    }

    /** Every argument after the verb filled unless it is a number or an upper-case protocol word. */
    private static void fillArguments(byte[] b, int start, int end) {
        int i = start + 3;
        while (i < end) {
            while (i < end && b[i] == ' ') {
                i++;
            }
            int t = i;
            while (i < end && b[i] != ' ' && b[i] != '\r') {
                i++;
            }
            if (i > t && !protocolWord(b, t, i)) {
                System.arraycopy(text(b, t, i - t), 0, b, t, i - t);
            }
            if (i < end && b[i] == '\r') {
                i++;
            }
        }
    }

    private static boolean protocolWord(byte[] b, int from, int to) {
        boolean digits = true;
        boolean word = b[from] >= 'A' && b[from] <= 'Z';
        for (int i = from; i < to; i++) {
            boolean d = b[i] >= '0' && b[i] <= '9';
            digits &= d;
            word &= d || (b[i] >= 'A' && b[i] <= 'Z') || b[i] == '_';
        }
        return digits || word;
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
