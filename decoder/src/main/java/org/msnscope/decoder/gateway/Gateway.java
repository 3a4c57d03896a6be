package org.msnscope.decoder.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.http.HttpApp;
import org.msnscope.decoder.http.HttpFlow;
import org.msnscope.decoder.http.HttpMessage;
import org.msnscope.decoder.msnp.session.MsnpLayer;

/**
 * The MSN Messenger HTTP gateway (docs/gateway.md): requests to {@code /gateway/gateway.dll} carry a
 * session's client-to-server commands in their bodies and their responses the server's. The first
 * request of a session is {@code Action=open&Server=NS|SB&IP=...}; its answer's
 * {@code X-MSN-Messenger: SessionID=...; GW-IP=...} names the session, and every later request
 * ({@code SessionID=...}, or {@code Action=poll&SessionID=...}) gives the SessionID the latest
 * answer named, on whichever connection the client uses. {@code Session=close} ends it. Both
 * directions are rebuilt in order and fed to the MSNP decoder as one stream per session.
 */
public final class Gateway implements HttpApp {
    /** The {@code transport} of gateway sessions in the events. */
    public static final String TRANSPORT = "http-gateway";
    static final String PATH = "/gateway/gateway.dll";

    private final MsnpLayer msnp;
    private final Limits.Http limits;
    private final Emitter emitter;
    /** Open sessions, least recently active first. */
    private final LinkedHashMap<GatewaySession, Boolean> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Every SessionID an answer named (and the part before its dot), to the session it belongs to. */
    private final LinkedHashMap<String, GatewaySession> byId;

    public Gateway(MsnpLayer msnp, Limits.Http limits, Emitter emitter) {
        this.msnp = msnp;
        this.limits = limits;
        this.emitter = emitter;
        int ids = Math.max(16, limits.maxGatewaySessions() * 4);
        this.byId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, GatewaySession> eldest) {
                return size() > ids;
            }
        };
    }

    @Override
    public boolean wants(HttpMessage request) {
        return request.path().equalsIgnoreCase(PATH);
    }

    @Override
    public void request(HttpFlow flow, HttpMessage req) {
        String action = req.query("Action");
        String sid = req.query("SessionID");
        if ("open".equalsIgnoreCase(action)) {
            String server = req.query("Server");
            GatewaySession s = new GatewaySession(msnp.openStream(flow.id(), flow.client(), false, TRANSPORT),
                    server == null ? null : server.toUpperCase(Locale.ROOT));
            s.openRequest = req;
            s.openFlow = flow.id();
            req.attachment = s;
            admit(flow, s);
            return;
        }
        if (sid == null || sid.isEmpty()) {
            flow.anomaly(AnomalyCode.GATEWAY_MALFORMED, "c2s: " + req.describe() + " at stream offset "
                    + req.streamOffset() + ": neither Action=open nor a SessionID");
            return;
        }
        GatewaySession s = lookup(sid);
        if (s == null) {
            flow.anomaly(AnomalyCode.GATEWAY_UNKNOWN_SESSION, "c2s: " + req.describe() + " at stream offset "
                    + req.streamOffset() + ": SessionID " + sid + " was named by no captured answer; decoded as a"
                    + " session picked up midway");
            s = new GatewaySession(msnp.openStream(flow.id(), flow.client(), true, TRANSPORT), null);
            s.id = sid;
            s.stream.gatewaySession(sid);
            remember(sid, s);
            admit(flow, s);
        }
        open.get(s); // most recently active
        emitter.order.copyTo(s.touched);
        req.attachment = s;
        s.feed(flow.id(), true, req);
    }

    @Override
    public void response(HttpFlow flow, HttpMessage req, HttpMessage resp) {
        if (!(req.attachment instanceof GatewaySession s) || s.stream.ended()) {
            return;
        }
        String header = resp.header("X-MSN-Messenger");
        Map<String, String> fields = fields(header);
        String next = fields.get("sessionid");
        if (s.openRequest != null) {
            if (next != null) {
                s.id = next;
                s.stream.gatewaySession(next);
            }
            s.releaseOpen();
        }
        if (header == null || next == null) {
            flow.anomaly(AnomalyCode.GATEWAY_MALFORMED, "s2c: HTTP " + resp.status() + " at stream offset "
                    + resp.streamOffset() + " to " + req.describe() + ": no SessionID in X-MSN-Messenger"
                    + (header == null ? " (header absent)" : ": " + header));
        } else {
            remember(next, s);
        }
        if (resp.status() / 100 == 2) {
            s.feed(flow.id(), false, resp);
        }
        if ("close".equalsIgnoreCase(fields.get("session"))) {
            end(s, "gateway_close");
        }
    }

    @Override
    public void flowEnded(HttpFlow flow) {
        // an opening request whose answer the connection never carried: decode its commands anyway
        for (GatewaySession s : new ArrayList<>(open.keySet())) {
            if (s.openRequest != null && flow.id().equals(s.openFlow)) {
                s.releaseOpen();
            }
        }
    }

    @Override
    public void finish() {
        // least recently active first: the order the table keeps
        for (GatewaySession s : new ArrayList<>(open.keySet())) {
            s.releaseOpen();
            emitter.order.sub(s.touched[0], s.touched[1], s.touched[2]);
            end(s, "capture_end");
        }
    }

    private void admit(HttpFlow flow, GatewaySession s) {
        open.put(s, Boolean.TRUE);
        emitter.order.copyTo(s.touched);
        if (open.size() > limits.maxGatewaySessions()) {
            GatewaySession eldest = open.keySet().iterator().next();
            emitter.anomaly(flow.id(), AnomalyCode.GATEWAY_SESSION_LIMIT, "more than " + limits.maxGatewaySessions()
                    + " gateway sessions open; ended the least recently active"
                    + (eldest.id != null ? " (SessionID " + eldest.id + ")" : ""));
            end(eldest, "evicted");
        }
    }

    private void end(GatewaySession s, String reason) {
        open.remove(s);
        s.stream.end(reason);
    }

    private GatewaySession lookup(String sid) {
        GatewaySession s = byId.get(sid);
        if (s == null) {
            s = byId.get(stable(sid));
        }
        return s == null || s.stream.ended() ? null : s;
    }

    private void remember(String sid, GatewaySession s) {
        byId.put(sid, s);
        byId.put(stable(sid), s);
    }

    /**
     * The part of a SessionID before its dot. The captured gateway renews the part after the dot in
     * every answer (hypothetic.org's examples); the NINA wiki describes one unchanging id. A request
     * naming an id no answer gave but with a known stable part still belongs to that session.
     */
    static String stable(String sid) {
        int dot = sid.indexOf('.');
        return "~" + (dot < 0 ? sid : sid.substring(0, dot));
    }

    /** {@code SessionID=1.2; GW-IP=10.0.0.1; Session=close} as lower-case names to values. */
    static Map<String, String> fields(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
