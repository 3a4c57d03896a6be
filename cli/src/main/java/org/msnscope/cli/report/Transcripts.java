package org.msnscope.cli.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.msnscope.cli.sink.Timeline;
import org.msnscope.cli.sink.Timestamps;
import org.msnscope.decoder.event.DeliveryEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.SessionEvent;

/**
 * Writes one plain-text transcript per conversation as the events arrive: {@code C1.txt},
 * {@code C2.txt}... (names generated from the conversation id, never from the wire). Each file is
 * open only while its switchboard session is (for a conversation routed over the NS, MSNP18+ circles
 * and MSNP21, while its NS session is), so memory and file handles follow the open sessions.
 */
public final class Transcripts implements EventSink {
    /** One open transcript. */
    private static final class Open {
        final BufferedWriter w;
        final Set<String> participants = new LinkedHashSet<>();
        long messages;
        long nudges;
        /** The NS flow of a conversation routed over the NS (no switchboard), else null. */
        String routedFlow;
        long lastNanos;

        Open(BufferedWriter w) {
            this.w = w;
        }
    }

    /** NS sessions open now, by flow: the local user and version of conversations routed over them. */
    private final Map<String, SessionEvent> nsSessions = new LinkedHashMap<>();
    /** Conversations whose transcript was written: never reopened (and so never overwritten). */
    private final Set<String> seen = new java.util.HashSet<>();

    private final Path dir;
    private final Timestamps ts = new Timestamps(' ');
    private final Map<String, Open> open = new LinkedHashMap<>();
    private int written;

    public Transcripts(Path dir) {
        this.dir = dir;
    }

    /** Transcripts written so far. */
    public int written() {
        return written;
    }

    @Override
    public void accept(Event e) {
        try {
            if (e instanceof SessionEvent s && "SB".equals(s.role())) {
                if (s.start()) {
                    start(s);
                } else {
                    end(s);
                }
            } else if (e instanceof SessionEvent s && "NS".equals(s.role())) {
                if (s.start()) {
                    nsSessions.put(s.flow(), s);
                } else {
                    nsSessions.remove(s.flow());
                    endRouted(s.flow(), s.tsNanos(), s.reason());
                }
            } else if (e instanceof ParticipantEvent p) {
                Open o = conversation(p, p.conversation());
                if (o != null) {
                    o.participants.add(p.user());
                    line(o, p, "*** " + p.user() + " " + switch (p.action()) {
                        case "present" -> "is here";
                        case "joined" -> "joined";
                        case "left" -> "idle".equals(p.by()) ? "left (idle)" : "left";
                        case "invited" -> "was invited" + (p.by() != null ? " by " + p.by() : "");
                        default -> p.action();
                    });
                }
            } else if (e instanceof MessageEvent m && m.conversation() != null) {
                Open o = conversation(m, m.conversation());
                if (o != null) {
                    message(o, m);
                }
            } else if (e instanceof org.msnscope.decoder.event.TransferEvent t && t.conversation() != null
                    && !t.state().equals("transferring")) {
                Open o = open.get(t.conversation());
                if (o != null) {
                    transfer(o, t);
                }
            } else if (e instanceof DeliveryEvent d && "nak".equals(d.result())) {
                Open o = open.get(d.conversation());
                if (o != null) {
                    line(o, d, "*** message " + d.trid() + " was not delivered (NAK)");
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void start(SessionEvent s) throws IOException {
        create(s.conversation(), "switchboard flow " + s.flow()
                + (s.parentFlow() != null ? ", opened from NS flow " + s.parentFlow() : ""), s, s);
    }

    /** A new transcript, or null when this conversation already had one. */
    private Open create(String conversation, String where, SessionEvent session, Event first) throws IOException {
        if (!seen.add(conversation)) {
            return null;
        }
        Path file = dir.resolve(conversation + ".txt");
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Open o = new Open(w);
        open.put(conversation, o);
        written++;
        w.write("Conversation " + conversation + " (" + where + ")\n");
        w.write("Local user: " + (session == null || session.account() == null ? "(unknown)"
                : Timeline.oneLine(session.account()) + (session.accountInferred() ? " (inferred)" : "")) + "\n");
        if (session != null && session.version() != null) {
            w.write("Protocol: " + Timeline.oneLine(session.version()) + "\n");
        }
        w.write("Started: " + time(first.tsNanos()) + " UTC\n\n");
        return o;
    }

    /**
     * The open transcript of a conversation; for one the NS routes (MSNP18+ circles, MSNP21 SDG: no
     * switchboard session), created at its first event and ended with its NS session.
     */
    private Open conversation(Event e, String conversation) throws IOException {
        Open o = open.get(conversation);
        if (o == null && e.flow() != null && nsSessions.containsKey(e.flow())) {
            o = create(conversation, "routed over NS flow " + e.flow(), nsSessions.get(e.flow()), e);
            if (o != null) {
                o.routedFlow = e.flow();
            }
        }
        if (o != null) {
            o.lastNanos = e.tsNanos();
        }
        return o;
    }

    private void endRouted(String flow, long nanos, String reason) throws IOException {
        for (java.util.Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Open o = it.next().getValue();
            if (flow.equals(o.routedFlow)) {
                it.remove();
                footer(o, nanos, "NS session ended: " + reason);
            }
        }
    }

    private void footer(Open o, long nanos, String reason) throws IOException {
        o.w.write("\nEnded: " + time(nanos) + " UTC (" + reason + ")\n");
        o.w.write("Participants: " + Timeline.oneLine(String.join(", ", o.participants)) + "\n");
        o.w.write("Messages: " + o.messages + (o.nudges > 0 ? ", nudges: " + o.nudges : "") + "\n");
        o.w.close();
    }

    private void end(SessionEvent s) throws IOException {
        Open o = open.remove(s.conversation());
        if (o == null) {
            return;
        }
        footer(o, s.tsNanos(), s.reason());
    }

    private void message(Open o, MessageEvent m) throws IOException {
        String from = m.from() == null ? "(unknown)" : m.from();
        if (m.from() != null) {
            o.participants.add(m.from());
        }
        switch (m.kind()) {
            case "text" -> {
                o.messages++;
                String text = Timeline.printable(m.text().replace("\r\n", "\n"));
                line(o, m, from + ": " + text.replace("\n", "\n" + " ".repeat(from.length() + 16)));
            }
            case "nudge" -> {
                o.nudges++;
                line(o, m, "*** " + from + " sent a nudge");
            }
            case "action" -> {
                o.messages++;
                line(o, m, "* " + from + " " + (m.text() == null ? "" : Timeline.oneLine(m.text())));
            }
            case "wink", "voiceclip", "ink", "invite" -> line(o, m, "*** " + from + " sent a " + m.kind());
            default -> { }
        }
    }

    /** {@code *** alice@hotmail.com offers file "notes.txt" (40000 bytes) [T1]}, then its outcome. */
    private void transfer(Open o, org.msnscope.decoder.event.TransferEvent t) throws IOException {
        String what = t.kind().replace('_', ' ') + (t.name() != null && !t.name().isEmpty()
                ? " \"" + Timeline.oneLine(t.name()) + "\"" : "")
                + (t.size() != null ? " (" + t.size() + " bytes)" : "");
        String from = t.from() == null ? "(unknown)" : t.from();
        String text = switch (t.state()) {
            case "offered" -> t.kind().equals("file") ? from + " offers " + what
                    : (t.to() == null ? "(unknown)" : t.to()) + " asks for " + from + "'s " + what;
            case "accepted" -> "the transfer was accepted";
            case "completed" -> "transfer completed: " + what + ", sha1 " + t.sha1()
                    + (t.verified() == null ? "" : t.verified() ? " (matches its MSNObject)" : " (does NOT match its MSNObject)");
            default -> "transfer " + t.state() + ": " + t.received() + " of "
                    + (t.size() == null ? "?" : t.size()) + " bytes" + (t.reason() != null ? " (" + t.reason() + ")" : "");
        };
        line(o, t, "*** " + text + " [" + t.transfer() + "]");
    }

    private void line(Open o, Event e, String text) throws IOException {
        // wire text never reaches the file raw: no escape sequence, no carriage return overwriting a line
        o.w.write("[" + time(e.tsNanos()).substring(11) + "] " + Timeline.printable(text) + "\n");
    }

    private String time(long nanos) {
        StringBuilder sb = new StringBuilder();
        ts.append(sb, nanos, 0, false);
        return sb.toString();
    }

    /**
     * Closes what is still open: a routed conversation whose NS session the capture does not end gets
     * its footer at its last event; a switchboard transcript cannot be open after a finished decode.
     */
    public void close() throws IOException {
        for (Open o : open.values()) {
            if (o.routedFlow != null) {
                footer(o, o.lastNanos, "capture end");
            } else {
                o.w.close();
            }
        }
        open.clear();
    }
}
