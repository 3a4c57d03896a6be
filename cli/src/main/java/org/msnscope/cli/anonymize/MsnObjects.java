package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MSNObject descriptors ({@code <msnobj Creator=... SHA1D=... SHA1C=.../>}), wherever they appear: the
 * Creator (and any other account in them) gets its pseudonym, every other attribute stays, and SHA1C
 * is recomputed when the original verified (the base64 SHA-1 of Creator, Size, Type, Location, Friendly
 * and SHA1D written as name and value one after the other). SHA1D, the hash of the object's bytes, is
 * unchanged because the bytes are.
 */
final class MsnObjects {
    private static final Pattern ELEMENT = Pattern.compile("<msnobj\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([A-Za-z0-9_]+)=\"([^\"]*)\"");
    private static final String[] SIGNED = {"Creator", "Size", "Type", "Location", "Friendly", "SHA1D"};

    private MsnObjects() {
    }

    /** True when {@code text} holds an MSNObject element. */
    static boolean present(String text) {
        return ELEMENT.matcher(text).find();
    }

    /** Every MSNObject element in {@code text} rewritten; the rest of the text as it was. */
    static String rewrite(String text, Pseudonyms p) {
        return Shapes.replace(ELEMENT, text, m -> element(m.group(), p));
    }

    private static String element(String el, Pseudonyms p) {
        String swept = Shapes.sweep(el, p);
        if (swept.equals(el)) {
            return el;
        }
        p.tally().occurrence(Kind.MSN_OBJECT);
        String oldC = attr(el, "SHA1C");
        if (oldC != null && oldC.equals(sha1c(el))) {
            String newC = sha1c(swept);
            swept = swept.replace("SHA1C=\"" + oldC + "\"", "SHA1C=\"" + newC + "\"");
        }
        return swept;
    }

    static String attr(String el, String name) {
        Matcher m = ATTR.matcher(el);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    static String sha1c(String el) {
        StringBuilder b = new StringBuilder();
        for (String name : SIGNED) {
            String v = attr(el, name);
            b.append(name).append(v == null ? "" : v);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
