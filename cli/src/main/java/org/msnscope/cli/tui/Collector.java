package org.msnscope.cli.tui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msnscope.cli.sink.JsonlSink;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.decoder.event.SlpEvent;
import org.msnscope.decoder.event.TransferEvent;

/**
 * The decoder's sink in the tui: turns each event into a compact row of the {@link EventStore}
 * (its summary and JSON line spilled to disk), and keeps the session tree and the per-flow role and
 * account up to date. Runs on the decoding thread.
 */
final class Collector implements EventSink {
    private final EventStore store;
    private final Packets locator;
    private final ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
    private final JsonlSink jsonl = new JsonlSink(json);
    private int lastRow = -1;
    private int lastFlow;
    private final Carriers carriers = new Carriers();
    /** Each flow's client and server endpoints, as flow_start gives them (the most recent flows). */
    private final java.util.LinkedHashMap<String, String[]> endpoints = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String[]> e) {
            return size() > Carriers.MAX_DIRECTIONS / 2;
        }
    };
    /** The row of the last command, which the message, SLP and transfer events it carried point to. */
    private int lastCommand = -1;
    private long lastCommandFrame = -1;
    private String lastCommandFlow;
    private static final long[] NO_PACKETS = new long[0];

    Collector(EventStore store, Packets locator) {
        this.store = store;
        this.locator = locator;
    }

    /** Where the decoding thread reports each packet it reads ({@code location} from {@link Packets#locate}). */
    Carriers carriers() {
        return carriers;
    }

    @Override
    public void accept(Event e) {
        json.reset();
        jsonl.accept(e);
        try {
            jsonl.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int flow = store.flows.id(e.flow());
        int flags = 0;
        int second = 0;
        String conversation = org.msnscope.cli.sink.Timeline.conversationOf(e);
        if (e instanceof TransferEvent t) {
            second = store.transfers.id(t.transfer());
            flags |= EventStore.TRANSFER;
        } else if (e instanceof SlpEvent s && s.transfer() != null) {
            second = store.transfers.id(s.transfer());
            flags |= EventStore.TRANSFER;
        } else if (conversation != null) {
            second = store.conversations.id(conversation);
        }
        String dir = e instanceof CommandEvent c ? c.dir() : e instanceof MessageEvent m ? m.dir()
                : e instanceof SlpEvent s ? s.dir() : null;
        if ("c2s".equals(dir)) {
            flags |= EventStore.C2S;
        } else if ("s2c".equals(dir)) {
            flags |= EventStore.S2C;
        }
        if (e instanceof AnomalyEvent) {
            flags |= EventStore.ANOMALY;
            store.counters.anomalies++;
        }
        if (e instanceof CommandEvent c && (c.cmd().equals("PNG") || c.cmd().equals("QNG"))) {
            flags |= EventStore.NOISE;
        }
        boolean typing = e instanceof MessageEvent m && m.kind().equals("typing");
        if (typing) {
            flags |= EventStore.NOISE;
        }
        track(e, flow, second);
        int row = store.add(Kind.of(e.type()), flags, flow, second, e.tsNanos(), e.tsDigits(), e.frame(),
                locator.locate(e.frame()), Summary.of(e), json.toByteArray(), span(e, dir));
        if (typing && lastRow >= 0 && lastFlow == flow && store.kind(lastRow) == Kind.of("command")) {
            store.addFlags(lastRow, EventStore.NOISE); // the MSG (or SDG) that carried it
        }
        lastRow = row;
        lastFlow = flow;
    }

    /** The earlier packets that may hold the start of {@code e}'s bytes, or the command that carried it. */
    private EventStore.Span span(Event e, String dir) {
        if (e instanceof FlowStartEvent f) {
            endpoints.put(f.flow(), new String[] {f.client(), f.server()});
            return EventStore.Span.NONE;
        }
        if (e instanceof CommandEvent c) {
            String[] ends = endpoints.get(c.flow());
            long[] earlier = ends == null ? new long[0] : "c2s".equals(dir)
                    ? carriers.before(ends[0], ends[1], c.frame()) : carriers.before(ends[1], ends[0], c.frame());
            lastCommand = store.size(); // the row this command is about to get
            lastCommandFrame = c.frame();
            lastCommandFlow = c.flow();
            return new EventStore.Span(earlier, lastCommand);
        }
        if ((e instanceof MessageEvent || e instanceof SlpEvent || e instanceof TransferEvent)
                && e.frame() == lastCommandFrame && java.util.Objects.equals(e.flow(), lastCommandFlow)) {
            return new EventStore.Span(NO_PACKETS, lastCommand); // carried by that command
        }
        return EventStore.Span.NONE;
    }

    private void track(Event e, int flow, int second) {
        if (e instanceof FlowStartEvent) {
            store.counters.flows++;
        } else if (e instanceof SessionEvent s && !s.start()) {
            store.flowSeen(flow, null, store.accounts.id(s.account())); // the account may be known only by now
        } else if (e instanceof SessionEvent s) {
            store.counters.sessions++;
            store.flowSeen(flow, s.transport() != null && s.transport().startsWith("http") ? "HTTP" : s.role(),
                    store.accounts.id(s.account()));
            if (s.role().equals("NS")) {
                store.tree.nsSession(flow, s.account(), s.version());
            } else if (s.role().equals("SB")) {
                store.flowSeen(flow, "SB", store.accounts.id(s.account()));
                store.tree.conversation(second, s.conversation(), flow, store.flows.id(s.parentFlow()));
            }
        } else if (e instanceof ParticipantEvent p) {
            if (store.tree.isNs(flow)) {
                store.tree.conversation(second, p.conversation(), flow, flow); // routed over the NS (MSNP21)
            }
            store.tree.participant(second, p.user(), !p.action().equals("left"));
        } else if (e instanceof MessageEvent m && m.conversation() != null && store.tree.isNs(flow)) {
            store.tree.conversation(second, m.conversation(), flow, flow);
        } else if (e instanceof TransferEvent t) {
            StringBuilder label = new StringBuilder(t.transfer()).append(' ').append(t.kind().replace('_', ' '));
            if (t.name() != null && !t.name().isEmpty()) {
                label.append(" \"").append(org.msnscope.cli.sink.Timeline.oneLine(t.name())).append('"');
            }
            label.append(' ').append(t.state());
            store.tree.transfer(second, store.conversations.id(t.conversation()), label.toString());
            if (t.transport().equals("direct") && store.role(flow).isEmpty()) {
                store.flowSeen(flow, "P2P", 0);
            }
        } else if (e instanceof SlpEvent s && s.conversation() == null && store.role(flow).isEmpty()) {
            store.flowSeen(flow, "P2P", 0);
        }
    }
}
