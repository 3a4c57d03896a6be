package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pseudonym tables of one run. Every value gets its replacement the first time it is met, in
 * capture order, so the same input always gives the same output: accounts become
 * {@code user1@domain1.example} (the domain keeps one pseudonym for all its accounts), friendly names
 * {@code Name1}, file names {@code file1.ext} (the extension kept), and tickets, cookies and hashes a
 * value of the same shape (digits for digits, hex for hex, letters for letters, punctuation kept)
 * from a fixed-seed generator. Originals are remembered only to replace them again and to mask them
 * where nothing could be parsed ({@link #originals()}).
 */
final class Pseudonyms {
    /** The local part of MSNP21's group-creation address {@code 10:00000000-...@live.com}. */
    static final String EMPTY_GROUP = "00000000-0000-0000-0000-000000000000";
    /** Addresses that are parts of the protocol, not anybody's account (the MSNP8 QRY product id). */
    static final Set<String> PROTOCOL_ADDRESSES = Set.of("msmsgs@msnmsgr.com");

    private final Tally tally;
    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, String> domains = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    /** Original strings (as ISO-8859-1 text of their bytes) to mask in bytes nothing parsed. */
    private final Set<String> originals = new LinkedHashSet<>();
    private long seed = 0x6D736E73636F7065L; // "msnscope"
    final AddressMap addresses;

    Pseudonyms(Tally tally) {
        this.tally = tally;
        this.addresses = new AddressMap(tally, this::remember);
    }

    Tally tally() {
        return tally;
    }

    /** The pseudonym of {@code local@domain} (any case); same account, same pseudonym. */
    String account(String local, String domain) {
        String key = (local + "@" + domain).toLowerCase(Locale.ROOT);
        if (PROTOCOL_ADDRESSES.contains(key)) {
            return local + "@" + domain;
        }
        if (local.equals(EMPTY_GROUP)) {
            // the address a client creates a temporary group at (docs/msnp21.md, "Multiparty"): only its domain is replaced
            return local + "@" + domainPseudonym(domain);
        }
        tally.occurrence(Kind.ACCOUNT);
        String p = accounts.get(key);
        if (p == null) {
            p = "user" + (accounts.size() + 1) + "@" + domainPseudonym(domain);
            accounts.put(key, p);
            tally.distinct(Kind.ACCOUNT);
            remember(key);
            remember(local + "%40" + domain);
            remember(local + "%40" + domain.toUpperCase(Locale.ROOT));
        }
        return p;
    }

    /** The pseudonym of {@code account} when it is one ({@code local@domain}), else null. */
    String account(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return null;
        }
        return account(email.substring(0, at), email.substring(at + 1));
    }

    /** The pseudonym of an account's domain where it stands alone (a contact list's {@code <d n="...">}). */
    String domain(String domain) {
        tally.occurrence(Kind.DOMAIN);
        return domainPseudonym(domain);
    }

    private String domainPseudonym(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        String p = domains.get(key);
        if (p == null) {
            p = "domain" + (domains.size() + 1) + ".example";
            domains.put(key, p);
            tally.distinct(Kind.DOMAIN);
        }
        return p;
    }

    /** The local part of the pseudonym of {@code local@domain}. */
    String localPart(String local, String domain) {
        String p = account(local, domain);
        return p.substring(0, p.indexOf('@'));
    }

    /**
     * The pseudonym of a friendly name (decoded text): {@code NameN}, or {@code Name N} for a name with a
     * space. A name that is itself an account (clients show the account when no name is set) becomes
     * that account's pseudonym.
     */
    String name(String decoded) {
        String asAccount = Shapes.isAccount(decoded) ? account(decoded) : null;
        if (asAccount != null) {
            return asAccount;
        }
        tally.occurrence(Kind.FRIENDLY_NAME);
        String p = names.get(decoded);
        if (p == null) {
            // a name with a space keeps one, so its URL-encoded form on the wire stays URL-encoded
            p = (decoded.indexOf(' ') >= 0 ? "Name " : "Name") + (names.size() + 1);
            names.put(decoded, p);
            tally.distinct(Kind.FRIENDLY_NAME);
            remember(new String(decoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        return p;
    }

    /**
     * The pseudonym of a file name: {@code fileN} with the original's extension (letters and digits, at
     * most 8). A name a decoder must not trust (path separators, control characters or NULs, leading
     * dots, more than 255 characters) keeps that shape instead, its letters and digits replaced, so the
     * output still shows what was wrong with it.
     */
    String file(String name) {
        tally.occurrence(Kind.FILE_NAME);
        String p = files.get(name);
        if (p == null) {
            p = unsafe(name) ? Filler.latin1(name) : "file" + (files.size() + 1) + extension(name);
            files.put(name, p);
            tally.distinct(Kind.FILE_NAME);
            remember(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            remember(new String(name.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        }
        return p;
    }

    private static boolean unsafe(String name) {
        if (name.length() > 255 || name.startsWith(".") || !name.equals(name.strip())) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') {
                return true;
            }
        }
        return false;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1 || name.length() - dot - 1 > 8) {
            return "";
        }
        String ext = name.substring(dot + 1);
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return "";
            }
        }
        return "." + ext;
    }

    /**
     * A secret (ticket, cookie, hash, profile field...) replaced by a value of the same shape; the same
     * original always gets the same value, so a cookie announced on one connection still matches the
     * one presented on another.
     */
    String token(String original, Kind kind) {
        if (original.isEmpty()) {
            return original;
        }
        tally.occurrence(kind);
        String p = tokens.get(original);
        if (p == null) {
            p = shaped(original);
            tokens.put(original, p);
            tally.distinct(kind);
            if (original.length() >= 4) {
                remember(original);
            }
        }
        return p;
    }

    /**
     * A value of the same shape: digits for digits (a number's first digit no larger, so it keeps its
     * range), hex for hex (also after {@code 0x}), letters for letters in the same case, the rest kept.
     */
    private String shaped(String s) {
        boolean hex = Shapes.isHex(s);
        StringBuilder b = new StringBuilder(s.length());
        boolean inHex = false;
        boolean numberStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int r = (int) ((next() >>> 33) & 0x7FFFFFFF);
            boolean digit = c >= '0' && c <= '9';
            boolean hexLetter = c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if ((c == 'x' || c == 'X') && i > 0 && s.charAt(i - 1) == '0') {
                b.append(c);
                inHex = true;
                numberStart = false;
                continue;
            }
            inHex &= digit || hexLetter;
            if (digit && numberStart && !hex && !inHex) {
                int first = c - '0';
                b.append((char) ('0' + (first == 0 ? 0 : 1 + r % first)));
            } else if (digit) {
                b.append((char) ('0' + r % 10));
            } else if ((hex || inHex) && hexLetter) {
                char h = "0123456789abcdef".charAt(r % 16);
                b.append(c >= 'a' ? h : Character.toUpperCase(h));
            } else if (c >= 'a' && c <= 'z') {
                b.append((char) ('a' + r % 26));
            } else if (c >= 'A' && c <= 'Z') {
                b.append((char) ('A' + r % 26));
            } else {
                b.append(c);
            }
            numberStart = !digit && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
        }
        return b.toString();
    }

    /** SplitMix64: a fixed sequence, so the shapes are the same on every run. */
    private long next() {
        long z = (seed += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void remember(String latin1) {
        if (latin1.length() >= 3) {
            originals.add(latin1);
        }
    }

    /** Every original value replaced so far, as ISO-8859-1 text of its bytes (for masking). */
    Set<String> originals() {
        return originals;
    }
}
