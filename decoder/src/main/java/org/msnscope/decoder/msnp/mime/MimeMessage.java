package org.msnscope.decoder.msnp.mime;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MIME part of an MSG payload: header lines up to the first empty line, then the body.
 * Scanning records only where each header's name and value lie in the payload (a view, no Strings);
 * {@link #header} compares bytes, and the map of all headers is made only when output wants it.
 * Parsing never fails: a problem (no empty line, a header line without a colon) is recorded in
 * {@link #problem()} and the headers that did parse are kept. The same scanner reads one header block
 * of an MSNP18+ routed payload ({@link #parse(byte[], int, int, int)}, used by {@link HeaderBlocks}).
 */
public final class MimeMessage {
    /** Header names whose values are credentials: kept out of output. */
    private static final java.util.Set<String> SECRET = java.util.Set.of("mspauth", "msppauth", "sid", "kv");

    private final byte[] p;
    private final int start;
    private final int end;
    private final int maxHeaders;
    /** per header: name start, name end, value start, value end */
    private int[] spans = new int[4 * 8];
    private int count;
    private int bodyOffset;
    private String problem;
    private boolean terminated;
    private int skipped;

    private MimeMessage(byte[] p, int start, int end, int maxHeaders) {
        this.p = p;
        this.start = start;
        this.end = end;
        this.maxHeaders = maxHeaders;
    }

    public static MimeMessage parse(byte[] p) {
        return parse(p, 0, p.length, Integer.MAX_VALUE);
    }

    /**
     * The header block that starts at {@code p[from]}: header lines up to the first empty line, read no
     * further than {@code p[to]}. At most {@code maxHeaders} headers are kept ({@link #skipped()} counts
     * the rest); {@link #bodyOffset()} is where the block's empty line ends (or {@code to}).
     */
    public static MimeMessage parse(byte[] p, int from, int to, int maxHeaders) {
        MimeMessage m = new MimeMessage(p, from, to, maxHeaders);
        m.scan();
        return m;
    }

    private void scan() {
        int i = start;
        int n = end;
        while (i < n) {
            int e = i;
            while (e < n && p[e] != '\n') {
                e++;
            }
            int textEnd = e > i && p[e - 1] == '\r' ? e - 1 : e;
            if (textEnd == i && e < n) {
                bodyOffset = e + 1;
                terminated = true;
                return;
            }
            if (e == n) {
                // the headers never ended with an empty line
                problem = "no empty line after the MIME headers";
                if (textEnd > i) {
                    add(i, textEnd);
                }
                bodyOffset = n;
                return;
            }
            if (!add(i, textEnd) && problem == null) {
                problem = "header line without a colon at payload offset " + i;
            }
            i = e + 1;
        }
        bodyOffset = n;
        problem = "no empty line after the MIME headers";
    }

    private boolean add(int s, int e) {
        int colon = -1;
        for (int i = s; i < e; i++) {
            if (p[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= s) {
            return false;
        }
        if (count >= maxHeaders) {
            skipped++;
            return true;
        }
        int ne = colon;
        while (ne > s && p[ne - 1] == ' ') {
            ne--;
        }
        int v = colon + 1;
        while (v < e && p[v] == ' ') {
            v++;
        }
        if (4 * count + 4 > spans.length) {
            spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        }
        spans[4 * count] = s;
        spans[4 * count + 1] = ne;
        spans[4 * count + 2] = v;
        spans[4 * count + 3] = e;
        count++;
        return true;
    }

    public int bodyOffset() {
        return bodyOffset;
    }

    /** True when the headers ended with an empty line (not with the end of the bytes). */
    public boolean terminated() {
        return terminated;
    }

    /** Header lines past the limit that were not kept. */
    public int skipped() {
        return skipped;
    }

    /** Headers kept. */
    public int count() {
        return count;
    }

    /** The first header's name ({@code Routing}, {@code Messaging}...), or null when there is none. */
    public String firstName() {
        return count == 0 ? null : new String(p, spans[0], spans[1] - spans[0], StandardCharsets.UTF_8);
    }

    /** The first header's value, or null when there is none. */
    public String firstValue() {
        return count == 0 ? null : new String(p, spans[2], spans[3] - spans[2], StandardCharsets.UTF_8);
    }

    /** What was malformed, or null. */
    public String problem() {
        return problem;
    }

    /** A header's value by case-insensitive (ASCII) name, the last one when repeated, or null. */
    public String header(String name) {
        for (int h = count - 1; h >= 0; h--) {
            int s = spans[4 * h];
            int e = spans[4 * h + 1];
            if (e - s == name.length() && sameIgnoringCase(s, name)) {
                return new String(p, spans[4 * h + 2], spans[4 * h + 3] - spans[4 * h + 2], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private boolean sameIgnoringCase(int s, String name) {
        for (int i = 0; i < name.length(); i++) {
            int a = p[s + i];
            int b = name.charAt(i);
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Content types read on every message, returned without making a String (lower case, as on the wire). */
    private static final String[] COMMON_TYPES = {"text/plain", "text/x-msmsgscontrol", "application/x-msnmsgrp2p",
        "text/x-msnmsgr-datacast", "text/x-msmsgsinvite", "text/x-clientcaps", "text/x-mms-emoticon",
        "text/x-mms-animemoticon", "text/x-msmsgsprofile", "text/x-msmsgsinitialemailnotification",
        "text/x-msmsgsemailnotification", "text/x-msmsgsoimnotification", "text/x-msmsgsinitialmdatanotification",
        "text/x-msmsgssystemmessage", "application/x-ms-ink", "image/gif"};

    /** The Content-Type without parameters, lower case; empty when absent. */
    public String contentType() {
        String common = commonContentType();
        if (common != null) {
            return common;
        }
        String ct = header("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * {@link #contentType()} when the value is one of {@link #COMMON_TYPES} (compared on the bytes,
     * parameters and surrounding blanks skipped, ASCII case ignored), else null.
     */
    private String commonContentType() {
        for (int h = count - 1; h >= 0; h--) {
            int s = spans[4 * h];
            if (spans[4 * h + 1] - s == 12 && sameIgnoringCase(s, "Content-Type")) {
                int vs = spans[4 * h + 2];
                int ve = spans[4 * h + 3];
                for (int i = vs; i < ve; i++) {
                    if (p[i] == ';') {
                        ve = i;
                        break;
                    }
                }
                while (vs < ve && (p[vs] & 0xff) <= ' ') {
                    vs++;
                }
                while (ve > vs && (p[ve - 1] & 0xff) <= ' ') {
                    ve--;
                }
                for (String t : COMMON_TYPES) {
                    if (t.length() == ve - vs && sameIgnoringCase(vs, t)) {
                        return t;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Every header, names as on the wire, in order (a repeated name keeps its last value). */
    public Map<String, String> headers() {
        return map(false);
    }

    /** The headers for output: credential values replaced by {@code <redacted>}. */
    public Map<String, String> redactedHeaders() {
        return map(true);
    }

    private Map<String, String> map(boolean redact) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int h = 0; h < count; h++) {
            String name = new String(p, spans[4 * h], spans[4 * h + 1] - spans[4 * h], StandardCharsets.UTF_8);
            String value = redact && SECRET.contains(name.toLowerCase(Locale.ROOT)) ? "<redacted>"
                    : new String(p, spans[4 * h + 2], spans[4 * h + 3] - spans[4 * h + 2], StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return Collections.unmodifiableMap(out);
    }
}
