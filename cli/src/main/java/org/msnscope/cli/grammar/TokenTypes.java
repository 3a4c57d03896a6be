package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.msnp.mime.Text;

/**
 * The type of every token of a command line, tried in a fixed order (docs/grammar.md, "Argument
 * types"): the first rule that matches wins, so the same token always gets the same type. Positions
 * count every token after the verb, the TrID included, as docs/msnp.md counts them.
 */
public final class TokenTypes {
    public static final String TRID = "trid";
    public static final String PAYLOAD_LENGTH = "payload_length";
    public static final String MSNOBJECT = "msnobject";
    public static final String EMAIL_GUID = "email;{guid}";
    public static final String NETWORK_EMAIL = "network:email";
    public static final String EMAIL = "email";
    public static final String HOST_PORT = "host:port";
    public static final String URL = "url";
    public static final String GUID = "guid";
    public static final String CAPABILITIES = "capabilities";
    public static final String INTEGER = "integer";
    public static final String HEX = "hex";
    public static final String LITERAL = "literal";
    public static final String BASE64 = "base64";
    public static final String URLENCODED = "urlencoded";
    public static final String TEXT = "text";
    public static final String EMPTY = "empty";
    /** What a closed set of literals becomes when a position has more distinct values than listed. */
    public static final String TOKEN = "token";

    /** Every type a plain token can have, in the order the rules are tried (after trid and payload_length). */
    public static final List<String> ORDER = List.of(TRID, PAYLOAD_LENGTH, MSNOBJECT, EMAIL_GUID, NETWORK_EMAIL,
            EMAIL, HOST_PORT, URL, GUID, CAPABILITIES, INTEGER, HEX, LITERAL, BASE64, URLENCODED, TEXT);

    static final String EMAIL_RE = "[A-Za-z0-9._%+'!#$&*=?^`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";
    static final String GUID_RE = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
    private static final Pattern EMAIL_P = Pattern.compile(EMAIL_RE);
    private static final Pattern EMAIL_GUID_P = Pattern.compile(EMAIL_RE + ";\\{" + GUID_RE + "\\}");
    private static final Pattern NETWORK_EMAIL_P = Pattern.compile("[0-9]{1,3}:" + EMAIL_RE);
    static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
    private static final Pattern HOST_PORT_P = Pattern.compile(
            "(" + IPV4.pattern() + "|\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+):[0-9]{1,5}");
    private static final Pattern URL_P = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s]*");
    private static final Pattern GUID_P = Pattern.compile("\\{?" + GUID_RE + "\\}?");
    private static final Pattern CAPS_P = Pattern.compile("[0-9]{1,10}:[0-9]{1,10}");
    private static final Pattern HEX_P = Pattern.compile("[0-9a-f]{8,}|[0-9A-F]{8,}");
    private static final Pattern LITERAL_P = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");
    private static final Pattern BASE64_P = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern URLENCODED_P = Pattern.compile(".*%[0-9A-Fa-f]{2}.*");
    private static final Pattern PREFIXED_P = Pattern.compile("[A-Z]=.+");

    private TokenTypes() {
    }

    /** The tokens after the verb, the TrID first when the decoder gave the command one. */
    public static List<String> tokens(CommandEvent c) {
        List<String> t = new ArrayList<>(c.args().size() + 1);
        if (c.trid() != null) {
            t.add(Long.toString(c.trid()));
        }
        t.addAll(c.args());
        return t;
    }

    /** The type of each of {@link #tokens(CommandEvent)}. */
    public static List<String> types(CommandEvent c, List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int shift = c.trid() != null ? 1 : 0;
        int clientId = clientIdIndex(c.cmd(), c.args());
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (i == 0 && shift == 1) {
                out.add(TRID);
            } else if (i == tokens.size() - 1 && c.payloadLength() != null && tok.equals(c.payloadLength().toString())) {
                out.add(PAYLOAD_LENGTH);
            } else {
                String type = of(tok);
                out.add(type.equals(INTEGER) && i - shift == clientId ? CAPABILITIES : type);
            }
        }
        return out;
    }

    /**
     * The type of one token on its own. {@code K=value} (one upper-case letter, as MSNP10-12's
     * {@code N=}, {@code F=}, {@code C=}) is {@code K=} and the value's type.
     */
    public static String of(String token) {
        if (token.isEmpty()) {
            return EMPTY;
        }
        if (PREFIXED_P.matcher(token).matches()) {
            return token.substring(0, 2) + plain(token.substring(2));
        }
        return plain(token);
    }

    /** The rules in {@link #ORDER}; a rule whose pattern needs a character the token lacks is not tried. */
    private static String plain(String t) {
        boolean at = t.indexOf('@') >= 0;
        boolean colon = t.indexOf(':') >= 0;
        if ((t.indexOf('%') >= 0 || t.indexOf('<') >= 0) && isMsnObject(t)) {
            return MSNOBJECT;
        }
        if (at && t.indexOf(';') >= 0 && EMAIL_GUID_P.matcher(t).matches()) {
            return EMAIL_GUID;
        }
        if (at && colon && NETWORK_EMAIL_P.matcher(t).matches()) {
            return NETWORK_EMAIL;
        }
        if (at && EMAIL_P.matcher(t).matches()) {
            return EMAIL;
        }
        if (colon && HOST_PORT_P.matcher(t).matches()) {
            return HOST_PORT;
        }
        if (colon && URL_P.matcher(t).matches()) {
            return URL;
        }
        if (t.length() >= 36 && GUID_P.matcher(t).matches() && (t.charAt(0) == '{') == (t.charAt(t.length() - 1) == '}')) {
            return GUID;
        }
        if (colon && CAPS_P.matcher(t).matches()) {
            return CAPABILITIES;
        }
        if (isInteger(t)) {
            return INTEGER;
        }
        if (isHex(t)) {
            return HEX;
        }
        if (LITERAL_P.matcher(t).matches()) {
            return LITERAL;
        }
        if (isBase64(t)) {
            return BASE64;
        }
        if (URLENCODED_P.matcher(t).matches()) {
            return URLENCODED;
        }
        return TEXT;
    }

    /** {@code -?[0-9]{1,20}}, without a regular expression: most tokens are numbers. */
    private static boolean isInteger(String t) {
        int from = t.charAt(0) == '-' ? 1 : 0;
        int n = t.length() - from;
        if (n < 1 || n > 20) {
            return false;
        }
        for (int i = from; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isMsnObject(String t) {
        String d = t.indexOf('%') >= 0 ? Text.urlDecode(t) : t;
        return d.regionMatches(true, 0, "<msnobj", 0, 7);
    }

    /** Eight or more hex digits in one case, with a digit and a letter among them, or sixteen or more. */
    private static boolean isHex(String t) {
        if (!HEX_P.matcher(t).matches()) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            digit |= ch >= '0' && ch <= '9';
            letter |= !(ch >= '0' && ch <= '9');
        }
        return (digit && letter) || t.length() >= 16;
    }

    /** Base64 alphabet, a multiple of four long, and either 16 or more characters or '=' padding. */
    private static boolean isBase64(String t) {
        return t.length() >= 12 && t.length() % 4 == 0 && BASE64_P.matcher(t).matches()
                && (t.length() >= 16 || t.endsWith("="));
    }

    /**
     * Which argument (0-based, after the TrID) holds the client id, as the decoder reads it
     * (docs/msnp.md §2.2 and §2.4): CHG {@code status caps}; ILN/NLN {@code status account [network]
     * name caps}; IRO {@code index total account name caps}; JOI {@code account name caps}; else -1.
     */
    static int clientIdIndex(String verb, List<String> args) {
        return switch (verb) {
            case "CHG" -> 1;
            case "IRO" -> 4;
            case "JOI" -> 2;
            case "ILN", "NLN" -> {
                if (args.size() > 1 && NETWORK_EMAIL_P.matcher(args.get(1)).matches()) {
                    yield 3;
                }
                boolean netid = args.size() >= 5 && args.get(2).matches("1|2|4|8|32|64")
                        && args.get(4).matches("[0-9]{1,10}(:[0-9]{1,10})?");
                yield netid ? 4 : 3;
            }
            default -> -1;
        };
    }
}
