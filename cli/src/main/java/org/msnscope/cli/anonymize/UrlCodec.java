package org.msnscope.cli.anonymize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.msnscope.decoder.msnp.mime.Text;

/**
 * URL-decoding of a command argument and re-encoding in the sender's own style: a character is
 * escaped again exactly when the original escaped it (or when it must be: space, {@code %}, controls,
 * non-ASCII), with the original's case of hex digits. An argument whose identities were replaced thus
 * differs from the original only where they stood.
 */
final class UrlCodec {
    /** What came out of an argument: its text and how it was escaped. */
    record Decoded(String text, boolean utf8, BitSet escaped, boolean lowerHex) {
    }

    private UrlCodec() {
    }

    /** @param latin1 the argument as ISO-8859-1 text of its bytes */
    static Decoded decode(String latin1) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(latin1.length());
        BitSet escaped = new BitSet(128);
        boolean lower = false;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            int h1 = i + 2 < latin1.length() ? Character.digit(latin1.charAt(i + 1), 16) : -1;
            int h2 = i + 2 < latin1.length() ? Character.digit(latin1.charAt(i + 2), 16) : -1;
            if (c == '%' && h1 >= 0 && h2 >= 0) {
                int v = h1 * 16 + h2;
                bytes.write(v);
                if (v < 128) {
                    escaped.set(v);
                }
                lower |= Character.isLowerCase(latin1.charAt(i + 1)) || Character.isLowerCase(latin1.charAt(i + 2));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        byte[] b = bytes.toByteArray();
        boolean utf8 = Text.validUtf8(b, 0, b.length);
        String text = new String(b, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new Decoded(text, utf8, escaped, lower);
    }

    /** {@code text} escaped in the style of {@code like}, as ISO-8859-1 text of the bytes. */
    static String encode(String text, Decoded like) {
        byte[] b = text.getBytes(like.utf8() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(b.length + 8);
        String digits = like.lowerHex() ? "0123456789abcdef" : "0123456789ABCDEF";
        for (byte x : b) {
            int v = x & 0xFF;
            if (v <= 0x20 || v == '%' || v >= 0x7F || like.escaped().get(v)) {
                out.append('%').append(digits.charAt(v >> 4)).append(digits.charAt(v & 15));
            } else {
                out.append((char) v);
            }
        }
        return out.toString();
    }
}
