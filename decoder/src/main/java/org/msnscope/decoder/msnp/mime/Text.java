package org.msnscope.decoder.msnp.mime;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Text helpers for values from the wire: URL-decoding that never fails, strict UTF-8 checks. */
public final class Text {
    private Text() {
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 (friendly names, group names, MSNObjects). A malformed
     * escape is kept as it is; {@code +} stays a plus (MSNP encodes spaces as %20).
     */
    public static String urlDecode(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        // the UTF-8 bytes of s, decoded in place: the result is never longer
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                b[n++] = (byte) (hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                b[n++] = b[i];
            }
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** A value for an anomaly's detail: control characters written {@code \xNN}, at most {@code max} characters. */
    public static String printable(String s, int max) {
        int n = Math.min(s.length(), max);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > max ? sb.append("...").toString() : sb.toString();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** True when b[off..off+len) is valid UTF-8. */
    public static boolean validUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            int cp = c & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                if (i + k >= end) {
                    return false;
                }
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }

    /** b[off..off+len) as UTF-8 (replacement characters for bad bytes). */
    public static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    public static String hex(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
