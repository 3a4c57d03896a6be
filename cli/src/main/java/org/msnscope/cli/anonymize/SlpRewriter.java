package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * One whole MSNSLP message (docs/p2p.md, "MSNSLP"): accounts in the start line, To and From
 * ({@code <msnmsgr:bob@live.com;{guid}>}) and anywhere else; in the body, the Context (a base64
 * MSNObject, rewritten with its SHA1C, or a file context, whose UTF-16LE name gets a pseudonym with
 * the extension kept) and the transport addresses (also WLM 2009's reversed fields); Content-Length
 * follows the body. The direct-connection listeners it announces are remembered (original address
 * and port) so the connection to them is read as one.
 */
final class SlpRewriter {
    private static final String FILE_GUID = "{5D3E02AB-6190-11D3-BBBB-00C04F795683}";
    private static final Set<String> ADDRESS_FIELDS = Set.of("IPv4Internal-Addrs", "IPv4External-Addrs", "IPv6-Addrs");
    private static final int NAME_AT = 20;
    private static final int NAME_BYTES = 520;

    private final Pseudonyms p;
    private final Set<String> listeners;

    SlpRewriter(Pseudonyms p, Set<String> listeners) {
        this.p = p;
        this.listeners = listeners;
    }

    byte[] rewrite(byte[] slp) {
        String s = new String(slp, StandardCharsets.ISO_8859_1);
        int headEnd = s.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return Shapes.sweep(s, p).getBytes(StandardCharsets.ISO_8859_1);
        }
        String body = s.substring(headEnd + 4);
        String newBody = body(body);
        StringBuilder head = new StringBuilder();
        for (String line : s.substring(0, headEnd).split("\r\n", -1)) {
            if (head.length() > 0) {
                head.append("\r\n");
            }
            head.append(contentLength(line, newBody.length() - body.length()));
        }
        return (head + "\r\n\r\n" + newBody).getBytes(StandardCharsets.ISO_8859_1);
    }

    private String contentLength(String line, int delta) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            String v = line.substring(15).trim();
            if (!v.isEmpty() && v.length() < 10 && v.chars().allMatch(Character::isDigit)) {
                return line.substring(0, 15) + " " + Math.max(0, Long.parseLong(v) + delta);
            }
            return line;
        }
        return Shapes.sweep(line, p);
    }

    private String body(String body) {
        String[] lines = body.split("\r\n", -1);
        String euf = null;
        String port = null;
        String reversedPort = null;
        List<String> addrs = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String key = colon > 0 ? line.substring(0, colon).trim() : "";
            String value = colon > 0 ? line.substring(colon + 1).trim() : "";
            switch (key) {
                case "EUF-GUID" -> euf = value;
                case "IPv4Internal-Port", "IPv4External-Port" -> port = value;
                case "troP-lanretnI4vPI", "troP-lanretxE4vPI" -> reversedPort = reverse(value);
                case "IPv4Internal-Addrs", "IPv4External-Addrs" -> addrs.addAll(List.of(value.split(" ")));
                case "srddA-lanretnI4vPI", "srddA-lanretxE4vPI" -> addrs.addAll(List.of(reverse(value).split(" ")));
                default -> { }
            }
        }
        String listenPort = port != null ? port : reversedPort;
        if (listenPort != null) {
            for (String a : addrs) {
                listeners.add(a + ":" + listenPort);
            }
        }
        StringBuilder out = new StringBuilder(body.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("\r\n");
            }
            out.append(field(lines[i], euf));
        }
        return out.toString();
    }

    private String field(String line, String euf) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return Shapes.sweep(line, p);
        }
        String key = line.substring(0, colon).trim();
        int valueAt = MimeRewriter.valueStart(line, colon);
        String value = line.substring(valueAt);
        String prefix = line.substring(0, valueAt);
        if (key.equals("Context")) {
            return prefix + context(value, euf);
        }
        if (ADDRESS_FIELDS.contains(key)) {
            return prefix + addresses(value);
        }
        if (ADDRESS_FIELDS.contains(reverse(key))) {
            return prefix + reverse(addresses(reverse(value)));
        }
        return Shapes.sweep(line, p);
    }

    private String addresses(String list) {
        String[] a = list.split(" ", -1);
        for (int i = 0; i < a.length; i++) {
            String m = p.addresses.v4Text(a[i]);
            if (m == null) {
                m = p.addresses.v6Text(a[i]);
            }
            if (m != null) {
                a[i] = m;
            }
        }
        return String.join(" ", a);
    }

    private String context(String value, String euf) {
        if (MsnObjects.present(value)) {
            return MsnObjects.rewrite(value, p); // sent as XML, not base64
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return Shapes.sweep(value, p);
        }
        byte[] out = null;
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (MsnObjects.present(text)) {
            out = MsnObjects.rewrite(text, p).getBytes(StandardCharsets.ISO_8859_1);
        } else if (FILE_GUID.equalsIgnoreCase(euf)) {
            out = fileContext(raw);
        } else if (text.indexOf('@') >= 0) {
            String swept = Shapes.sweep(text, p); // not an MSNObject one can parse: its accounts still go
            out = swept.equals(text) ? null : swept.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (out == null) {
            return value;
        }
        String enc = Base64.getEncoder().encodeToString(out);
        return value.trim().endsWith("=") || value.trim().length() % 4 == 0 ? enc : enc.replace("=", "");
    }

    /** The name at offset 20 (UTF-16LE, NUL-padded to 520 bytes) replaced; everything else as it was. */
    private byte[] fileContext(byte[] ctx) {
        int end = Math.min(ctx.length, NAME_AT + NAME_BYTES);
        if (end <= NAME_AT + 1) {
            return null;
        }
        int stop = NAME_AT;
        while (stop + 1 < end && (ctx[stop] != 0 || ctx[stop + 1] != 0)) {
            stop += 2;
        }
        if (stop == NAME_AT) {
            return null;
        }
        String name = new String(ctx, NAME_AT, stop - NAME_AT, StandardCharsets.UTF_16LE);
        byte[] pseudonym = p.file(name).getBytes(StandardCharsets.UTF_16LE);
        byte[] out = ctx.clone();
        java.util.Arrays.fill(out, NAME_AT, stop, (byte) 0);
        System.arraycopy(pseudonym, 0, out, NAME_AT, Math.min(pseudonym.length, (end - NAME_AT) & ~1));
        return out;
    }

    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
