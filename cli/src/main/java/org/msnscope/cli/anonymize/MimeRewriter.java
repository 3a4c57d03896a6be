package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MSG (and UUM/UBM) payloads: MIME headers, then a body handled by content type (docs/msnp.md,
 * section 4). Text messages, action messages and ink are filled with same-length text (unless the
 * text is kept); MSNObjects in datacasts and emoticon declarations are rewritten; invitations get
 * file-name, address and AuthCookie pseudonyms; the login profile keeps only its harmless fields;
 * mail notifications lose their senders and subjects; P2P bodies go to {@link P2pRewriter}. Every
 * header value and every other body has its accounts and known addresses swept.
 */
final class MimeRewriter {
    /** Profile fields that identify nobody; every other non-empty one gets a same-shape value. */
    private static final Set<String> PROFILE_KEPT = Set.of("mime-version", "content-type", "logintime", "emailenabled",
            "lang_preference", "flags", "clientport", "abchmigrated", "mpopenabled", "kid", "betainvites", "bdaypre",
            "country");
    private static final Set<String> MAIL_TYPES = Set.of("text/x-msmsgsemailnotification",
            "text/x-msmsgsinitialemailnotification", "text/x-msmsgsactivemailnotification",
            "text/x-msmsgsoimnotification", "text/x-msmsgsinitialmdatanotification");
    private static final int MAX_CHUNKED = 64;

    /** Receives the rewritten payload (null: unchanged), now or once a P2P message is whole. */
    interface Done {
        void payload(byte[] rewritten);
    }

    /** One direction's memory: the content type of chunked messages by Message-ID, its P2P state. */
    static final class Direction {
        final P2pRewriter.Direction p2p = new P2pRewriter.Direction();
        private final LinkedHashMap<String, String> chunkTypes = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MAX_CHUNKED;
            }
        };
    }

    private final Pseudonyms p;
    private final XmlRewriter xml;
    private final P2pRewriter p2p;
    private final boolean keepText;

    MimeRewriter(Pseudonyms p, XmlRewriter xml, P2pRewriter p2p, boolean keepText) {
        this.p = p;
        this.xml = xml;
        this.p2p = p2p;
        this.keepText = keepText;
    }

    void rewrite(byte[] payload, Direction d, Done done) {
        String s = new String(payload, StandardCharsets.ISO_8859_1);
        int sep = s.indexOf("\r\n\r\n");
        int sepLen = 4;
        if (sep < 0) {
            sep = s.indexOf("\n\n");
            sepLen = 2;
        }
        String head = sep < 0 ? s : s.substring(0, sep);
        String nl = head.contains("\r\n") || sepLen == 4 ? "\r\n" : "\n";
        String[] lines = head.split(nl, -1);
        String type = header(lines, "Content-Type");
        type = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String messageId = header(lines, "Message-ID");
        if (type == null && messageId != null) {
            type = d.chunkTypes.get(messageId);
        } else if (messageId != null && header(lines, "Chunks") != null) {
            d.chunkTypes.put(messageId, type);
        }
        boolean profile = "text/x-msmsgsprofile".equals(type);
        StringBuilder newHead = new StringBuilder(head.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            newHead.append(i == 0 ? "" : nl).append(headerLine(lines[i], profile));
        }
        String h = newHead.toString();
        if (sep < 0) {
            done.payload(h.equals(head) ? null : h.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        String between = s.substring(sep, sep + sepLen);
        int bodyAt = sep + sepLen;
        if ("application/x-msnmsgrp2p".equals(type)) {
            byte[] body = java.util.Arrays.copyOfRange(payload, bodyAt, payload.length);
            String dest = header(lines, "P2P-Dest");
            String src = header(lines, "P2P-Src");
            boolean endpoints = (dest != null && dest.contains(";{")) || (src != null && src.contains(";{"));
            int version = P2pRewriter.version(body, true, endpoints, d.p2p.lastVersion);
            p2p.message(d.p2p, body, true, version, newBody -> done.payload(
                    assemble(head, h, between, body, newBody)));
            return;
        }
        String body = s.substring(bodyAt);
        String newBody = body(type, body);
        done.payload(h.equals(head) && newBody.equals(body) ? null
                : (h + between + newBody).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] assemble(String head, String newHead, String between, byte[] body, byte[] newBody) {
        if (newBody == null && newHead.equals(head)) {
            return null;
        }
        byte[] h = (newHead + between).getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = newBody == null ? body : newBody;
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    private String headerLine(String line, boolean profile) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return Shapes.sweep(line, p);
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (!profile || PROFILE_KEPT.contains(name)) {
            return name.equals("x-mms-im-format") ? line : Shapes.sweep(line, p);
        }
        int at = valueStart(line, colon);
        String value = line.substring(at);
        String out;
        if (value.isEmpty()) {
            out = value;
        } else if (name.equals("clientip")) {
            String ip = p.addresses.v4Text(value.trim());
            out = ip != null ? ip : p.token(value, Kind.PROFILE);
        } else if (name.equals("preferredemail")) {
            out = Shapes.sweep(value, p);
        } else {
            out = p.token(value, Kind.PROFILE);
        }
        return line.substring(0, at) + out;
    }

    private String body(String type, String body) {
        if (type == null) {
            return Shapes.sweep(body, p);
        }
        switch (type) {
            case "text/plain", "image/gif", "application/x-ms-ink" -> {
                return text(body);
            }
            case "text/x-msnmsgr-datacast", "text/x-msmsgsinvite" -> {
                return fields(body, type);
            }
            case "text/x-mms-emoticon", "text/x-mms-animemoticon" -> {
                return Shapes.sweep(MsnObjects.rewrite(body, p), p);
            }
            default -> {
                return MAIL_TYPES.contains(type) ? fields(body, type) : Shapes.sweep(body, p);
            }
        }
    }

    /** Message content: filled to the same length, unless kept. */
    String text(String body) {
        if (keepText || body.isEmpty()) {
            return body;
        }
        p.tally().occurrence(Kind.MESSAGE_TEXT);
        p.tally().textBytes += body.length();
        return Filler.latin1(body);
    }

    /** A body of {@code Key: Value} lines (datacasts, invitations, mail notifications). */
    String fields(String body, String type) {
        String[] lines = body.split("\r\n", -1);
        StringBuilder out = new StringBuilder(body.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            int at = valueStart(line, colon);
            String v = colon > 0 ? field(type, line.substring(0, colon).trim(), line.substring(at)) : null;
            out.append(i == 0 ? "" : "\r\n").append(v != null ? line.substring(0, at) + v : Shapes.sweep(line, p));
        }
        return out.toString();
    }

    /** The new value of one field, or null to sweep the line. */
    private String field(String type, String key, String value) {
        switch (key) {
            case "Data" -> {
                return MsnObjects.present(value) ? MsnObjects.rewrite(value, p) : text(value);
            }
            case "Application-File" -> {
                String name = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                return value.isEmpty() ? value : p.file(name);
            }
            case "IP-Address", "IP-Address-Internal" -> {
                String ip = p.addresses.v4Text(value);
                return ip != null ? ip : Shapes.sweep(value, p);
            }
            case "AuthCookie" -> {
                return p.token(value, Kind.COOKIE);
            }
            case "From" -> {
                return MAIL_TYPES.contains(type) && !value.isEmpty() ? xml.encodedWords(value) : null;
            }
            case "Subject" -> {
                return MAIL_TYPES.contains(type) && !value.isEmpty() ? xml.encodedWords(value) : null;
            }
            case "Mail-Data" -> {
                return xml.mailData(value);
            }
            default -> {
                return null;
            }
        }
    }

    /** Where the value of a {@code Key: Value} line starts (after the colon and its spaces). */
    static int valueStart(String line, int colon) {
        int at = Math.max(colon + 1, 0);
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    private static String header(String[] lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
