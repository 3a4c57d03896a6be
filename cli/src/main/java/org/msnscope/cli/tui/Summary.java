package org.msnscope.cli.tui;

import java.util.Locale;
import org.msnscope.cli.sink.Timeline;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.TransferEvent;

/**
 * The summary column of a timeline row: what an analyst reads first ("alice -> bob: hello",
 * "bob is typing", "bob changed status to Busy", "T1 display picture from bob 4.8 KB: completed,
 * verified"). The words are the text timeline's ({@link Timeline}) where they fit.
 */
final class Summary {
    private static final int TYPE_COLUMN = 12;

    private Summary() {
    }

    static String of(Event e) {
        StringBuilder line = new StringBuilder(96);
        if (e instanceof FlowStartEvent s) {
            line.append("flow start ").append(s.client()).append(" -> ").append(s.server());
            if (s.midstream()) {
                line.append(" (picked up mid-stream)");
            }
        } else if (e instanceof FlowEndEvent f) {
            line.append("flow end ").append(f.reason()).append(": ").append(f.bytesC2s()).append(" bytes c2s, ")
                    .append(f.bytesS2c()).append(" bytes s2c, ").append(f.packets()).append(" packets");
            if (f.gaps() > 0) {
                line.append(", ").append(f.gaps()).append(f.gaps() == 1 ? " gap (" : " gaps (").append(f.gapBytes())
                        .append(" bytes missing)");
            }
        } else if (e instanceof AnomalyEvent a) {
            line.append("ANOMALY ").append(a.code().code()).append(": ").append(a.detail());
        } else if (e instanceof CommandEvent c) {
            Timeline.command(c, line);
        } else if (e instanceof TransferEvent t) {
            transfer(t, line);
        } else {
            Timeline.describe(e, line);
            if (e instanceof MessageEvent || e instanceof PresenceEvent p && p.status() != null) {
                line.delete(0, TYPE_COLUMN);
            }
            if (e instanceof PresenceEvent p && p.status() != null) {
                int is = line.indexOf(" is ");
                line.replace(is, is + 4, " changed status to ");
            }
        }
        return line.toString();
    }

    private static void transfer(TransferEvent t, StringBuilder line) {
        line.append(t.transfer()).append(' ').append(t.kind().replace('_', ' '));
        if (t.name() != null && !t.name().isEmpty()) {
            line.append(" \"").append(Timeline.oneLine(t.name())).append('"');
        }
        line.append(" from ").append(t.from() == null ? "?" : t.from());
        if (t.to() != null) {
            line.append(" to ").append(t.to());
        }
        if (t.size() != null) {
            line.append(' ').append(size(t.size()));
        }
        line.append(": ").append(t.state());
        if (t.size() != null && t.size() > 0 && !t.complete() && !t.state().equals("offered")
                && !t.state().equals("accepted") && !t.state().equals("declined")) {
            line.append(' ').append(t.received() * 100 / t.size()).append('%');
        }
        if (t.verified() != null) {
            line.append(t.verified() ? ", verified" : ", NOT matching its MSNObject");
        }
        if (t.cutOff()) {
            line.append(", cut off");
        }
        if (t.reason() != null) {
            line.append(" (").append(Timeline.oneLine(t.reason())).append(')');
        }
    }

    /** 512 bytes, 4.8 KB, 12.0 MB: 1024-based, one decimal. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
