package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * SOAP envelopes carried over HTTP (docs/soap.md): accounts swept wherever they stand (PassportName,
 * memberName, Username...); display, quick and group names renamed; passwords, tickets, tokens,
 * secrets and cookies given same-shape values; an offline message's MIME text ({@code Content} of a
 * Store, {@code GetMessageResult}) rewritten with its sender's encoded name replaced and its body
 * filled, base64 again when it was. Everything else keeps its bytes.
 */
final class SoapRewriter {
    private static final String PREFIX = "<([A-Za-z0-9_]+:)?(";
    private static final String REST = ")((?:\\s[^>]*)?)>([^<]*)(</(?:[A-Za-z0-9_]+:)?\\2>)";
    private static final Pattern NAMES = Pattern.compile(PREFIX
            + "DisplayName|displayName|quickName|firstName|lastName|Comment|comment" + REST);
    private static final Pattern SECRETS = Pattern.compile(PREFIX
            + "Password|BinarySecurityToken|BinarySecret|CipherValue|TicketToken|Ticket|t|p|Nonce|MSPAuth|MSPProf"
            + "|RequestedSecurityToken|PassportCookie|lockKey|LockKey" + REST);
    private static final Pattern OIM = Pattern.compile(PREFIX + "Content|GetMessageResult" + REST);
    private static final Pattern ENCODED_FROM = Pattern.compile("(?m)^(\\s*From:\\s*)(.*)$");
    private static final Pattern B64_LINE = Pattern.compile("[A-Za-z0-9+/=]+");

    private final Pseudonyms p;
    private final XmlRewriter xml;
    private final MimeRewriter mime;

    SoapRewriter(Pseudonyms p, XmlRewriter xml, MimeRewriter mime) {
        this.p = p;
        this.xml = xml;
        this.mime = mime;
    }

    String rewrite(String text) {
        String out = Shapes.replace(OIM, text, m -> open(m) + oim(m.group(4)) + m.group(5));
        out = Shapes.replace(SECRETS, out, m -> open(m) + secret(m.group(2), m.group(4)) + m.group(5));
        out = Shapes.replace(NAMES, out, m -> open(m) + name(m.group(4)) + m.group(5));
        return Shapes.sweep(out, p);
    }

    private static String open(java.util.regex.Matcher m) {
        return "<" + (m.group(1) == null ? "" : m.group(1)) + m.group(2) + m.group(3) + ">";
    }

    private String secret(String element, String v) {
        if (v.isBlank()) {
            return v;
        }
        return p.token(v, element.equals("Password") ? Kind.HASH : Kind.TICKET);
    }

    private String name(String v) {
        if (v.isBlank() || Shapes.isAccount(v.trim())) {
            return v;
        }
        String decoded = new String(v.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return p.name(decoded);
    }

    /** An offline message: MIME headers (the sender's encoded name replaced), a blank line, its text filled. */
    private String oim(String v) {
        String nl = v.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = v.split(nl, -1);
        int blank = -1;
        boolean base64 = false;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() && i > 0) {
                blank = i;
                break;
            }
            base64 |= t.toLowerCase(java.util.Locale.ROOT).startsWith("content-transfer-encoding:")
                    && t.toLowerCase(java.util.Locale.ROOT).contains("base64");
        }
        if (blank < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length() + 16);
        for (int i = 0; i < blank; i++) {
            String line = lines[i];
            java.util.regex.Matcher m = ENCODED_FROM.matcher(line);
            if (m.matches()) {
                line = m.group(1) + Shapes.sweep(xml.encodedWords(m.group(2)), p);
            }
            out.append(line).append(nl);
        }
        for (int i = blank; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            String filled;
            if (t.isEmpty()) {
                filled = line;
            } else if (base64 && B64_LINE.matcher(t).matches()) {
                filled = line.replace(t, base64Line(t));
            } else {
                filled = line.replace(t, mime.text(t));
            }
            out.append(filled).append(i == lines.length - 1 ? "" : nl);
        }
        return out.toString();
    }

    /** One line of base64 text: decoded, filled at the same byte length, encoded again (same length). */
    private String base64Line(String t) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return t;
        }
        String filled = mime.text(new String(raw, StandardCharsets.ISO_8859_1));
        String enc = Base64.getEncoder().encodeToString(filled.getBytes(StandardCharsets.ISO_8859_1));
        return enc.length() == t.length() ? enc : t;
    }
}
