package org.msnscope.cli.tui;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msnscope.cli.sink.Timestamps;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;

/**
 * The detail pane's text for one event: a heading (kind, packet, flow, role, account, time), every
 * field of its JSON line (MIME headers, MSNSLP headers and body under their own headings), for a
 * P2P message the binary header read from the packet, then the packet as hex and ASCII. Lines
 * starting with {@link #HEADING} are drawn as headings.
 */
final class Detail {
    static final char HEADING = '\u0001';
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] P2P_TYPE = "application/x-msnmsgrp2p".getBytes(StandardCharsets.US_ASCII);

    private Detail() {
    }

    /** Columns short fields are packed into (three across 80 columns). */
    static final int COLUMN = 26;
    /** Fields the heading line already shows. */
    private static final java.util.Set<String> IN_HEADING = java.util.Set.of("ts", "type", "frame", "flow");

    /** The lines for a pane {@code width} columns wide: short fields side by side. */
    static List<String> lines(EventStore store, EventStore.Row row, Packets packets, int width) {
        return pack(lines(store, row, packets), width);
    }

    /** Puts runs of short lines (not headings, not hex) side by side in columns of {@link #COLUMN}. */
    static List<String> pack(List<String> lines, int width) {
        int across = Math.max(1, width / COLUMN);
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int n = 0;
        int indent = -1;
        for (String s : lines) {
            boolean shortField = s.length() < COLUMN && !s.isEmpty() && s.charAt(0) != HEADING && s.contains(": ");
            int at = s.length() - s.stripLeading().length();
            if (!shortField || n == across || at != indent) {
                indent = at;
                if (n > 0) {
                    out.add(line.toString().stripTrailing());
                    line.setLength(0);
                    n = 0;
                }
                if (!shortField) {
                    out.add(s);
                    continue;
                }
            }
            line.append(s);
            line.append(" ".repeat(COLUMN - s.length()));
            n++;
        }
        if (n > 0) {
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    static List<String> lines(EventStore store, EventStore.Row row, Packets packets) {
        List<String> out = new ArrayList<>();
        int i = row.index();
        int flow = store.flow(i);
        String type = Kind.NAMES.get(store.kind(i));
        String account = store.accounts.name(store.accountOf(flow));
        String role = store.role(flow);
        StringBuilder h = new StringBuilder().append(HEADING).append(type).append("  event ").append(i + 1)
                .append("  packet ").append(row.frame());
        if (flow > 0) {
            h.append("  ").append(store.flows.name(flow)).append(role.isEmpty() ? "" : " " + role)
                    .append(account == null ? "" : " " + account);
        }
        if (row.frame() > 0) {
            h.append("  ").append(new Timestamps(' ').format(row.tsNanos(), row.tsDigits())).append(" UTC");
        }
        out.add(h.toString());
        out.add("  " + row.summary());
        fields(row.json(), type, out);
        Packets.Packet p = packets.fetch(row.frame(), row.packet());
        if (p.data() == null) {
            out.add(HEADING + "raw bytes: " + p.where());
            return out;
        }
        Carriers.Carried carried = Carriers.of(store, row, p, packets);
        if (type.equals("message") && row.json().contains("\"kind\":\"p2p\"")) {
            if (carried.bytes() != null) {
                p2p(carried.bytes(), 0, carried.bytes().length, out);
            } else {
                p2p(p, out);
            }
        }
        if (carried.packets().size() > 1) {
            StringBuilder numbers = new StringBuilder();
            for (Packets.Packet c : carried.packets()) {
                numbers.append(numbers.length() == 0 ? "" : ", ").append(c.frame());
            }
            out.add(HEADING + "its " + carried.bytes().length + " bytes were carried by packets " + numbers);
        }
        for (Packets.Packet c : carried.packets()) {
            out.add(HEADING + "packet " + c.frame() + ": " + c.data().length + " bytes captured (" + c.where() + ")");
            hex(c.data(), 0, c.data().length, out);
        }
        return out;
    }

    /** Every JSON field as {@code name: value}; objects as indented blocks. */
    static void fields(String json, String type, List<String> out) {
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            object(in, 1, type, out);
        } catch (IOException e) {
            out.add("  (the stored JSON line does not parse: " + e.getMessage() + ")");
        }
    }

    private static void object(JsonParser in, int depth, String type, List<String> out) throws IOException {
        String pad = "  ".repeat(depth);
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken t = in.nextToken();
            if (depth == 1 && IN_HEADING.contains(name)) {
                continue;
            }
            if (t == JsonToken.START_OBJECT) {
                out.add((depth == 1 ? String.valueOf(HEADING) : pad) + heading(name, type) + ":");
                object(in, depth + 1, type, out);
            } else if (t == JsonToken.START_ARRAY) {
                out.add(pad + name + ": " + array(in));
            } else {
                out.add(pad + name + ": " + (t == JsonToken.VALUE_NULL ? "-" : in.getText()));
            }
        }
    }

    private static String heading(String name, String type) {
        return switch (type + "." + name) {
            case "message.headers" -> "MIME headers";
            case "message.format" -> "X-MMS-IM-Format";
            case "slp.headers" -> "MSNSLP headers";
            case "slp.body" -> "MSNSLP body";
            default -> name;
        };
    }

    private static String array(JsonParser in) throws IOException {
        StringBuilder s = new StringBuilder("[");
        JsonToken t;
        boolean first = true;
        while ((t = in.nextToken()) != JsonToken.END_ARRAY) {
            s.append(first ? "" : ", ");
            first = false;
            if (t == JsonToken.START_ARRAY) {
                s.append(array(in));
            } else if (t == JsonToken.START_OBJECT) {
                in.skipChildren();
                s.append("{...}");
            } else {
                s.append(in.getText());
            }
        }
        return s.append(']').toString();
    }

    /** Finds the MSG body in the packet's TCP payload and shows its P2P header. */
    private static void p2p(Packets.Packet p, List<String> out) {
        PacketView v = new PacketView();
        if (Carriers.peek(new PacketDecoder(Limits.defaults(), new Emitter(EventSink.DISCARD)), p, v) != NetResult.TCP) {
            return;
        }
        p2p(p.data(), v.payloadOffset, v.payloadOffset + v.payloadLength, out);
    }

    /** Shows the P2P header of the MSG whose bytes (or their end) are {@code b[start, end)}. */
    private static void p2p(byte[] b, int start, int end, List<String> out) {
        int type = indexOf(b, start, end, P2P_TYPE);
        int body = type < 0 ? -1 : indexOf(b, type, end, new byte[] {'\r', '\n', '\r', '\n'});
        if (body < 0) {
            out.add(HEADING + "P2P header: not in this packet (the MSG began in an earlier one)");
            return;
        }
        body += 4;
        int msgLine = lastLineStart(b, start, type);
        int announced = msgLine < 0 ? -1 : payloadLength(b, msgLine, type);
        int headersEnd = msgLine < 0 ? -1 : indexOf(b, msgLine, type, new byte[] {'\r', '\n'}) + 2;
        int bodyLength = announced < 0 ? end - body : announced - (body - headersEnd);
        boolean complete = bodyLength <= end - body;
        for (String s : P2pHeader.describe(b, body, complete ? bodyLength : end - body, complete)) {
            out.add(s.startsWith("P2P") ? HEADING + s + ", in a " + Math.max(0, bodyLength) + "-byte body" : s);
        }
    }

    /** The start of the MSG (or SDG) command line before {@code before}, or -1. */
    private static int lastLineStart(byte[] b, int from, int before) {
        for (int i = before - 4; i >= from; i--) {
            if ((i == from || b[i - 1] == '\n') && (b[i] == 'M' && b[i + 1] == 'S' && b[i + 2] == 'G'
                    || b[i] == 'S' && b[i + 1] == 'D' && b[i + 2] == 'G') && b[i + 3] == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The last argument of the command line at {@code at}: the payload length. */
    private static int payloadLength(byte[] b, int at, int limit) {
        int eol = indexOf(b, at, limit, new byte[] {'\r', '\n'});
        if (eol < 0) {
            return -1;
        }
        int s = eol;
        while (s > at && b[s - 1] != ' ') {
            s--;
        }
        try {
            return Integer.parseInt(new String(b, s, eol - s, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code 0000  47 45 54 ...  GET...}: 16 bytes a line. */
    static void hex(byte[] b, int from, int to, List<String> out) {
        StringBuilder s = new StringBuilder(80);
        for (int line = from; line < to; line += 16) {
            s.setLength(0);
            s.append("  ").append(String.format("%04x", line - from)).append("  ");
            for (int i = 0; i < 16; i++) {
                if (line + i < to) {
                    s.append(String.format("%02x", b[line + i] & 0xFF));
                } else {
                    s.append("  ");
                }
                s.append(i == 7 ? "  " : " ");
            }
            s.append(' ');
            for (int i = 0; i < 16 && line + i < to; i++) {
                int c = b[line + i] & 0xFF;
                s.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            out.add(s.toString());
        }
    }
}
