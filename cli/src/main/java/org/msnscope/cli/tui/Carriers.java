package org.msnscope.cli.tui;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.net.Addresses;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;

/**
 * Which packets carried an event's bytes. On the decoding thread every TCP packet with payload is
 * remembered in a small ring per direction of its connection (its packet number and where the
 * packet is, {@link #RING} of them); an event then takes the ring of its flow's direction, the packets
 * before its own that may hold its first bytes. The detail pane reads those packets back and keeps the
 * ones whose TCP payload overlaps the event's bytes ({@link Detail}). Directions are kept for the
 * {@link #MAX_DIRECTIONS} most recently active; an event of an older one shows its own packet only.
 */
final class Carriers {
    /** Earlier packets remembered per direction: a command of up to about this many segments is shown whole. */
    static final int RING = 8;
    /** Directions remembered at once (two per open connection). */
    static final int MAX_DIRECTIONS = 1 << 16;

    /** One direction's recent packets: packet numbers and locations, oldest overwritten first. */
    private static final class Ring {
        final String name;
        final long[] frames = new long[RING];
        final long[] locations = new long[RING];
        int next;

        Ring(String name) {
            this.name = name;
        }
    }

    private final PacketDecoder net = new PacketDecoder(Limits.defaults(), new Emitter(EventSink.DISCARD));
    private final PacketView view = new PacketView();
    private final Map<String, Ring> byName = new HashMap<>();
    private final LinkedHashMap<Long, Ring> byKey = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Ring> e) {
            if (size() > MAX_DIRECTIONS) {
                byName.remove(e.getValue().name, e.getValue());
                return true;
            }
            return false;
        }
    };

    /** Remembers one captured packet ({@code location} as {@link Packets#locate} gives it). */
    void packet(RawPacket p, long location) {
        if (location < 0 || net.peek(p, view) != NetResult.TCP || view.payloadLength <= 0) {
            return;
        }
        long key = key(view);
        Ring r = byKey.get(key);
        if (r == null) {
            String name = Addresses.endpoint(view.v6, view.srcHi, view.srcLo, view.srcPort) + ">"
                    + Addresses.endpoint(view.v6, view.dstHi, view.dstLo, view.dstPort);
            r = new Ring(name);
            byKey.put(key, r);
            byName.put(name, r);
        }
        r.frames[r.next] = p.frameNumber;
        r.locations[r.next] = location;
        r.next = (r.next + 1) % RING;
    }

    /**
     * The remembered packets of the direction {@code from} -> {@code to} (endpoints as flow_start
     * writes them) numbered below {@code frame}, oldest first, as pairs (packet number, location).
     */
    long[] before(String from, String to, long frame) {
        Ring r = from == null || to == null ? null : byName.get(from + ">" + to);
        if (r == null) {
            return new long[0];
        }
        long[] out = new long[2 * RING];
        int n = 0;
        for (int k = 0; k < RING; k++) {
            int i = (r.next + k) % RING;
            if (r.frames[i] > 0 && r.frames[i] < frame) {
                out[2 * n] = r.frames[i];
                out[2 * n + 1] = r.locations[i];
                n++;
            }
        }
        return java.util.Arrays.copyOf(out, 2 * n);
    }

    private static long key(PacketView v) {
        long h = v.srcHi * 0x9E3779B97F4A7C15L;
        h = (h ^ v.srcLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ v.dstHi) * 0x9E3779B97F4A7C15L;
        h = (h ^ v.dstLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ ((long) v.srcPort << 17 | (long) v.dstPort << 1 | (v.v6 ? 1 : 0))) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** The packets that carried an event, in order, and (when more than one did) the event's bytes. */
    record Carried(java.util.List<Packets.Packet> packets, byte[] bytes) {
    }

    /** The most bytes before the event's own packet that are put together to find where it began. */
    static final int MAX_SPAN_BYTES = 1 << 20;

    /** A command's line as it was written (with CRLF), and its length in bytes, line and payload. */
    record Command(String line, long length) {
    }

    /** The command line and length of a command event's JSON line; null when it is not one. */
    static Command command(String json) {
        String cmd = null;
        String trid = null;
        long payload = 0;
        StringBuilder args = new StringBuilder();
        try (com.fasterxml.jackson.core.JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (in.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = in.currentName();
                com.fasterxml.jackson.core.JsonToken t = in.nextToken();
                switch (name) {
                    case "cmd" -> cmd = in.getText();
                    case "trid" -> trid = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? null : in.getText();
                    case "payload_length" -> payload = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? 0 : in.getLongValue();
                    case "args" -> {
                        while (in.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                            args.append(' ').append(in.getText());
                        }
                    }
                    default -> in.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        if (cmd == null) {
            return null;
        }
        String line = cmd + (trid == null ? "" : " " + trid) + args + "\r\n";
        return new Command(line, line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + payload);
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    /** The packets that carried {@code row}'s bytes, which end in {@code last} (its own packet). */
    static Carried of(EventStore store, EventStore.Row row, Packets.Packet last, Packets packets) {
        int k = row.span().command();
        EventStore.Row command = k < 0 ? null : k == row.index() ? row : store.row(k);
        Command c = command == null ? null : command(command.json());
        return c == null ? new Carried(java.util.List.of(last), null) : resolve(command.span().earlier(), c, last, packets);
    }

    /**
     * Finds the packets whose TCP payload overlaps the bytes of command {@code c}, which end in
     * {@code last}'s payload: the remembered earlier packets of its direction are read back, laid out
     * by sequence number, and the command line is looked for where a command of its length ends inside
     * {@code last}. Anything that does not fit (no TCP, the line not found, the packets no longer
     * readable) leaves {@code last} alone.
     */
    static Carried resolve(long[] earlier, Command c, Packets.Packet last, Packets packets) {
        Carried alone = new Carried(java.util.List.of(last), null);
        if (earlier.length == 0 || c.length() <= 0 || c.length() > MAX_SPAN_BYTES) {
            return alone;
        }
        PacketDecoder net = new PacketDecoder(Limits.defaults(), new Emitter(EventSink.DISCARD));
        PacketView lv = new PacketView();
        if (peek(net, last, lv) != NetResult.TCP || lv.payloadLength <= 0) {
            return alone;
        }
        java.util.List<Packets.Packet> found = new java.util.ArrayList<>();
        java.util.List<int[]> where = new java.util.ArrayList<>(); // relative sequence number, payload offset, length
        int minRel = 0;
        PacketView v = new PacketView();
        for (int k = 0; k < earlier.length; k += 2) {
            Packets.Packet p = packets.fetch(earlier[k], earlier[k + 1]);
            if (p.data() == null || peek(net, p, v) != NetResult.TCP || v.payloadLength <= 0 || !sameDirection(v, lv)) {
                continue;
            }
            int rel = v.seq - lv.seq;
            if (rel >= 0 || rel < -MAX_SPAN_BYTES) {
                continue;
            }
            found.add(p);
            where.add(new int[] {rel, v.payloadOffset, v.payloadLength});
            minRel = Math.min(minRel, rel);
        }
        if (found.isEmpty()) {
            return alone;
        }
        found.add(last);
        where.add(new int[] {0, lv.payloadOffset, lv.payloadLength});
        byte[] buf = new byte[lv.payloadLength - minRel];
        for (int k = 0; k < found.size(); k++) {
            int[] w = where.get(k);
            int n = Math.min(w[2], buf.length - (w[0] - minRel));
            System.arraycopy(found.get(k).data(), w[1], buf, w[0] - minRel, Math.max(0, n));
        }
        int lastStart = -minRel;
        int length = (int) c.length();
        byte[] line = c.line().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = find(buf, line, length, lastStart); // the line as the command event gives it, or nothing
        if (at < 0 || at >= lastStart) {
            return alone; // not found, or it lies in the event's own packet
        }
        java.util.TreeMap<Long, Packets.Packet> carriers = new java.util.TreeMap<>();
        for (int k = 0; k < found.size(); k++) {
            int from = where.get(k)[0] - minRel;
            int to = from + where.get(k)[2];
            if (from < at + length && to > at) {
                carriers.put(found.get(k).frame(), found.get(k));
            }
        }
        return new Carried(java.util.List.copyOf(carriers.values()), java.util.Arrays.copyOfRange(buf, at, at + length));
    }

    /** The last place in {@code buf} holding {@code line}, from which {@code length} bytes end inside the last packet. */
    private static int find(byte[] buf, byte[] line, int length, int lastStart) {
        int n = line.length;
        for (int s = buf.length - length; s >= 0; s--) {
            int end = s + length;
            if (end <= lastStart) {
                break;
            }
            if (s + n > buf.length) { // (a command follows a payload directly: no line break before it)
                continue;
            }
            boolean match = true;
            for (int j = 0; j < n && match; j++) {
                match = buf[s + j] == line[j];
            }
            if (match) {
                return s;
            }
        }
        return -1;
    }

    /** Decodes {@code p}'s link, IP and TCP headers into {@code v} (nothing is reported). */
    static NetResult peek(PacketDecoder net, Packets.Packet p, PacketView v) {
        RawPacket raw = new RawPacket();
        raw.data = p.data();
        raw.capturedLength = p.data().length;
        raw.originalLength = p.data().length;
        raw.linkType = p.linkType();
        return net.peek(raw, v);
    }

    private static boolean sameDirection(PacketView a, PacketView b) {
        return a.v6 == b.v6 && a.srcHi == b.srcHi && a.srcLo == b.srcLo && a.dstHi == b.dstHi && a.dstLo == b.dstLo
                && a.srcPort == b.srcPort && a.dstPort == b.dstPort;
    }
}
