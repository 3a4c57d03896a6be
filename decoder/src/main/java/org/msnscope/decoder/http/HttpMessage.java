package org.msnscope.decoder.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP request or response as it crossed the wire: the start line, the headers in order, and,
 * once the message is over, its body with how much of it the capture holds. Apps may hang their own
 * state on {@link #attachment} (the gateway keeps the session a request belongs to there).
 */
public final class HttpMessage {
    private final boolean request;
    private final String method;
    private final String target;
    private final int status;
    private final List<String[]> headers;
    private final long streamOffset;
    private byte[] body = new byte[0];
    private long bodyBytes;
    private long missing;
    private boolean complete;

    /** Free slot for the app that handles the message. */
    public Object attachment;

    HttpMessage(boolean request, String method, String target, int status, List<String[]> headers, long streamOffset) {
        this.request = request;
        this.method = method;
        this.target = target;
        this.status = status;
        this.headers = headers;
        this.streamOffset = streamOffset;
    }

    void finish(byte[] body, long bodyBytes, long missing, boolean complete) {
        this.body = body;
        this.bodyBytes = bodyBytes;
        this.missing = missing;
        this.complete = complete;
    }

    public boolean isRequest() {
        return request;
    }

    /** The request method as sent ({@code POST}); null for a response. */
    public String method() {
        return method;
    }

    /** The request target as sent: origin form ({@code /gateway/gateway.dll?...}) or absolute form through a proxy. */
    public String target() {
        return target;
    }

    /** The response status code; 0 for a request. */
    public int status() {
        return status;
    }

    /** Stream offset of the message's first byte in its direction. */
    public long streamOffset() {
        return streamOffset;
    }

    /** The first value of a header (names compared without case), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** The body bytes kept (at most {@code maxBodyBytes}). */
    public byte[] body() {
        return body;
    }

    /** Body bytes that arrived, kept or not. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Bytes the framing announced that never arrived (a body cut short); 0 when none or unknown. */
    public long missing() {
        return missing;
    }

    /** True when the whole body arrived and was kept. */
    public boolean complete() {
        return complete;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The target's path without the query, in origin form even when sent in absolute form. */
    public String path() {
        String t = target == null ? "" : target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    /** A query parameter of the target (names compared without case, value not decoded), or null. */
    public String query(String name) {
        String t = target == null ? "" : target;
        int q = t.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : t.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** {@code POST /gateway/gateway.dll?...} or {@code HTTP 200}: for anomaly details. */
    public String describe() {
        return request ? method + " " + target : "HTTP " + status;
    }

    @Override
    public String toString() {
        return describe().toLowerCase(Locale.ROOT);
    }
}
