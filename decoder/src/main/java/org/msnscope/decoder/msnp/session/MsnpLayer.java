package org.msnscope.decoder.msnp.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
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
    }

    String nextConversation() {
        return "C" + (++conversations);
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

    /** Conversations (switchboard sessions) so far. */
    public long conversations() {
        return conversations;
    }

    @Override
    public void flowStarted(TcpFlow flow) {
        flow.attachment = new Connection(this, flow);
    }

    private static Connection of(TcpFlow flow) {
        return flow.attachment instanceof Connection c && !c.ignored() ? c : null;
    }

    @Override
    public void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset,
            long carriedFrame, long carriedTsNanos) {
        Connection c = of(flow);
        if (c != null) {
            c.data(fromClient, buf, off, len, streamOffset);
        }
    }

    @Override
    public void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length) {
        Connection c = of(flow);
        if (c != null) {
            c.gap(fromClient, streamOffset, length);
        }
    }

    @Override
    public void flowEnded(TcpFlow flow, String reason) {
        Connection c = of(flow);
        if (c != null) {
            c.ended(reason);
            if (c.sessionStarted) {
                msnpFlows++;
            }
        }
        flow.attachment = null;
    }
}
