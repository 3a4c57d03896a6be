package org.msnscope.cli.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;

/**
 * The human timeline: one line per event, {@code TIME  FLOW  WHAT  DETAIL}. Times are absolute
 * (UTC, the capture's precision) or relative to the first packet of the capture.
 */
public final class TextSink implements OutputSink {
    private final Writer out;
    private final Timestamps timestamps = new Timestamps(' ');
    private final StringBuilder line = new StringBuilder(160);
    private final boolean relative;
    private boolean colour;
    private final LongSupplier captureStart;

    /**
     * @param relative print {@code +seconds} since {@code captureStart} instead of the date and time
     * @param captureStart the first packet's timestamp (epoch nanoseconds)
     */
    public TextSink(OutputStream out, boolean relative, LongSupplier captureStart) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.relative = relative;
        this.captureStart = captureStart;
    }

    @Override
    public void accept(Event e) {
        line.setLength(0);
        if (e.frame() == 0) {
            pad("-", relative ? 9 : 19 + (e.tsDigits() > 0 ? 1 + e.tsDigits() : 0));
        } else if (relative) {
            Timestamps.appendRelative(line, e.tsNanos() - captureStart.getAsLong(), e.tsDigits());
        } else {
            timestamps.append(line, e.tsNanos(), e.tsDigits(), false);
        }
        line.append("  ");
        pad(e.flow() == null ? "-" : e.flow(), 6);
        if (e instanceof FlowStartEvent s) {
            pad("flow start", 12);
            line.append(s.client()).append(" -> ").append(s.server());
            if (s.midstream()) {
                line.append("  (picked up mid-stream)");
            }
        } else if (e instanceof FlowEndEvent f) {
            pad("flow end", 12);
            line.append(f.reason()).append(": ")
                    .append(f.bytesC2s()).append(" bytes c2s, ")
                    .append(f.bytesS2c()).append(" bytes s2c, ")
                    .append(f.packets()).append(" packets");
            if (f.gaps() > 0) {
                line.append(", ").append(f.gaps()).append(f.gaps() == 1 ? " gap (" : " gaps (")
                        .append(f.gapBytes()).append(" bytes missing)");
            }
        } else if (e instanceof AnomalyEvent a) {
            pad("ANOMALY", 12);
            line.append(a.code().code()).append(": ").append(a.detail());
        } else {
            String conv = Timeline.conversationOf(e);
            int mark = line.length();
            Timeline.describe(e, line);
            if (colour && conv != null) {
                line.insert(mark, Timeline.colourOf(conv));
                line.append(Timeline.RESET);
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Colours each conversation's lines (ANSI) when the output is a terminal. */
    public TextSink colour(boolean on) {
        this.colour = on;
        return this;
    }

    private void pad(String s, int width) {
        line.append(s);
        for (int i = s.length(); i < width; i++) {
            line.append(' ');
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
