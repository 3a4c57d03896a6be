package org.msnscope.testkit.p2p;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a {@code .scn} scenario (testkit/SCENARIO.md): options, the connections, then every data and
 * close line in capture-time order, each step preceded by its comment. Times are kept in microseconds
 * from a fixed epoch, and written relative to their connection's start.
 */
public final class ScenarioWriter {
    /** A connection of the scenario. */
    public static final class Conn {
        final String name;
        final String client;
        final String server;
        final long startMicros;
        final String comment;
        boolean closed;

        Conn(String name, String client, String server, long startMicros, String comment) {
            this.name = name;
            this.client = client;
            this.server = server;
            this.startMicros = startMicros;
            this.comment = comment;
        }

        public String name() {
            return name;
        }
    }

    private record Line(long atMicros, int order, Conn conn, String comment, String text) {
    }

    private final Instant epoch;
    private final List<String> header = new ArrayList<>();
    private final List<String> options = new ArrayList<>();
    private final List<Conn> conns = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    /** @param epoch the instant that time 0 stands for */
    public ScenarioWriter(Instant epoch) {
        this.epoch = epoch;
    }

    public ScenarioWriter header(String commentLine) {
        header.add(commentLine);
        return this;
    }

    public ScenarioWriter option(String key, String value) {
        options.add("option " + key + " " + value);
        return this;
    }

    /** Declares a connection whose SYN is captured at {@code startMicros}. */
    public Conn conn(String name, String client, String server, long startMicros, String comment) {
        Conn c = new Conn(name, client, server, startMicros, comment);
        conns.add(c);
        return c;
    }

    /** A data line; {@code comment} (may be null) is written on the line before. */
    public void send(Conn c, long atMicros, boolean c2s, Wire data, String comment) {
        check(c, atMicros);
        StringBuilder b = new StringBuilder();
        b.append(c.name).append(" +").append(seconds(atMicros - c.startMicros)).append(c2s ? " c2s" : " s2c");
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        for (Wire.Piece p : data.pieces()) {
            if (p.text()) {
                text.writeBytes(p.bytes());
                continue;
            }
            if (text.size() > 0) {
                b.append(' ').append(quote(text.toByteArray()));
                text.reset();
            }
            b.append(" hex:").append(Bytes.hex(p.bytes()));
        }
        if (text.size() > 0) {
            b.append(' ').append(quote(text.toByteArray()));
        }
        lines.add(new Line(atMicros, lines.size(), c, comment, b.toString()));
    }

    /** A close line: {@code fin} or {@code rst} from the client ({@code c2s}) or the server. */
    public void close(Conn c, long atMicros, boolean c2s, boolean fin, String comment) {
        check(c, atMicros);
        c.closed = true;
        lines.add(new Line(atMicros, lines.size(), c, comment, c.name + " +" + seconds(atMicros - c.startMicros)
                + " close " + (c2s ? "c2s" : "s2c") + (fin ? " fin" : " rst")));
    }

    private static void check(Conn c, long atMicros) {
        if (c.closed) {
            throw new IllegalStateException(c.name + " is already closed");
        }
        if (atMicros < c.startMicros) {
            throw new IllegalArgumentException(c.name + ": a line before the connection starts");
        }
    }

    /** The scenario text. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (String h : header) {
            b.append("# ").append(h).append('\n');
        }
        for (String o : options) {
            b.append(o).append('\n');
        }
        for (Conn c : conns) {
            if (c.comment != null) {
                b.append("# ").append(c.comment).append('\n');
            }
            b.append("conn ").append(c.name).append(' ').append(c.client).append(' ').append(c.server).append(' ')
                    .append(epoch.plusNanos(c.startMicros * 1000)).append('\n');
        }
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(Line::atMicros).thenComparingInt(Line::order));
        for (Line l : sorted) {
            if (l.comment != null) {
                for (String part : l.comment.split("\n")) {
                    b.append("# ").append(printable(part)).append('\n');
                }
            }
            b.append(l.text).append('\n');
        }
        return b.toString();
    }

    /** A comment line with its control characters written as {@code \\xNN} (a CR would end the line). */
    static String printable(String commentLine) {
        StringBuilder b = new StringBuilder(commentLine.length());
        for (int i = 0; i < commentLine.length(); i++) {
            char c = commentLine.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    /** A quoted scenario string for UTF-8 text, with the escapes the scenario reader knows. */
    static String quote(byte[] utf8) {
        String s = new String(utf8, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
