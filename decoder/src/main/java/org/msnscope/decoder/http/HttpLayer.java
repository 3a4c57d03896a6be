package org.msnscope.decoder.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.tcp.TcpFlow;

/**
 * HTTP on any port, for the apps that decode what MSN sent over it (the HTTP gateway, SOAP). The
 * MSNP layer asks {@link #sniff} about the first client bytes of every connection: a connection
 * whose client starts with a request line ({@code POST /...}, {@code GET http://...}) becomes an
 * {@link HttpFlow}; anything else goes on to MSNP unchanged. Only while the first bytes are an
 * ambiguous prefix ({@code P}, {@code PO}) are they held back, a few bytes at most.
 */
public final class HttpLayer {
    /** What {@link #sniff} decided. */
    public enum Sniff { HTTP, HOLD, NOT_HTTP }

    /** Client bytes looked at to tell HTTP from anything else (the longest method, a space, a target byte). */
    public static final int SNIFF_BYTES = 9;

    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"};

    final Limits.Http limits;
    final Emitter emitter;
    final List<HttpApp> apps;
    private final Map<TcpFlow, byte[]> held = new HashMap<>();

    public HttpLayer(Limits.Http limits, Emitter emitter, List<HttpApp> apps) {
        this.limits = limits;
        this.emitter = emitter;
        this.apps = List.copyOf(apps);
    }

    /**
     * Looks at client bytes at the start of a connection ({@code streamOffset < SNIFF_BYTES}). On
     * {@code HTTP} the flow's attachment is now an {@link HttpFlow} that has the bytes; on {@code HOLD}
     * they are kept here; on {@code NOT_HTTP} the caller passes {@link #release}d bytes, then these, on.
     */
    public Sniff sniff(TcpFlow flow, byte[] buf, int off, int len, long streamOffset) {
        byte[] before = held.get(flow);
        int have = before == null ? 0 : before.length;
        if (streamOffset != have) {
            return Sniff.NOT_HTTP;
        }
        byte[] look = new byte[Math.min(SNIFF_BYTES, have + len)];
        if (before != null) {
            System.arraycopy(before, 0, look, 0, have);
        }
        System.arraycopy(buf, off, look, have, look.length - have);
        int v = verdict(look);
        if (v < 0) {
            return Sniff.NOT_HTTP;
        }
        if (v == 0) {
            byte[] keep = new byte[have + len];
            if (before != null) {
                System.arraycopy(before, 0, keep, 0, have);
            }
            System.arraycopy(buf, off, keep, have, len);
            held.put(flow, keep);
            return Sniff.HOLD;
        }
        held.remove(flow);
        HttpFlow h = new HttpFlow(this, flow);
        flow.attachment = h;
        if (before != null) {
            h.data(true, before, 0, before.length);
        }
        h.data(true, buf, off, len);
        return Sniff.HTTP;
    }

    /** Client bytes held while sniffing, now to be decoded as something else (null when none). */
    public byte[] release(TcpFlow flow) {
        return held.isEmpty() ? null : held.remove(flow);
    }

    /** 1: a request line starts here; -1: it cannot; 0: not enough bytes to tell. */
    static int verdict(byte[] b) {
        int result = -1;
        for (String m : METHODS) {
            int n = m.length();
            int i = 0;
            while (i < n && i < b.length && b[i] == m.charAt(i)) {
                i++;
            }
            if (i < Math.min(n, b.length)) {
                continue; // differs within the method name
            }
            if (b.length <= n + 1) {
                if (b.length == n + 1 && b[n] != ' ') {
                    continue;
                }
                result = 0; // a prefix of "METHOD " or "METHOD " without its target yet
                continue;
            }
            if (b[n] != ' ') {
                continue;
            }
            byte t = b[n + 1];
            // origin form, absolute form (http://), or the asterisk: MSNP21's "PUT 12 ..." is not HTTP
            return t == '/' || t == 'h' || t == 'H' || t == '*' ? 1 : -1;
        }
        return result;
    }

    /** The connection is not one an app decodes: it forgets it, so the rest costs nothing. */
    void release(TcpFlow flow, HttpFlow h) {
        if (flow.attachment == h) {
            flow.attachment = null;
        }
    }

    public void data(HttpFlow h, boolean fromClient, byte[] buf, int off, int len) {
        h.data(fromClient, buf, off, len);
    }

    public void gap(HttpFlow h, boolean fromClient, long streamOffset, long length) {
        h.gap(fromClient, streamOffset, length);
    }

    public void flowEnded(TcpFlow flow) {
        held.remove(flow);
        if (flow.attachment instanceof HttpFlow h) {
            h.ended();
        }
    }

    /** The capture is over, every flow ended. */
    public void finish() {
        for (HttpApp a : apps) {
            a.finish();
        }
    }
}
