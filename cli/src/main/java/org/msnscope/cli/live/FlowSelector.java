package org.msnscope.cli.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;

/**
 * The default live filter, applied in the capture thread to everything TCP that libpcap delivers:
 * which packets are MSN traffic and go on to the decoder (and to {@code --write}).
 *
 * <p>A packet passes when one of its ports is followed (1863, 1864 and 6891-6900 from the start,
 * then every port the traffic announces: XFR, RNG, MSNP2P transport negotiation, MSNFTP), or when its
 * connection was recognised by content (a payload starting with {@code VER}, {@code USR} or
 * {@code ANS} and a transaction id, the direct-connection {@code foo} handshake, or a POST to the HTTP
 * gateway). A client connects to an announced port within a millisecond of the announcement, long
 * before the decoder has read it, so the first packets of every young connection (one whose SYN was
 * seen in the last {@link #HOLD_NANOS}) are held back: when the port is announced they are passed on
 * in their order, and held packets nobody claims expire. Everything is bounded: the ports followed,
 * the connections remembered and the bytes held.
 *
 * <p>Not thread-safe except {@link #announce}: the capture thread calls {@link #offer}, the decoder
 * thread announces ports.
 */
final class FlowSelector {
    /** Ports followed before anything is announced: notification server, Escargot's switchboard, MSNFTP. */
    static final String WELL_KNOWN = "1863, 1864, 6891-6900";
    /** Most ports added by announcements (a flood of announcements must not follow everything). */
    static final int MAX_FOLLOWED_PORTS = 4096;
    /** Young connections remembered (least recently seen forgotten first). */
    static final int MAX_YOUNG_FLOWS = 65_536;
    /** Connections recognised by content remembered. */
    static final int MAX_PROMOTED_FLOWS = 16_384;
    /** How long after its SYN a connection's packets are held, and how long a held packet waits. */
    static final long HOLD_NANOS = 10_000_000_000L;
    /** Packets held per young connection. */
    static final int HOLD_PER_FLOW = 64;
    /** Bytes held in all. */
    static final long HOLD_BYTES = 32L << 20;
    /** Packets held in all. */
    static final int HOLD_PACKETS = 65_536;

    /** Where passed packets go, in order. */
    interface Out {
        void accept(Captured c);
    }

    /** Told when a port starts being followed or a connection is recognised. */
    interface Report {
        void followed(int port, String what, String host, int recovered);

        void recognised(String connection, String why, int recovered);
    }

    private record Key(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort) {
        static Key of(PacketView v) {
            boolean srcFirst = Long.compareUnsigned(v.srcHi, v.dstHi) < 0
                    || (v.srcHi == v.dstHi && (Long.compareUnsigned(v.srcLo, v.dstLo) < 0
                    || (v.srcLo == v.dstLo && v.srcPort <= v.dstPort)));
            return srcFirst ? new Key(v.srcHi, v.srcLo, v.dstHi, v.dstLo, v.srcPort, v.dstPort)
                    : new Key(v.dstHi, v.dstLo, v.srcHi, v.srcLo, v.dstPort, v.srcPort);
        }
    }

    private static final class Young {
        final long synNanos;
        int held;

        Young(long synNanos) {
            this.synNanos = synNanos;
        }
    }

    private record Held(Captured c, Key key, int size) {
    }

    private record Announcement(String host, int port, String what) {
    }

    private final BitSet ports = new BitSet(65_536);
    private int added;
    private final ConcurrentLinkedQueue<Announcement> announcements = new ConcurrentLinkedQueue<>();
    private final Map<Key, Young> young = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Young> e) {
            return size() > MAX_YOUNG_FLOWS;
        }
    };
    private final Map<Key, Boolean> promoted = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> e) {
            return size() > MAX_PROMOTED_FLOWS;
        }
    };
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<Integer, Integer> heldByPort = new HashMap<>();
    private long heldBytes;

    private final PacketDecoder peeker = new PacketDecoder(Limits.defaults(), new Emitter(EventSink.DISCARD));
    private final PacketView view = new PacketView();
    private final RawPacket raw = new RawPacket();
    private final int linkType;
    private final Out out;
    private final Report report;

    long passed;
    long skipped;
    long recovered;
    long expired;

    FlowSelector(int linkType, Out out, Report report) {
        this.linkType = linkType;
        this.out = out;
        this.report = report;
        ports.set(1863, 1865);
        ports.set(6891, 6901);
    }

    /** From any thread: the traffic announced {@code host:port}; applied before the next packet. */
    void announce(String host, int port, String what) {
        if (port > 0 && port < 65_536) {
            announcements.add(new Announcement(host, port, what));
        }
    }

    /** Between packets: applies what was announced, so held packets of an announced port move on without waiting. */
    void idle() {
        applyAnnouncements();
    }

    boolean follows(int port) {
        return ports.get(port);
    }

    /** One captured packet, in capture order. */
    void offer(Captured c) {
        applyAnnouncements();
        raw.data = c.data();
        raw.offset = 0;
        raw.capturedLength = c.data().length;
        raw.originalLength = Math.max(c.originalLength(), c.data().length);
        raw.timestampNanos = c.tsNanos();
        raw.linkType = linkType;
        if (peeker.peek(raw, view) != NetResult.TCP) {
            // fragments and damaged packets: the decoder counts and reports them
            pass(c);
            return;
        }
        if (ports.get(view.srcPort) || ports.get(view.dstPort)) {
            pass(c);
            return;
        }
        Key key = Key.of(view);
        if (promoted.get(key) != null) {
            pass(c);
            return;
        }
        String why = recognise(view);
        if (why != null) {
            promoted.put(key, Boolean.TRUE);
            young.remove(key);
            int n = release(h -> h.key().equals(key));
            report.recognised(describe(view), why, n);
            pass(c);
            return;
        }
        Young y = young.get(key);
        if (y == null && view.syn() && !view.hasAck()) {
            y = new Young(c.tsNanos());
            young.put(key, y);
        }
        if (y != null && c.tsNanos() - y.synNanos < HOLD_NANOS && y.held < HOLD_PER_FLOW) {
            y.held++;
            hold(new Held(c, key, c.data().length + 64));
        } else {
            skipped++;
        }
        expire(c.tsNanos());
    }

    private void pass(Captured c) {
        passed++;
        out.accept(c);
    }

    private void hold(Held h) {
        held.addLast(h);
        heldBytes += h.size();
        heldByPort.merge(h.key().aPort(), 1, Integer::sum);
        heldByPort.merge(h.key().bPort(), 1, Integer::sum);
    }

    private void unhold(Held h) {
        heldBytes -= h.size();
        heldByPort.computeIfPresent(h.key().aPort(), (k, v) -> v == 1 ? null : v - 1);
        heldByPort.computeIfPresent(h.key().bPort(), (k, v) -> v == 1 ? null : v - 1);
    }

    private void expire(long nowNanos) {
        while (!held.isEmpty() && (heldBytes > HOLD_BYTES || held.size() > HOLD_PACKETS
                || nowNanos - held.peekFirst().c().tsNanos() >= HOLD_NANOS)) {
            unhold(held.removeFirst());
            expired++;
            skipped++;
        }
    }

    private int release(java.util.function.Predicate<Held> which) {
        int n = 0;
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (which.test(h)) {
                it.remove();
                unhold(h);
                n++;
                recovered++;
                pass(h.c());
            }
        }
        return n;
    }

    private void applyAnnouncements() {
        Announcement a;
        while ((a = announcements.poll()) != null) {
            int port = a.port();
            if (ports.get(port) || added >= MAX_FOLLOWED_PORTS) {
                continue;
            }
            ports.set(port);
            added++;
            int n = heldByPort.containsKey(port) ? release(h -> h.key().aPort() == port || h.key().bPort() == port) : 0;
            report.followed(port, a.what(), a.host(), n);
        }
    }

    private static final byte[][] OPENINGS = {"VER ".getBytes(StandardCharsets.US_ASCII),
        "USR ".getBytes(StandardCharsets.US_ASCII), "ANS ".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[] FOO = {4, 0, 0, 0, 'f', 'o', 'o', 0};
    private static final byte[] BARE_FOO = {'f', 'o', 'o', 0};
    private static final byte[] POST = "POST ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GATEWAY = "/gateway/gateway.dll".getBytes(StandardCharsets.US_ASCII);

    /** Why this payload opens an MSN connection, or null. */
    static String recognise(PacketView v) {
        byte[] b = v.buf;
        int off = v.payloadOffset;
        int len = v.payloadLength;
        if (b == null || len < 4) {
            return null;
        }
        for (byte[] o : OPENINGS) {
            if (len >= 6 && startsWith(b, off, len, o) && b[off + 4] >= '0' && b[off + 4] <= '9') {
                return new String(o, StandardCharsets.US_ASCII).trim() + " command";
            }
        }
        if (startsWith(b, off, len, FOO) || (len == 4 && startsWith(b, off, len, BARE_FOO))) {
            return "direct-connection handshake";
        }
        if (startsWith(b, off, len, POST)) {
            int lineEnd = Math.min(len, 256);
            for (int i = 5; i + GATEWAY.length <= lineEnd; i++) {
                if (b[off + i] == '\r' || b[off + i] == '\n') {
                    break;
                }
                if (startsWith(b, off + i, len - i, GATEWAY)) {
                    return "HTTP gateway request";
                }
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(PacketView v) {
        return org.msnscope.decoder.net.Addresses.endpoint(v.v6, v.srcHi, v.srcLo, v.srcPort) + " -> "
                + org.msnscope.decoder.net.Addresses.endpoint(v.v6, v.dstHi, v.dstLo, v.dstPort);
    }

    /** Packets held now. */
    int holding() {
        return held.size();
    }
}
