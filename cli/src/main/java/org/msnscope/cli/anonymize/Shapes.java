package org.msnscope.cli.anonymize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msnscope.decoder.net.Addresses;

/**
 * Finds identities in free text by their shape and replaces them: accounts ({@code local@domain},
 * also URL-encoded as {@code local%40domain}) wherever they stand ({@code 1:bob@live.com},
 * {@code N=bob@live.com}, {@code <msnmsgr:bob@live.com;{guid}>}...), and IPv4 addresses the run has
 * already met (in packet headers or in a field that holds an address). Text is handled as ISO-8859-1,
 * one char per byte, so whatever is not replaced keeps its exact bytes.
 */
final class Shapes {
    private static final String LOCAL = "[A-Za-z0-9._+\\-]+";
    private static final String LABEL = "[A-Za-z0-9\\-]+";
    private static final Pattern ACCOUNT = Pattern.compile(
            "(?<![A-Za-z0-9._+\\-])(" + LOCAL + ")@(" + LABEL + "(?:\\." + LABEL + ")+)");
    private static final Pattern ENCODED_ACCOUNT = Pattern.compile(
            "(?<![A-Za-z0-9._+\\-])(" + LOCAL + ")%40(" + LABEL + "(?:(?:\\.|%2[Ee])" + LABEL + ")+)");
    private static final Pattern WHOLE_ACCOUNT = Pattern.compile(LOCAL + "@" + LABEL + "(?:\\." + LABEL + ")+");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?![0-9]|\\.[0-9])");

    private Shapes() {
    }

    /** True when all of {@code s} is one account. */
    static boolean isAccount(String s) {
        return s.indexOf('@') > 0 && WHOLE_ACCOUNT.matcher(s).matches();
    }

    /** True for a non-empty string of hex digits in one case (an MD5, a nonce, a hex id). */
    static boolean isHex(String s) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty() && !(upper && lower);
    }

    /** True for {@code {8-4-4-4-12}} GUIDs with braces (machine GUIDs, endpoints, Call-IDs stay). */
    static boolean isGuid(String s) {
        return s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}';
    }

    /** Every account and every known IPv4 address in {@code text} replaced (plain and URL-encoded accounts). */
    static String sweep(String text, Pseudonyms p) {
        if (text.indexOf('@') >= 0) {
            text = replace(ACCOUNT, text, m -> p.account(m.group(1), m.group(2)));
        }
        if (text.indexOf('%') >= 0) {
            text = replace(ENCODED_ACCOUNT, text, m -> encodedAccount(p, m.group(1), m.group(2)));
        }
        if (text.indexOf('.') >= 0) {
            text = replace(IPV4, text, m -> {
                Integer a = AddressMap.parseV4(m.group());
                return a != null && p.addresses.knownV4(a) ? Addresses.ipv4(p.addresses.v4(a)) : m.group();
            });
        }
        return text;
    }

    private static String encodedAccount(Pseudonyms p, String local, String domain) {
        boolean encodedDots = domain.contains("%2E") || domain.contains("%2e");
        String plainDomain = domain.replace("%2E", ".").replace("%2e", ".");
        String pseudonym = p.account(local, plainDomain).replace("@", "%40");
        return encodedDots ? pseudonym.replace(".", domain.contains("%2E") ? "%2E" : "%2e") : pseudonym;
    }

    /** Replaces every match of {@code pattern} with what {@code by} returns for it. */
    static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        do {
            out.append(text, last, m.start()).append(by.apply(m));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }
}
