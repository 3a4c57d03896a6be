package org.msnscope.cli.anonymize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XML payloads: contact lists ({@code <ml><d n="domain"><c n="local"/></d></ml>} of ADL, RML,
 * FQY, where an account is split into domain and local part), personal status ({@code <Data>} of
 * UUX/UBX: PSM, CurrentMedia, endpoint names), notifications (NOT: member ids, contact ids) and the
 * {@code Mail-Data} of mail and offline-message notifications (sender names, subjects). Rewritten as
 * text, attribute by attribute and element by element, so everything else keeps its bytes; then
 * every remaining account is swept.
 */
final class XmlRewriter {
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9_]*)([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern TEXT_OR_ENTITY = Pattern.compile("&#?[A-Za-z0-9]+;|[^&]+|&");
    private static final Pattern ESCAPED_CID = Pattern.compile("(&lt;CID&gt;)([^&]*)(&lt;/CID&gt;)");
    private static final Pattern ENCODED_WORD = Pattern.compile("(=\\?[^?]+\\?[BbQq]\\?)([^?]*)(\\?=)");
    private static final Pattern PID = Pattern.compile("(\\bpid=\")([^\"]*)(\")");
    private static final String MEDIA_SEPARATOR = "\\0";

    private final Pseudonyms p;

    XmlRewriter(Pseudonyms p) {
        this.p = p;
    }

    /** ADL/RML/FQY: domains, local parts, friendly names ({@code f=}) and phone numbers ({@code <t><c n="tel:..."/>}). */
    String contactList(String xml) {
        String[] domain = {null};
        boolean[] phones = {false};
        String out = Shapes.replace(TAG, xml, m -> {
            boolean closing = !m.group(1).isEmpty();
            String tag = m.group(2);
            if (tag.equals("d")) {
                if (closing) {
                    domain[0] = null;
                    return m.group();
                }
                domain[0] = attr(m.group(3), "n");
                return rewriteAttrs(m, (name, v) -> name.equals("n") && !v.isEmpty() ? p.domain(v) : v);
            }
            if (tag.equals("t")) {
                phones[0] = !closing && !m.group(3).trim().endsWith("/");
                return m.group();
            }
            if (tag.equals("c") && !closing) {
                return rewriteAttrs(m, (name, v) -> contactAttr(name, v, domain[0], phones[0]));
            }
            return m.group();
        });
        return Shapes.sweep(out, p);
    }

    private String contactAttr(String name, String v, String domain, boolean phone) {
        if (v.isEmpty()) {
            return v;
        }
        if (name.equals("n")) {
            if (phone || domain == null) {
                return p.token(v, Kind.PHONE);
            }
            return p.localPart(v, domain);
        }
        if (name.equals("f")) {
            UrlCodec.Decoded d = UrlCodec.decode(v);
            return UrlCodec.encode(p.name(d.text()), d);
        }
        return v;
    }

    /** UUX/UBX: PSM and endpoint names filled, CurrentMedia's values filled, a FriendlyName renamed. */
    String personal(String xml) {
        String out = elementText(xml, "PSM", this::fill);
        out = elementText(out, "EpName", this::fill);
        out = elementText(out, "CurrentMedia", this::media);
        out = elementText(out, "FriendlyName", v -> v.isEmpty() ? v : p.name(UrlCodec.decode(v).text()));
        return Shapes.sweep(out, p);
    }

    /** NOT/IPG: member ids ({@code pid}) and contact ids ({@code CID}, also entity-escaped), then accounts. */
    String notification(String xml) {
        String out = Shapes.replace(PID, xml, m -> m.group(1) + p.token(m.group(2), Kind.PROFILE) + m.group(3));
        out = elementText(out, "CID", v -> p.token(v, Kind.PROFILE));
        out = Shapes.replace(ESCAPED_CID, out,
                m -> m.group(1) + p.token(m.group(2), Kind.PROFILE) + m.group(3));
        return Shapes.sweep(out, p);
    }

    /** Mail-Data: the sender's name ({@code N}) and the subject ({@code SU}) replaced, then accounts. */
    String mailData(String xml) {
        String out = elementText(xml, "N", this::encodedWords);
        out = elementText(out, "SU", this::encodedWords);
        return Shapes.sweep(out, p);
    }

    /** RFC 2047 words ({@code =?utf-8?B?...?=}) keep their frame; the encoded text gets a same-shape value. */
    String encodedWords(String v) {
        String out = Shapes.replace(ENCODED_WORD, v,
                m -> m.group(1) + p.token(m.group(2), Kind.FRIENDLY_NAME) + m.group(3));
        return out.equals(v) && !v.isBlank() ? p.token(v, Kind.FRIENDLY_NAME) : out;
    }

    private String fill(String text) {
        if (text.isEmpty()) {
            return text;
        }
        p.tally().occurrence(Kind.PERSONAL_MESSAGE);
        return Shapes.replace(TEXT_OR_ENTITY, text, m -> m.group().startsWith("&") ? m.group() : Filler.latin1(m.group()));
    }

    /** {@code \0Music\01\0{0} - {1}\0Title\0Artist\0...}: application, type, enabled and format stay; the values are filled. */
    private String media(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String[] f = text.split(Pattern.quote(MEDIA_SEPARATOR), -1);
        for (int i = 4; i < f.length; i++) {
            f[i] = fill(f[i]);
        }
        return String.join(MEDIA_SEPARATOR, f);
    }

    /** The text of every {@code <element ...>text</element>} passed through {@code by}; linear in the length. */
    static String elementText(String xml, String element, java.util.function.UnaryOperator<String> by) {
        String open = "<" + element;
        String close = "</" + element + ">";
        StringBuilder out = null;
        int last = 0;
        int i = xml.indexOf(open);
        while (i >= 0) {
            int after = i + open.length();
            int gt = xml.indexOf('>', after);
            if (gt < 0) {
                break;
            }
            char c = after < xml.length() ? xml.charAt(after) : '>';
            if ((c != '>' && c != ' ' && c != '\t') || xml.charAt(gt - 1) == '/') {
                i = xml.indexOf(open, after);
                continue;
            }
            int end = xml.indexOf(close, gt + 1);
            if (end < 0) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(xml.length() + 16);
            }
            out.append(xml, last, gt + 1).append(by.apply(xml.substring(gt + 1, end)));
            last = end;
            i = xml.indexOf(open, end + close.length());
        }
        return out == null ? xml : out.append(xml, last, xml.length()).toString();
    }

    private static String attr(String attrs, String name) {
        Matcher m = ATTR.matcher(attrs);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(3) != null ? m.group(3) : m.group(4);
            }
        }
        return null;
    }

    private static String rewriteAttrs(Matcher tag, java.util.function.BinaryOperator<String> by) {
        String attrs = Shapes.replace(ATTR, tag.group(3), a -> {
            boolean dq = a.group(3) != null;
            String v = dq ? a.group(3) : a.group(4);
            String nv = by.apply(a.group(1), v);
            return a.group(1) + "=" + (dq ? "\"" + nv + "\"" : "'" + nv + "'");
        });
        return "<" + tag.group(1) + tag.group(2) + attrs + ">";
    }
}
