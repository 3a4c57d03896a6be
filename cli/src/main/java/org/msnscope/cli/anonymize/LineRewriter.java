package org.msnscope.cli.anonymize;

import java.util.Set;
import org.msnscope.decoder.msnp.command.ClientCaps;

/**
 * One MSNP command line with its identities replaced, every byte between them as it was (spacing
 * included). The places of friendly names, cookies, tickets, hashes and phone numbers are found from
 * anchors the verbs' shapes share across versions (the account before a name, {@code CKI} before a
 * cookie, {@code OK}, {@code MFN}, the auth package) rather than from fixed positions (docs/msnp.md,
 * section 2); accounts, addresses and MSNObjects are found in every argument by their shape. The
 * payload length, always the last argument, is set to the rewritten payload's.
 */
final class LineRewriter {
    private static final Set<String> AUTH = Set.of("MD5", "TWN", "SSO", "SHA");
    private static final Set<String> PHONES = Set.of("PHH", "PHW", "PHM");
    private static final java.util.regex.Pattern TICKET_PART = java.util.regex.Pattern.compile("((?:^|&)[A-Za-z]+=)([^&]*)");

    private final Pseudonyms p;

    LineRewriter(Pseudonyms p) {
        this.p = p;
    }

    /**
     * @param line the line without its line end, as ISO-8859-1 text of its bytes
     * @param payloadLength the rewritten payload's length, or -1 when the line announces none
     */
    String rewrite(String line, boolean fromClient, long payloadLength) {
        String[] parts = line.split(" ", -1);
        boolean[] done = new boolean[parts.length];
        switch (parts[0]) {
            case "USR" -> usr(parts, done, fromClient);
            case "ANS" -> {
                if (fromClient) {
                    afterAccount(parts, done, 1, Kind.COOKIE);
                }
            }
            case "XFR" -> afterWord(parts, done, "CKI", Kind.COOKIE);
            case "RNG" -> {
                int k = afterWord(parts, done, "CKI", Kind.COOKIE);
                afterAccount(parts, done, k < 0 ? 1 : k + 2, Kind.FRIENDLY_NAME);
            }
            case "ILN", "NLN" -> statusLine(parts, done);
            case "IRO", "JOI", "REA", "ADD" -> afterAccount(parts, done, 1, Kind.FRIENDLY_NAME);
            case "MSG" -> {
                if (!fromClient && parts.length >= 4 && parts[1].indexOf('@') > 0) {
                    name(parts, done, 2);
                }
            }
            case "LST", "ADC" -> contactLine(parts, done);
            case "PRP", "SBP", "BPR" -> property(parts, done);
            case "QRY" -> java.util.Arrays.fill(done, true); // QRY trid product-id length: nothing personal
            case "CHL" -> {
                if (!fromClient && parts.length >= 3) {
                    token(parts, done, parts.length - 1, Kind.HASH);
                }
            }
            default -> { }
        }
        for (int i = 1; i < parts.length; i++) {
            if (!done[i]) {
                parts[i] = generic(parts[i]);
            }
        }
        if (payloadLength >= 0) {
            for (int i = parts.length - 1; i > 0; i--) {
                if (!parts[i].isEmpty()) {
                    parts[i] = Long.toString(payloadLength);
                    break;
                }
            }
        }
        return String.join(" ", parts);
    }

    /** Any argument: an address ({@code a.b.c.d[:port]}), accounts, an URL-encoded MSNObject. */
    String generic(String t) {
        if (t.isEmpty()) {
            return t;
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && colon < t.length() - 1 && t.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            String host = p.addresses.v4Text(t.substring(0, colon));
            if (host != null) {
                return host + t.substring(colon);
            }
        }
        String ip = p.addresses.v4Text(t);
        if (ip != null) {
            return ip;
        }
        if (t.indexOf('%') >= 0) {
            UrlCodec.Decoded d = UrlCodec.decode(t);
            String text = d.text();
            String out = MsnObjects.present(text) ? MsnObjects.rewrite(text, p) : Shapes.sweep(text, p);
            return out.equals(text) ? t : UrlCodec.encode(out, d);
        }
        return t.indexOf('@') >= 0 ? Shapes.sweep(t, p) : t;
    }

    private void usr(String[] parts, boolean[] done, boolean fromClient) {
        int ok = indexOf(parts, "OK", 1, 3);
        if (ok > 0) {
            // 2-5 OK account name; 6-7 OK account name verified; 8-9 OK account name verified 0; 10+ OK account verified 0
            int rest = parts.length - ok - 2;
            boolean bits = rest == 2 && digits(parts[ok + 2]) && digits(parts[ok + 3]);
            if (rest >= 1 && !bits) {
                name(parts, done, ok + 2);
            }
            return;
        }
        if (parts.length >= 5 && AUTH.contains(parts[2])) {
            String pkg = parts[2];
            String stage = parts[3];
            if (stage.equals("S") || stage.equals("A")) {
                Kind kind = pkg.equals("MD5") ? Kind.HASH : Kind.TICKET;
                if (fromClient || pkg.equals("MD5")) {
                    for (int i = 4; i < parts.length; i++) {
                        if (!Shapes.isGuid(parts[i]) && !done[i]) {
                            parts[i] = ticket(parts[i], kind);
                            done[i] = true;
                        }
                    }
                } else if (pkg.equals("SSO") && parts.length >= 6) {
                    token(parts, done, parts.length - 1, kind); // the nonce after the policy
                }
            }
            return;
        }
        afterAccount(parts, done, 1, Kind.COOKIE); // switchboard or MSNFTP: USR [trid] account cookie
    }

    /** A Passport ticket keeps its keys ({@code t=...&p=...}); only the values get same-shape replacements. */
    private String ticket(String t, Kind kind) {
        if (t.indexOf('=') < 0 || t.indexOf('&') < 0) {
            return p.token(t, kind);
        }
        return Shapes.replace(TICKET_PART, t, m -> m.group(1) + p.token(m.group(2), kind));
    }

    /** NLN status account [network] name [caps [msnobj]]; ILN the same after its TrID (MSNP14-17 put the network there). */
    private void statusLine(String[] parts, boolean[] done) {
        int e = firstAccount(parts, 1);
        if (e < 0) {
            return;
        }
        int n = e + 1;
        if (e + 3 < parts.length && isNetworkId(parts[e + 1]) && ClientCaps.looksLike(parts[e + 3])) {
            n = e + 2;
        }
        name(parts, done, n);
    }

    private static boolean isNetworkId(String s) {
        return s.equals("1") || s.equals("2") || s.equals("4") || s.equals("8") || s.equals("32") || s.equals("64");
    }

    /** LST/ADC: MSNP10+ {@code N=account F=name C=id}; before, {@code account name}. */
    private void contactLine(String[] parts, boolean[] done) {
        boolean keyed = false;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("F=")) {
                parts[i] = "F=" + encodedName(parts[i].substring(2));
                done[i] = true;
            }
            keyed |= parts[i].startsWith("N=") || parts[i].startsWith("C=");
        }
        if (!keyed && parts[0].equals("LST")) {
            afterAccount(parts, done, 1, Kind.FRIENDLY_NAME);
        }
    }

    /** PRP/SBP/BPR: {@code MFN name}, and phone numbers after PHH, PHW, PHM. */
    private void property(String[] parts, boolean[] done) {
        for (int i = 1; i + 1 < parts.length; i++) {
            if (parts[i].equals("MFN")) {
                name(parts, done, i + 1);
            } else if (PHONES.contains(parts[i]) && !done[i + 1]) {
                UrlCodec.Decoded d = UrlCodec.decode(parts[i + 1]);
                parts[i + 1] = UrlCodec.encode(p.token(d.text(), Kind.PHONE), d);
                done[i + 1] = true;
            }
        }
    }

    /** The argument after the first account at or after {@code from} becomes a cookie or a name; returns the account's index. */
    private int afterAccount(String[] parts, boolean[] done, int from, Kind kind) {
        int e = firstAccount(parts, from);
        if (e > 0 && e + 1 < parts.length) {
            if (kind == Kind.FRIENDLY_NAME) {
                name(parts, done, e + 1);
            } else {
                token(parts, done, e + 1, kind);
            }
        }
        return e;
    }

    /** The argument after {@code word} becomes a secret of {@code kind}; returns the word's index. */
    private int afterWord(String[] parts, boolean[] done, String word, Kind kind) {
        int k = indexOf(parts, word, 1, parts.length);
        if (k > 0 && k + 1 < parts.length) {
            token(parts, done, k + 1, kind);
        }
        return k;
    }

    private void name(String[] parts, boolean[] done, int i) {
        if (i < parts.length && !done[i] && !parts[i].isEmpty()) {
            parts[i] = encodedName(parts[i]);
            done[i] = true;
        }
    }

    private String encodedName(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        UrlCodec.Decoded d = UrlCodec.decode(raw);
        return UrlCodec.encode(p.name(d.text()), d);
    }

    private void token(String[] parts, boolean[] done, int i, Kind kind) {
        if (!done[i]) {
            parts[i] = p.token(parts[i], kind);
            done[i] = true;
        }
    }

    private static int firstAccount(String[] parts, int from) {
        for (int i = from; i < parts.length; i++) {
            if (parts[i].indexOf('@') > 0) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(String[] parts, String word, int from, int to) {
        for (int i = from; i < Math.min(to, parts.length); i++) {
            if (parts[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
