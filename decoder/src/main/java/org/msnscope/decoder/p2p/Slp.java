package org.msnscope.decoder.p2p;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An MSNSLP message: a SIP-like start line ({@code INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0} or
 * {@code MSNSLP/1.0 200 OK}), headers, a blank line and a body of {@code Key: Value} lines that ends
 * with a NUL. Parsing is lenient (either line end, any header order); what does not parse is said in
 * {@link #problem()}.
 */
final class Slp {
    String method;
    Integer status;
    String statusText;
    String requestUri;
    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, String> body = new LinkedHashMap<>();
    String problem;

    String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    String field(String name) {
        for (Map.Entry<String, String> e : body.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    String contentType() {
        String ct = header("Content-Type");
        if (ct == null) {
            return null;
        }
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    /** The address inside {@code <msnmsgr:...>} of To or From. */
    static String address(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.regionMatches(true, 0, "msnmsgr", 0, colon)) {
            s = s.substring(colon + 1);
        }
        return s;
    }

    /** The branch parameter of Via, or null. */
    String branch() {
        String via = header("Via");
        if (via == null) {
            return null;
        }
        int i = via.toLowerCase(Locale.ROOT).indexOf("branch=");
        if (i < 0) {
            return null;
        }
        String b = via.substring(i + 7);
        int semi = b.indexOf(';');
        return (semi >= 0 ? b.substring(0, semi) : b).trim();
    }

    Long cseq() {
        String c = header("CSeq");
        if (c == null) {
            return null;
        }
        String t = c.trim();
        int sp = t.indexOf(' ');
        try {
            return Long.parseLong(sp >= 0 ? t.substring(0, sp) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String callId() {
        String c = header("Call-ID");
        return c == null ? null : c.trim();
    }

    Map<String, String> bodyView() {
        return Collections.unmodifiableMap(body);
    }

    /** True when the bytes start like an MSNSLP message. */
    static boolean looksLike(byte[] b, int off, int len) {
        return startsWith(b, off, len, "INVITE ") || startsWith(b, off, len, "MSNSLP/")
                || startsWith(b, off, len, "BYE ") || startsWith(b, off, len, "ACK ");
    }

    private static boolean startsWith(byte[] b, int off, int len, String s) {
        if (len < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static Slp parse(byte[] b, int off, int len) {
        Slp m = new Slp();
        // the body ends at its NUL; anything after is padding
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            text = text.substring(0, nul);
        }
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isEmpty()) {
            m.problem = "empty MSNSLP message";
            return m;
        }
        String start = lines[0];
        if (start.startsWith("MSNSLP/")) {
            String[] p = start.split(" ", 3);
            try {
                m.status = p.length > 1 ? Integer.valueOf(p[1]) : null;
            } catch (NumberFormatException e) {
                m.problem = "status line without a numeric code: " + clip(start);
            }
            m.statusText = p.length > 2 ? p[2] : "";
        } else {
            String[] p = start.split(" ");
            if (p.length == 0) { // a start line of spaces only: split keeps no token at all
                m.problem = "request line is not METHOD uri MSNSLP/1.0: " + clip(start);
                return m;
            }
            m.method = p[0];
            m.requestUri = p.length > 1 ? p[1] : null;
            if (p.length != 3 || !p[2].startsWith("MSNSLP/")) {
                m.problem = "request line is not METHOD uri MSNSLP/1.0: " + clip(start);
            }
        }
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                if (m.problem == null) {
                    m.problem = "header line without a colon: " + clip(lines[i]);
                }
                continue;
            }
            if (m.headers.size() < 64) {
                m.headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        for (i++; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                if (m.problem == null) {
                    m.problem = "body line without a colon: " + clip(l);
                }
                continue;
            }
            if (m.body.size() < 64) {
                String key = l.substring(0, colon).trim();
                String value = l.substring(colon + 1).trim();
                m.body.put(key, value);
            }
        }
        return m;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /**
     * The transport fields with obfuscated (reversed) names given their plain names too:
     * {@code srddA-lanretnI4vPI} is {@code IPv4Internal-Addrs} with its value reversed.
     */
    static String transportField(Slp m, String plain) {
        String v = m.field(plain);
        if (v != null) {
            return v;
        }
        String reversed = new StringBuilder(plain).reverse().toString();
        v = m.field(reversed);
        return v == null ? null : new StringBuilder(v).reverse().toString();
    }
}
