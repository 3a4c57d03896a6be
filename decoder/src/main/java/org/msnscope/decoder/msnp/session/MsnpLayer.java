package org.msnscope.decoder.msnp.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.p2p.DirectConnection;
import org.msnscope.decoder.tcp.TcpFlow;
import org.msnscope.decoder.tcp.TcpStreamListener;

/**
 * The MSNP layer above TCP reassembly: every flow, on any port, gets a {@link Connection} that
 * decides from the first bytes whether it carries MSNP. What connections share lives here: the
 * switchboard cookies announced on NS connections, conversation ids in first-seen order, and the
 * account last signed in from each client address (to name the local user of a switchboard
 * captured without its USR/ANS).
 */
public final class MsnpLayer implements TcpStreamListener {
    final Limits.Msnp limits;
    final Emitter emitter;
    final Expectations expectations;
    /** Transfers: P2P over switchboards and direct connections, MSNFTP. */
    public final org.msnscope.decoder.p2p.P2pLayer p2p;
    org.msnscope.decoder.PortWatcher ports = org.msnscope.decoder.PortWatcher.NONE;
    final org.msnscope.decoder.p2p.P2pLayer.Origin origin = new org.msnscope.decoder.p2p.P2pLayer.Origin();
    private long conversations;
    private long msnpFlows;
    long commands;
    long messages;
    long sessions;
    private final LinkedHashMap<String, String> accountByIp = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > limits.maxExpectations();
        }
    };

    public MsnpLayer(Limits limits, Emitter emitter) {
        this.limits = limits.msnp();
        this.emitter = emitter;
        this.expectations = new Expectations(this.limits.maxExpectations(), this.limits.expectationTimeoutNanos());
        this.p2p = new org.msnscope.decoder.p2p.P2pLayer(limits.p2p(), emitter);
    }

    String nextConversation() {
        conversations++;
        return "C" + emitter.ids().next(org.msnscope.decoder.event.Ids.CONVERSATION);
    }

    void rememberAccount(String ip, String account) {
        accountByIp.put(ip, account);
    }

    String accountAt(String ip) {
        return accountByIp.get(ip);
    }

    /** Connections that showed MSNP and ended so far. */
    public long msnpFlows() {
        return msnpFlows;
    }

    /** Sessions (DS, NS, SB) started so far. */
    public long sessions() {
        return sessions;
    }

    /** Commands framed so far. */
    public long commands() {
        return commands;
    }

    /** MSG payloads decoded as messages so far. */
    public long messages() {
        return messages;
    }

    /** Conversations (switchboard sessions and MSNP18+ routed conversations) so far. */
    public long conversations() {
        return conversations;
    }

    /** HTTP on any port (the MSN HTTP gateway, SOAP services), or null when not decoded. */
    private org.msnscope.decoder.http.HttpLayer http;

    /** Decodes HTTP too: connections whose client starts with a request line go to this layer. */
    public void setHttp(org.msnscope.decoder.http.HttpLayer http) {
        this.http = http;
    }

    /**
     * Opens an MSNP stream carried by something other than its own TCP connection (the HTTP gateway):
     * {@code flowId} carries its first bytes, {@code client} is the client's {@code ip:port}.
     */
    public MsnpStream openStream(String flowId, String client, boolean midstream, String transport) {
        Connection c = new Connection(this, null, flowId, client, midstream);
        c.transport = transport;
        return new MsnpStream(c);
    }

    void streamEnded() {
        msnpFlows++;
    }

    @Override
    public void flowStarted(TcpFlow flow) {
        org.msnscope.decoder.p2p.P2pLayer.Listener l = p2p.claimListener(flow.server());
        if (l != null && !l.msnftp()) {
            flow.attachment = new DirectConnection(p2p, flow.id(), l);
            return;
        }
        Connection c = new Connection(this, flow);
        c.listener = l;
        flow.attachment = c;
    }

    /** Who is told about announced switchboards and listeners (live capture widens its filter). */
    public void setPortWatcher(org.msnscope.decoder.PortWatcher w) {
        this.ports = w;
        p2p.setPortWatcher(w);
    }

    /** The capture is over (after every flow ended): open transfers end as incomplete. */
    public void finish() {
        finishHttp();
        finishTransfers();
    }

    /** The first half of {@link #finish}: open gateway sessions end. */
    public void finishHttp() {
        if (http != null) {
            http.finish();
        }
    }

    /** The second half of {@link #finish}: open transfers end. */
    public void finishTransfers() {
        p2p.finish();
    }

    private static Connection of(TcpFlow flow) {
        return flow.attachment instanceof Connection c && !c.ignored() ? c : null;
    }

    @Override
    public void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset,
            long carriedFrame, long carriedTsNanos) {
        Object a = flow.attachment;
        if (a instanceof DirectConnection d) {
            d.data(fromClient, buf, off, len, streamOffset);
            return;
        }
        if (a instanceof org.msnscope.decoder.http.HttpFlow h) {
            http.data(h, fromClient, buf, off, len);
            return;
        }
        Connection c = of(flow);
        if (c != null) {
            if (fromClient && http != null && streamOffset < org.msnscope.decoder.http.HttpLayer.SNIFF_BYTES
                    && !c.confirmedAny()) {
                org.msnscope.decoder.http.HttpLayer.Sniff s = http.sniff(flow, buf, off, len, streamOffset);
                if (s != org.msnscope.decoder.http.HttpLayer.Sniff.NOT_HTTP) {
                    return;
                }
                releaseHeld(flow, c);
            }
            if (streamOffset == 0 && fromClient && !c.confirmedAny() && DirectConnection.startsLikeDirect(buf, off, len)) {
                // a direct connection whose negotiation was not captured
                DirectConnection d = new DirectConnection(p2p, flow.id(), c.listener);
                flow.attachment = d;
                d.data(fromClient, buf, off, len, streamOffset);
                return;
            }
            c.data(fromClient, buf, off, len, streamOffset);
        }
    }

    /** Client bytes held back while telling HTTP from MSNP go to the MSNP connection after all. */
    private void releaseHeld(TcpFlow flow, Connection c) {
        byte[] held = http == null ? null : http.release(flow);
        if (held != null) {
            c.data(true, held, 0, held.length, 0);
        }
    }

    @Override
    public void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length) {
        if (flow.attachment instanceof DirectConnection d) {
            d.gap(fromClient, streamOffset, length);
            return;
        }
        if (flow.attachment instanceof org.msnscope.decoder.http.HttpFlow h) {
            http.gap(h, fromClient, streamOffset, length);
            return;
        }
        Connection c = of(flow);
        if (c != null) {
            releaseHeld(flow, c);
            c.gap(fromClient, streamOffset, length);
        }
    }

    @Override
    public void flowEnded(TcpFlow flow, String reason) {
        if (http != null) {
            http.flowEnded(flow);
        }
        Connection c = of(flow);
        if (c != null) {
            releaseHeld(flow, c);
            c.ended(reason);
            if (c.sessionStarted) {
                msnpFlows++;
            }
        }
        flow.attachment = null;
    }
}
