package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.ContactEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.decoder.event.SlpEvent;
import org.msnscope.decoder.event.TransferEvent;
import org.msnscope.decoder.p2p.P2pObserver;

/**
 * Reads the decoder's events (and, through {@link P2pObserver}, the P2P headers no event carries)
 * into an {@link Inventory}. Each connection is tallied on its own while it is open, because its
 * version and role are final only at its {@code session_end}; then it is folded in and forgotten, so
 * memory follows the open connections and the distinct verbs, not the capture. A direct connection
 * has no session: it waits for the end of the run and takes the version of the conversation that
 * negotiated it.
 */
final class Collector implements EventSink, P2pObserver {
    /**
     * TrIDs (and MSNSLP Call-IDs) awaiting their reply, per connection: replies come within a few
     * requests, and a client's {@code MSG U} is never answered, so a request pushed out by this many
     * newer ones counts as unanswered (thousands of open switchboards stay small).
     */
    static final int MAX_PENDING = 256;
    /** Conversations whose version is remembered for the direct connections they negotiate. */
    static final int MAX_CONVERSATIONS = 65_536;

    final Inventory inventory = new Inventory();
    final Redactor redactor = new Redactor();
    /** EUF-GUIDs (upper case, braced) of transfers the decoder could not name. */
    final Set<String> unknownGuids = new HashSet<>();
    private final Map<String, Flow> flows = new HashMap<>();
    private final List<Flow> direct = new ArrayList<>();
    private final Map<String, String> conversationVersion = lru(MAX_CONVERSATIONS);
    private final Map<String, String> transferConversation = lru(MAX_CONVERSATIONS);

    /** A request waiting for its replies. */
    private static final class Request {
        final VerbStats stats;
        boolean answered;

        Request(VerbStats stats) {
            this.stats = stats;
        }
    }

    /** One open connection. */
    private static final class Flow {
        final Tally msnp = new Tally();
        final Tally p2p = new Tally();
        final LinkedHashMap<Object, Request> pending = new LinkedHashMap<>();
        String conversation;
        /** The verb of the last payload command per direction (c2s, s2c): what a following message event came in. */
        final String[] payloadVerb = new String[2];

        void request(Object key, VerbStats stats) {
            Request old = pending.remove(key);
            if (old != null && !old.answered) {
                old.stats.unanswered++;
            }
            if (pending.size() >= MAX_PENDING) {
                Iterator<Request> it = pending.values().iterator();
                Request eldest = it.next();
                it.remove();
                if (!eldest.answered) {
                    eldest.stats.unanswered++;
                }
            }
            pending.put(key, new Request(stats));
        }

        void reply(Object key, String reply, long frame) {
            Request r = pending.get(key);
            if (r != null) {
                r.stats.replies.add(reply, frame);
                r.answered = true;
            }
        }

        /** Requests never answered are counted before the tally is folded in. */
        void close() {
            for (Request r : pending.values()) {
                if (!r.answered) {
                    r.stats.unanswered++;
                }
            }
            pending.clear();
        }
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * What a command's statistics are kept under until its session ends: its flow, or for a session
     * carried by the HTTP gateway, whose commands come over several HTTP connections, its SessionID.
     */
    private static String stream(String flow, String gatewaySession) {
        return gatewaySession != null ? "gateway " + gatewaySession : flow;
    }

    private Flow flow(String id) {
        return flows.computeIfAbsent(id == null ? "" : id, k -> new Flow());
    }

    @Override
    public void accept(Event e) {
        if (e instanceof CommandEvent c) {
            command(c);
        } else if (e instanceof MessageEvent m) {
            message(m);
        } else if (e instanceof SlpEvent s) {
            slp(s);
        } else if (e instanceof SessionEvent s) {
            session(s);
        } else if (e instanceof FlowEndEvent f) {
            flowEnded(f.flow());
        } else if (e instanceof TransferEvent t) {
            transfer(t);
        } else if (e instanceof PresenceEvent p) {
            redactor.identity(p.friendlyName());
            redactor.identity(p.user());
        } else if (e instanceof ParticipantEvent p) {
            redactor.identity(p.friendlyName());
            redactor.identity(p.user());
        } else if (e instanceof ContactEvent c) {
            redactor.identity(c.friendlyName());
            redactor.identity(c.groupName());
            redactor.identity(c.user());
        } else if (e instanceof AnomalyEvent) {
            inventory.anomalies++;
        }
    }

    private void command(CommandEvent c) {
        inventory.commands++;
        Flow f = flow(stream(c.flow(), c.gatewaySession()));
        List<String> tokens = TokenTypes.tokens(c);
        List<String> types = TokenTypes.types(c, tokens);
        VerbStats s = f.msnp.verb(c.dir(), c.cmd(), c.known(), c.error());
        s.seen(c.frame(), c.trid() != null, tokens, types);
        for (int i = 1; i < tokens.size(); i++) {
            String prev = types.get(i - 1);
            if (prev.equals(TokenTypes.EMAIL) || prev.equals(TokenTypes.EMAIL_GUID) || prev.equals(TokenTypes.NETWORK_EMAIL)) {
                redactor.identity(tokens.get(i)); // the friendly name after an account
            }
        }
        if (c.payloadLength() != null) {
            f.payloadVerb[c.dir().equals("c2s") ? 0 : 1] = c.cmd();
            PayloadStats p = s.payload();
            p.length(c.payloadLength());
            if (c.payload() != null) {
                p.content(c.payload(), c.frame());
            } else if (c.cmd().equals("MSG") && c.payloadLength() > 0) {
                p.kinds.add("mime", c.frame());
            }
        }
        if (c.trid() != null) {
            if (c.dir().equals("c2s")) {
                f.request(c.trid(), s);
            } else {
                f.reply(c.trid(), c.cmd(), c.frame());
            }
        }
    }

    private void message(MessageEvent m) {
        inventory.messages++;
        Flow f = flow(stream(m.flow(), m.gatewaySession()));
        redactor.identity(m.from() != null && m.from().indexOf('@') > 0 ? m.from() : null);
        // a message event follows the command that carried it: MSG, or SDG in MSNP21
        String carrier = f.payloadVerb[m.dir().equals("c2s") ? 0 : 1];
        PayloadStats.ContentType ct = f.msnp.verb(m.dir(), carrier != null ? carrier : "MSG", true, null).payload()
                .contentType(m.contentType());
        if (ct != null) {
            ct.count++;
            if (m.headers() != null) {
                for (String h : m.headers().keySet()) {
                    ct.headers.add(h, m.frame());
                }
            }
        }
        f.msnp.catalogue(Catalogues.CONTENT_TYPES, m.dir()).add(m.contentType(), m.frame());
        if (m.datacast() != null) {
            f.msnp.catalogue(Catalogues.DATACAST_IDS, m.dir()).add(m.datacast(), m.frame());
        }
    }

    private void slp(SlpEvent s) {
        inventory.slpMessages++;
        Flow f = flow(s.flow());
        if (s.conversation() != null) {
            f.conversation = s.conversation();
        } else if (s.transfer() != null && transferConversation.containsKey(s.transfer())) {
            f.conversation = transferConversation.get(s.transfer());
        }
        String verb = s.method() != null ? s.method() : s.status() != null ? s.status().toString() : "(none)";
        VerbStats v = f.p2p.verb(s.dir(), verb, true, null);
        List<String> start = s.method() != null
                ? List.of("MSNMSGR:" + (s.to() == null ? "" : s.to()), "MSNSLP/1.0") : List.of();
        v.seen(s.frame(), false, start, null);
        v.examples.add(new Examples.Example(s.frame(), s.method() != null ? s.method() : "MSNSLP/1.0 " + verb,
                start, null));
        PayloadStats p = v.payload();
        Long length = parse(s.headers().get("Content-Length"));
        if (length != null) {
            p.length(length);
        }
        PayloadStats.ContentType ct = p.contentType(s.contentType() == null ? "(none)" : s.contentType());
        if (ct != null) {
            ct.count++;
            s.headers().keySet().forEach(h -> ct.headers.add(h, s.frame()));
            s.body().keySet().forEach(b -> ct.fields.add(b, s.frame()));
        }
        String dir = s.dir();
        if (s.method() != null) {
            f.p2p.catalogue(Catalogues.SLP_METHODS, dir).add(s.method(), s.frame());
        }
        s.headers().keySet().forEach(h -> f.p2p.catalogue(Catalogues.SLP_HEADERS, dir).add(h, s.frame()));
        if (s.contentType() != null) {
            f.p2p.catalogue(Catalogues.SLP_CONTENT_TYPES, dir).add(s.contentType(), s.frame());
        }
        String guid = s.body().get("EUF-GUID");
        if (guid != null) {
            f.p2p.catalogue(Catalogues.EUF_GUIDS, dir).add(Catalogues.guid(guid), s.frame());
        }
        String app = s.body().get("AppID");
        if (app != null) {
            f.p2p.catalogue(Catalogues.APP_IDS, dir).add(app.trim(), s.frame());
        }
        if (s.callId() != null) {
            String opposite = dir.equals("c2s") ? "s2c" : "c2s";
            if (s.method() != null) {
                f.request(s.callId() + "|" + dir, v);
            } else {
                f.reply(s.callId() + "|" + opposite, verb, s.frame());
            }
        }
    }

    private static Long parse(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void header(long frame, String flow, String dir, int version, long flags, int opcode, Long footerAppId) {
        inventory.p2pHeaders++;
        Flow f = flow(flow);
        f.p2p.catalogue(Catalogues.P2P_FLAGS, dir).add(Catalogues.flags(version, flags, opcode, false), frame);
        if (version == 2) {
            f.p2p.catalogue(Catalogues.P2P_FLAGS, dir).add(Catalogues.flags(version, flags, opcode, true), frame);
        }
        if (footerAppId != null) {
            f.p2p.catalogue(Catalogues.FOOTER_APP_IDS, dir).add(footerAppId.toString(), frame);
        }
    }

    private void transfer(TransferEvent t) {
        if (t.conversation() != null) {
            transferConversation.put(t.transfer(), t.conversation());
        }
        if ("unknown".equals(t.kind()) && t.eufGuid() != null) {
            unknownGuids.add(Catalogues.guid(t.eufGuid()));
        }
        Flow f = t.flow() == null ? null : flows.get(t.flow());
        if (f != null && f.conversation == null && t.conversation() != null) {
            f.conversation = t.conversation();
        }
    }

    private void session(SessionEvent s) {
        if (s.start()) {
            inventory.sessions++;
            redactor.identity(s.account());
            return;
        }
        if (s.conversation() != null) {
            conversationVersion.put(s.conversation(), s.version() == null ? "unknown" : s.version());
        }
        Flow f = flows.remove(stream(s.flow(), s.gatewaySession()));
        if (f != null) {
            f.close();
            inventory.merge(f.msnp, s.version(), s.role());
            inventory.merge(f.p2p, s.version(), "P2P");
        }
    }

    private void flowEnded(String id) {
        Flow f = flows.remove(id);
        if (f == null) {
            return;
        }
        f.close();
        if (!f.msnp.isEmpty()) {
            inventory.merge(f.msnp, null, "unknown");
        }
        if (!f.p2p.isEmpty()) {
            direct.add(f);
        }
    }

    /** After the decoder finished: direct connections take their conversation's version. */
    void finish() {
        for (String id : new ArrayList<>(flows.keySet())) {
            flowEnded(id);
        }
        for (Flow f : direct) {
            inventory.merge(f.p2p, f.conversation == null ? null : conversationVersion.get(f.conversation), "P2P");
        }
        direct.clear();
    }
}
