package org.msnscope.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msnscope.cli.sink.Timestamps;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.SessionEvent;

/**
 * Collects one summary per server session from the event stream (a few fields each, so memory
 * follows the number of sessions, not the capture's size) and prints them as a table: every NS
 * session with the conversations its XFR/RNG cookies opened, then switchboards whose NS session the
 * capture does not hold.
 */
public final class SessionTable implements EventSink {
    /** One session's summary. */
    static final class Summary {
        String flow;
        String role;
        String account;
        String version;
        String client;
        String conversation;
        String parentFlow;
        long startNanos;
        long endNanos = -1;
        int digits;
        String reason;
        long messages;
        final Set<String> participants = new LinkedHashSet<>();
        final List<Summary> children = new ArrayList<>();
        /** A conversation routed over the NS (MSNP18+ circles, MSNP21 SDG): no switchboard session of its own. */
        boolean routed;
    }

    /**
     * The summary of a conversation: its switchboard session's, or for a conversation the NS routes
     * (no session events of its own), one made at its first event under the NS session of that flow,
     * its end the time of its last event.
     */
    private Summary conversationOf(Event e, String conversation) {
        Summary m = byConversation.get(conversation);
        if (m == null) {
            Summary ns = e.flow() == null ? null : byFlow.get(e.flow());
            if (ns == null || !"NS".equals(ns.role)) {
                return null;
            }
            m = new Summary();
            m.routed = true;
            m.role = "ROUTED";
            m.flow = e.flow();
            m.conversation = conversation;
            m.parentFlow = ns.flow;
            m.startNanos = e.tsNanos();
            m.digits = e.tsDigits();
            m.version = ns.version;
            m.reason = "last event, routed over the NS";
            byConversation.put(conversation, m);
            ns.children.add(m);
        }
        if (m.routed) {
            m.endNanos = e.tsNanos();
        }
        return m;
    }

    private final Map<String, Summary> byFlow = new LinkedHashMap<>();
    private final Map<String, Summary> byConversation = new LinkedHashMap<>();

    @Override
    public void accept(Event e) {
        if (e instanceof SessionEvent s) {
            // a gateway session moves between HTTP connections: its gateway SessionID is what stays
            String key = s.gatewaySession() != null ? "gateway " + s.role() + " " + s.gatewaySession() : s.flow();
            Summary m = byFlow.computeIfAbsent(key, k -> new Summary());
            if (s.start() && s.gatewaySession() != null && s.role().equals("NS")) {
                byFlow.putIfAbsent(s.flow(), m); // its switchboards name the flow it was on
            }
            if (s.start()) {
                m.flow = s.flow();
                m.role = s.role();
                m.startNanos = s.tsNanos();
                m.digits = s.tsDigits();
                m.conversation = s.conversation();
                m.parentFlow = s.parentFlow();
                if (s.conversation() != null) {
                    byConversation.put(s.conversation(), m);
                }
                Summary parent = s.parentFlow() == null ? null : byFlow.get(s.parentFlow());
                if (parent != null) {
                    parent.children.add(m);
                }
            } else {
                m.endNanos = s.tsNanos();
                m.reason = s.reason();
                m.messages = s.messages();
            }
            m.account = s.account() != null ? s.account() : m.account;
            m.version = s.version() != null ? s.version() : m.version;
            m.client = s.client() != null ? s.client() : m.client;
        } else if (e instanceof ParticipantEvent p) {
            Summary m = conversationOf(p, p.conversation());
            if (m != null && p.user() != null) {
                m.participants.add(p.user());
            }
        } else if (e instanceof MessageEvent msg && msg.conversation() != null) {
            Summary m = conversationOf(msg, msg.conversation());
            if (m != null && msg.from() != null) {
                m.participants.add(msg.from());
            }
            if (m != null && m.routed) {
                m.messages++;
            }
        }
    }

    /** The table as text. */
    public String render() {
        Timestamps ts = new Timestamps(' ');
        StringBuilder out = new StringBuilder();
        List<Summary> ns = byFlow.values().stream().filter(m -> "NS".equals(m.role)).distinct().toList();
        out.append(ns.size()).append(ns.size() == 1 ? " NS session" : " NS sessions").append('\n');
        for (Summary m : ns) {
            out.append('\n');
            out.append(m.flow).append("  ").append(m.account == null ? "(account unknown)" : m.account)
                    .append("  ").append(m.version == null ? "version unknown" : m.version);
            if (m.client != null) {
                out.append("  ").append(m.client);
            }
            out.append('\n');
            out.append("    ").append(time(ts, m.startNanos, m.digits)).append(" - ").append(end(ts, m))
                    .append("  (").append(m.children.size()).append(m.children.size() == 1 ? " conversation" : " conversations")
                    .append(')').append('\n');
            for (Summary c : m.children) {
                conversation(out, ts, c);
            }
        }
        List<Summary> orphans = byFlow.values().stream()
                .filter(m -> "SB".equals(m.role) && (m.parentFlow == null || !byFlow.containsKey(m.parentFlow)))
                .toList();
        if (!orphans.isEmpty()) {
            out.append('\n').append(orphans.size()).append(orphans.size() == 1 ? " conversation" : " conversations")
                    .append(" whose NS session is not in the capture\n");
            for (Summary c : orphans) {
                conversation(out, ts, c);
            }
        }
        long ds = byFlow.values().stream().filter(m -> "DS".equals(m.role)).count();
        if (ds > 0) {
            out.append('\n').append(ds).append(ds == 1 ? " dispatch server connection" : " dispatch server connections")
                    .append('\n');
        }
        List<Summary> ftp = byFlow.values().stream().filter(m -> "MSNFTP".equals(m.role)).toList();
        if (!ftp.isEmpty()) {
            out.append('\n').append(ftp.size()).append(ftp.size() == 1 ? " MSNFTP file session" : " MSNFTP file sessions")
                    .append('\n');
            for (Summary f : ftp) {
                out.append("    ").append(f.flow).append("  ").append(time(ts, f.startNanos, f.digits)).append(" - ")
                        .append(end(ts, f)).append(f.account != null ? "  " + f.account : "").append('\n');
            }
        }
        return out.toString();
    }

    private static void conversation(StringBuilder out, Timestamps ts, Summary c) {
        out.append("    ").append(c.conversation).append("  ").append(c.flow).append("  ")
                .append(time(ts, c.startNanos, c.digits)).append(" - ").append(end(ts, c)).append("  ")
                .append(c.messages).append(c.messages == 1 ? " message" : " messages").append("  ")
                .append(c.participants.isEmpty() ? "(no participants seen)" : String.join(", ", c.participants))
                .append('\n');
    }

    private static String end(Timestamps ts, Summary m) {
        return m.endNanos < 0 ? "(open)" : time(ts, m.endNanos, m.digits) + " " + m.reason;
    }

    private static String time(Timestamps ts, long nanos, int digits) {
        StringBuilder sb = new StringBuilder();
        ts.append(sb, nanos, Math.min(digits, 3), false);
        return sb.toString();
    }
}
