package org.msnscope.decoder.msnp.mime;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MIME part of an MSG payload: header lines up to the first empty line, then the body.
 * Parsing never fails: a problem (no empty line, a header line without a colon) is recorded
 * in {@link #problem()} and the headers that did parse are kept.
 *
 * @param headers header names as on the wire, in order (a repeated name keeps its last value)
 * @param bodyOffset where the body starts in the payload
 * @param problem what was malformed, or null
 */
public record MimeMessage(Map<String, String> headers, int bodyOffset, String problem) {
    /** Header names whose values are credentials: kept out of output. */
    private static final java.util.Set<String> SECRET = java.util.Set.of("mspauth", "msppauth", "sid", "kv");

    public static MimeMessage parse(byte[] p) {
        Map<String, String> headers = new LinkedHashMap<>();
        String problem = null;
        int i = 0;
        int n = p.length;
        while (i < n) {
            int e = i;
            while (e < n && p[e] != '\n') {
                e++;
            }
            int textEnd = e > i && p[e - 1] == '\r' ? e - 1 : e;
            if (e == n && textEnd == n && i < n) {
                // the headers never ended with an empty line
                problem = "no empty line after the MIME headers";
                addHeader(headers, p, i, textEnd);
                return new MimeMessage(Collections.unmodifiableMap(headers), n, problem);
            }
            if (textEnd == i) {
                return new MimeMessage(Collections.unmodifiableMap(headers), e + 1, problem);
            }
            if (!addHeader(headers, p, i, textEnd) && problem == null) {
                problem = "header line without a colon at payload offset " + i;
            }
            i = e + 1;
        }
        return new MimeMessage(Collections.unmodifiableMap(headers), n,
                problem != null ? problem : "no empty line after the MIME headers");
    }

    private static boolean addHeader(Map<String, String> headers, byte[] p, int s, int e) {
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
        String name = new String(p, s, colon - s, StandardCharsets.UTF_8).trim();
        int v = colon + 1;
        while (v < e && p[v] == ' ') {
            v++;
        }
        headers.put(name, new String(p, v, e - v, StandardCharsets.UTF_8));
        return true;
    }

    /** A header's value by case-insensitive name, or null. */
    public String header(String name) {
        String v = headers.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The Content-Type without parameters, lower case; empty when absent. */
    public String contentType() {
        String ct = header("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The headers for output: credential values replaced by {@code <redacted>}. */
    public Map<String, String> redactedHeaders() {
        boolean any = false;
        for (String k : headers.keySet()) {
            any |= SECRET.contains(k.toLowerCase(Locale.ROOT));
        }
        if (!any) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out.put(h.getKey(), SECRET.contains(h.getKey().toLowerCase(Locale.ROOT)) ? "<redacted>" : h.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
