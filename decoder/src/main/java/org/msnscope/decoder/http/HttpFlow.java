package org.msnscope.decoder.http;

import java.util.ArrayDeque;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.tcp.TcpFlow;

/**
 * One TCP connection carrying HTTP: a parser per direction and the requests waiting for their
 * responses, in order (HTTP/1.1 answers pipelined requests in the order they were sent). Each
 * request goes to the app that wants it; each response to the app of the request it answers.
 * Until the first request shows the connection is one an app decodes, nothing is reported.
 */
public final class HttpFlow {
    private final HttpLayer layer;
    private final TcpFlow flow;
    private final HttpParser requests;
    /** Made when the server first sends (most web connections are let go after their first request). */
    private HttpParser responses;
    private final ArrayDeque<HttpMessage> pending = new ArrayDeque<>();
    private boolean confirmed;
    private boolean quiet;

    HttpFlow(HttpLayer layer, TcpFlow flow) {
        this.layer = layer;
        this.flow = flow;
        this.requests = new HttpParser(true, layer.limits, new Side(true));
    }

    private HttpParser responses() {
        if (responses == null) {
            responses = new HttpParser(false, layer.limits, new Side(false));
        }
        return responses;
    }

    /** The flow id ({@code F3}). */
    public String id() {
        return flow.id();
    }

    /** The client's {@code ip:port}. */
    public String client() {
        return flow.client();
    }

    public String server() {
        return flow.server();
    }

    public Emitter emitter() {
        return layer.emitter;
    }

    /** Reports an anomaly on this connection (only once it is known to carry what an app decodes). */
    public void anomaly(AnomalyCode code, String detail) {
        if (confirmed) {
            layer.emitter.anomaly(flow.id(), code, detail);
        }
    }

    void data(boolean fromClient, byte[] buf, int off, int len) {
        if (!quiet) {
            (fromClient ? requests : responses()).data(buf, off, len);
        }
    }

    void gap(boolean fromClient, long streamOffset, long length) {
        if (!quiet) {
            (fromClient ? requests : responses()).gap(streamOffset, length);
        }
    }

    void ended() {
        if (!quiet) {
            requests.end();
            if (responses != null) {
                responses.end();
            }
            if (confirmed) {
                for (HttpApp a : layer.apps) {
                    a.flowEnded(this);
                }
            }
        }
        pending.clear();
        owners.clear();
    }

    private HttpApp appOf(HttpMessage m) {
        for (HttpApp a : layer.apps) {
            if (a.wants(m)) {
                return a;
            }
        }
        return null;
    }

    /** The app that wants a request, remembered per request (apps keep their own state on attachment). */
    private final java.util.IdentityHashMap<HttpMessage, HttpApp> owners = new java.util.IdentityHashMap<>();

    private final class Side implements HttpParser.Sink {
        private final boolean fromClient;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        @Override
        public void head(HttpMessage m) {
            if (!fromClient) {
                return;
            }
            HttpApp app = appOf(m);
            if (!confirmed) {
                if (app == null) {
                    // the first request is not one we decode: leave the connection alone, quietly
                    quiet = true;
                    layer.release(flow, HttpFlow.this);
                    return;
                }
                confirmed = true;
            }
            if (pending.size() >= layer.limits.maxPendingRequests()) {
                HttpMessage dropped = pending.removeFirst();
                owners.remove(dropped);
                anomaly(AnomalyCode.HTTP_PENDING_LIMIT, "more than " + layer.limits.maxPendingRequests()
                        + " requests await a response; given up on " + dropped.describe() + " at stream offset "
                        + dropped.streamOffset());
            }
            pending.addLast(m);
            if (app != null) {
                owners.put(m, app);
            }
        }

        @Override
        public boolean bodyless(HttpMessage response) {
            HttpMessage req = pending.peekFirst();
            int s = response.status();
            return s / 100 == 1 || s == 204 || s == 304 || (req != null && "HEAD".equalsIgnoreCase(req.method()));
        }

        @Override
        public void message(HttpMessage m) {
            if (quiet) {
                return;
            }
            if (fromClient) {
                HttpApp app = owners.get(m);
                if (app != null) {
                    app.request(HttpFlow.this, m);
                }
                return;
            }
            if (m.status() / 100 == 1) {
                return; // an interim answer (100 Continue): the final one follows
            }
            HttpMessage req = pending.pollFirst();
            if (req == null) {
                anomaly(AnomalyCode.HTTP_RESPONSE_WITHOUT_REQUEST, "s2c: HTTP " + m.status() + " at stream offset "
                        + m.streamOffset() + " answers no request on this connection");
                return;
            }
            HttpApp app = owners.remove(req);
            if (app != null) {
                app.response(HttpFlow.this, req, m);
            }
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            anomaly(code, detail);
        }
    }
}
