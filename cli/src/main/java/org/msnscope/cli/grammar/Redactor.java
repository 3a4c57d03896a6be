package org.msnscope.cli.grammar;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msnscope.decoder.msnp.mime.Text;

/**
 * Consistent pseudonyms for what identifies people and machines in MSNP text: the same account is
 * always {@code user1@example.com} within one redactor, the same address {@code 192.0.2.1}, the
 * same GUID {@code {00000000-0000-0000-0000-000000000001}}, the same friendly name {@code name1};
 * tickets, cookies, hashes and free text become placeholders ({@code <hex:32>}, {@code <cookie>},
 * {@code <text>}). Pseudonyms are numbered in the order they are first asked for, so the same
 * calls in the same order give the same output. The rules are in docs/grammar.md ("Anonymised
 * examples").
 */
public final class Redactor {
    private static final Pattern EMAIL = Pattern.compile(TokenTypes.EMAIL_RE);
    private static final Pattern GUID = Pattern.compile("\\{?(" + TokenTypes.GUID_RE + ")\\}?");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,15}");
    /** MSNObject attributes kept as sent: numbers that say what the object is, not whose. */
    private static final Set<String> MSNOBJECT_KEPT = Set.of("size", "type");

    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, String> hosts = new HashMap<>();
    private int ipv4;
    private int ipv6;
    private int hostNames;
    private final Map<String, String> guids = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> identities = new HashSet<>();

    /**
     * Marks a string (a friendly name, a group name, an account) as identifying: wherever it stands
     * as a whole token, raw or URL-decoded, it becomes a pseudonym.
     */
    public void identity(String s) {
        if (s != null && !s.isBlank()) {
            identities.add(s.toLowerCase(Locale.ROOT));
        }
    }

    /** True when the token, raw or URL-decoded, was marked with {@link #identity(String)}. */
    public boolean isIdentity(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return identities.contains(t) || (t.indexOf('%') >= 0 && identities.contains(Text.urlDecode(token)
                .toLowerCase(Locale.ROOT)));
    }

    /** {@code userN@example.com} for an account (case does not matter). */
    public String account(String email) {
        return accounts.computeIfAbsent(email.toLowerCase(Locale.ROOT), k -> "user" + (accounts.size() + 1) + "@example.com");
    }

    /** A documentation address (RFC 5737, RFC 3849) or {@code hostN.example.net} for a name, numbered per kind. */
    public String host(String host) {
        String key = host.toLowerCase(Locale.ROOT);
        String known = hosts.get(key);
        if (known != null) {
            return known;
        }
        String p;
        if (TokenTypes.IPV4.matcher(host).matches()) {
            int n = ++ipv4;
            p = n <= 254 ? "192.0.2." + n : n <= 508 ? "198.51.100." + (n - 254) : n <= 762 ? "203.0.113." + (n - 508)
                    : "ip" + n + ".example.net";
        } else if (host.indexOf(':') >= 0) {
            p = "2001:db8::" + Integer.toHexString(++ipv6);
        } else {
            p = "host" + (++hostNames) + ".example.net";
        }
        hosts.put(key, p);
        return p;
    }

    /** The same GUID shape, braces kept, numbered. */
    public String guid(String guid) {
        Matcher m = GUID.matcher(guid);
        if (!m.matches()) {
            return "<guid>";
        }
        String p = guids.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT),
                k -> String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", guids.size() + 1));
        return guid.startsWith("{") ? "{" + p + "}" : p;
    }

    /** {@code nameN} for a friendly name or other personal text. */
    public String name(String text) {
        String key = (text.indexOf('%') >= 0 ? Text.urlDecode(text) : text).toLowerCase(Locale.ROOT);
        return names.computeIfAbsent(key, k -> "name" + (names.size() + 1));
    }

    /** Replaces every e-mail address and GUID inside free text (an MSNSLP address, a header value). */
    public String addresses(String s) {
        Matcher m = EMAIL.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(account(m.group())));
        }
        m.appendTail(out);
        Matcher g = GUID.matcher(out.toString());
        StringBuilder out2 = new StringBuilder();
        while (g.find()) {
            g.appendReplacement(out2, Matcher.quoteReplacement(guid(g.group())));
        }
        g.appendTail(out2);
        return out2.toString();
    }

    /**
     * One command line, each token redacted by its type ({@link TokenTypes}) and its neighbour: the
     * text after an account is a friendly name, except in a switchboard's {@code USR}/{@code ANS}
     * ({@code USR trid account cookie}), where it is the cookie; the token after {@code CKI} is a
     * cookie and the one after {@code PHH}, {@code PHW} or {@code PHM} a phone number.
     */
    public String line(String verb, List<String> tokens, List<String> types) {
        StringBuilder sb = new StringBuilder(verb);
        boolean sbLogin = (verb.equals("USR") || verb.equals("ANS")) && types.size() > 2
                && types.get(0).equals(TokenTypes.TRID) && isAccount(types.get(1));
        for (int i = 0; i < tokens.size(); i++) {
            String prev = i > 0 ? tokens.get(i - 1) : "";
            sb.append(' ');
            if (prev.equals("CKI") || (sbLogin && i == 2)) {
                sb.append("<cookie>");
            } else if (prev.equals("PHH") || prev.equals("PHW") || prev.equals("PHM")) {
                sb.append("<phone>");
            } else {
                sb.append(token(tokens.get(i), types.get(i), i > 0 && isAccount(types.get(i - 1))));
            }
        }
        return sb.toString();
    }

    private static boolean isAccount(String type) {
        return type.equals(TokenTypes.EMAIL) || type.equals(TokenTypes.EMAIL_GUID)
                || type.equals(TokenTypes.NETWORK_EMAIL) || type.endsWith("=" + TokenTypes.EMAIL);
    }

    /** One token of a known type; {@code afterAccount} makes text a name. */
    public String token(String tok, String type, boolean afterAccount) {
        if (type.length() > 2 && type.charAt(1) == '=' && tok.length() > 2 && tok.charAt(1) == '=') {
            return tok.substring(0, 2) + token(tok.substring(2), type.substring(2), afterAccount);
        }
        return switch (type) {
            case TokenTypes.TRID, TokenTypes.PAYLOAD_LENGTH, TokenTypes.INTEGER, TokenTypes.CAPABILITIES,
                    TokenTypes.EMPTY -> tok;
            case TokenTypes.EMAIL -> account(tok);
            case TokenTypes.EMAIL_GUID -> {
                int semi = tok.indexOf(';');
                yield account(tok.substring(0, semi)) + ";" + guid(tok.substring(semi + 1));
            }
            case TokenTypes.NETWORK_EMAIL -> {
                int colon = tok.indexOf(':');
                yield tok.substring(0, colon + 1) + account(tok.substring(colon + 1));
            }
            case TokenTypes.HOST_PORT -> {
                int colon = tok.lastIndexOf(':');
                String h = tok.substring(0, colon);
                boolean v6 = h.startsWith("[");
                String p = host(v6 ? h.substring(1, h.length() - 1) : h);
                yield (v6 ? "[" + p + "]" : p) + tok.substring(colon);
            }
            case TokenTypes.URL -> url(tok);
            case TokenTypes.GUID -> guid(tok);
            case TokenTypes.MSNOBJECT -> msnObject(tok);
            case TokenTypes.HEX -> "<hex:" + tok.length() + ">";
            case TokenTypes.BASE64 -> "<base64:" + tok.length() + ">";
            case TokenTypes.LITERAL -> isIdentity(tok) || afterAccount ? name(tok) : tok;
            default -> text(tok, afterAccount);
        };
    }

    /** Text is kept only when it is a short word that names nothing (a product, a file name, a code). */
    private String text(String tok, boolean afterAccount) {
        if (afterAccount || isIdentity(tok)) {
            return name(tok);
        }
        if (TokenTypes.IPV4.matcher(tok).matches()) {
            return host(tok);
        }
        return WORD.matcher(tok).matches() ? tok : "<text>";
    }

    /** Scheme and host (pseudonymised when an address); path and query dropped: they carry tickets. */
    private String url(String tok) {
        int s = tok.indexOf("://");
        int end = tok.indexOf('/', s + 3);
        String authority = tok.substring(s + 3, end < 0 ? tok.length() : end);
        int at = authority.lastIndexOf('@');
        authority = authority.substring(at + 1);
        int colon = authority.lastIndexOf(':');
        String host = colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
        String port = host.length() < authority.length() ? authority.substring(host.length()) : "";
        boolean address = TokenTypes.IPV4.matcher(host).matches() || host.startsWith("[");
        String h = address ? host(host.replace("[", "").replace("]", ""))
                : HOST_NAME.matcher(host).matches() ? host : "<host>";
        String scheme = tok.substring(0, s).matches("[A-Za-z][A-Za-z0-9+.-]{0,15}") ? tok.substring(0, s) : "<scheme>";
        return scheme + "://" + (host.startsWith("[") ? "[" + h + "]" : h) + (port.matches(":[0-9]{1,5}") ? port : "")
                + (end < 0 ? "" : "/…");
    }

    /** The MSNObject's attribute names kept; Creator a pseudonym, Size and Type as sent, the rest placeholders. */
    private String msnObject(String tok) {
        boolean encoded = tok.indexOf('%') >= 0;
        String xml = encoded ? Text.urlDecode(tok) : tok;
        StringBuilder sb = new StringBuilder("<msnobj");
        Matcher m = ATTRIBUTE.matcher(xml);
        while (m.find()) {
            String k = m.group(1);
            String v = m.group(2);
            String lower = k.toLowerCase(Locale.ROOT);
            String r = lower.equals("creator") ? account(v) : MSNOBJECT_KEPT.contains(lower) ? v : v.isEmpty() ? "" : "x";
            sb.append(' ').append(k).append("=\"").append(r).append('"');
        }
        sb.append("/>");
        return encoded ? urlEncode(sb.toString()) : sb.toString();
    }

    /** Percent-encodes everything but letters, digits and {@code .-_}, as MSNP writes text arguments. */
    static String urlEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
