package org.msnscope.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Applies a connection's {@link Knob}s and its midstream start to the packets
 * {@link ConnectionSimulator} planned. Which segments a rate selects is drawn from the connection's
 * random stream, knob by knob in declaration order, segment by segment.
 */
final class KnobApplier {
    private final TcpConnection conn;
    private final ConnectionSimulator sim;
    private final Map<Knob, boolean[]> selected = new EnumMap<>(Knob.class);

    KnobApplier(TcpConnection conn, ConnectionSimulator sim) {
        this.conn = conn;
        this.sim = sim;
    }

    List<Segment> apply(List<Segment> planned, SplittableRandom random, boolean ipv6) {
        int dataCount = 0;
        for (Segment s : planned) {
            if (s.dataIndex >= 0) {
                dataCount++;
            }
        }
        for (Knob k : Knob.values()) {
            boolean[] on = new boolean[dataCount];
            int[] explicit = conn.explicitKnobs.get(k);
            if (explicit != null) {
                for (int i : explicit) {
                    if (i < dataCount) {
                        on[i] = true;
                    }
                }
            }
            Double rate = conn.knobRates.get(k);
            if (rate != null) {
                for (int i = 0; i < dataCount; i++) {
                    if (random.nextDouble() < rate) {
                        on[i] = true;
                    }
                }
            }
            selected.put(k, on);
        }
        long later = 3 * sim.rtt();
        List<Segment> out = new ArrayList<>();
        List<Segment> delayed = new ArrayList<>();
        List<Segment> reordered = new ArrayList<>();
        for (Segment p : planned) {
            int i = p.dataIndex;
            if (i < 0) {
                out.add(p);
                continue;
            }
            Direction receiver = p.direction.reverse();
            int receiverSeq = receiverSeq(planned, p);
            if (on(Knob.ZERO_WINDOW_PROBE, i)) {
                Segment zero = new Segment(p.timestampNanos, receiver, receiverSeq, p.seq, PacketBuilder.ACK);
                zero.window = 0;
                zero.note = "zero window";
                Segment probe = p.copy("zero window probe");
                probe.payloadLength = 1;
                probe.flags = PacketBuilder.ACK;
                Segment stillZero = zero.copy("zero window");
                Segment update = zero.copy("window update");
                update.window = ConnectionSimulator.WINDOW;
                out.add(zero);
                out.add(probe);
                out.add(stillZero);
                out.add(update);
            }
            p.badChecksum = on(Knob.BAD_CHECKSUM, i);
            if (on(Knob.FRAGMENT, i)) {
                if (ipv6) {
                    throw new IllegalStateException("connection " + conn.index + ": the fragment knob needs IPv4");
                }
                p.fragment = true;
            }
            if (!on(Knob.DROP, i)) {
                out.add(p);
                if (on(Knob.REORDER, i)) {
                    reordered.add(p);
                }
            }
            if (on(Knob.DUPLICATE, i)) {
                out.add(p.copy("duplicate"));
            }
            if (on(Knob.KEEP_ALIVE, i)) {
                Segment probe = new Segment(p.timestampNanos, p.direction, p.seq + p.payloadLength - 1, p.ack,
                        PacketBuilder.ACK);
                probe.note = "keep-alive";
                out.add(probe);
                Segment reply = new Segment(p.timestampNanos, receiver, receiverSeq, p.seq + p.payloadLength,
                        PacketBuilder.ACK);
                reply.note = "keep-alive ACK";
                out.add(reply);
            }
            if (on(Knob.RETRANSMIT, i)) {
                Segment again = p.copy("retransmission");
                again.timestampNanos += later;
                again.badChecksum = false;
                again.fragment = false;
                delayed.add(again);
            }
            if (on(Knob.OVERLAP, i)) {
                delayed.add(overlap(p, later));
            }
        }
        out.addAll(delayed);
        out.sort(Comparator.comparingLong(s -> s.timestampNanos));
        for (Segment p : reordered) {
            delayPastNext(out, p);
        }
        if (conn.midstream >= 0) {
            int cut = Math.min(out.size(), 3 + conn.midstream);
            out.subList(0, cut).clear();
        }
        return out;
    }

    private boolean on(Knob k, int i) {
        return selected.get(k)[i];
    }

    /** The receiver's own next sequence number when {@code p} is captured. */
    private static int receiverSeq(List<Segment> planned, Segment p) {
        Direction receiver = p.direction.reverse();
        int seq = 0;
        boolean found = false;
        for (Segment s : planned) {
            if (s == p) {
                break;
            }
            if (s.direction == receiver) {
                seq = s.seq + s.payloadLength + ((s.flags & PacketBuilder.SYN) != 0 ? 1 : 0);
                found = true;
            }
        }
        return found ? seq : 0;
    }

    private Segment overlap(Segment p, long later) {
        byte[] stream = sim.stream(p.direction);
        int start = p.payloadOffset + p.payloadLength / 2;
        int end = Math.min(stream.length, p.payloadOffset + p.payloadLength + p.payloadLength / 2);
        if (end <= start) {
            end = Math.min(stream.length, start + 1);
        }
        Segment s = p.copy(conn.conflicting ? "conflicting overlap" : "overlap");
        s.timestampNanos += later;
        s.seq = p.seq + (start - p.payloadOffset);
        s.payloadOffset = start;
        s.payloadLength = end - start;
        s.badChecksum = false;
        s.fragment = false;
        if (conn.conflicting) {
            byte[] changed = new byte[end - start];
            for (int k = 0; k < changed.length; k++) {
                changed[k] = (byte) (stream[start + k] ^ 0x20);
            }
            s.payload = changed;
            s.payloadOffset = 0;
        }
        return s;
    }

    /** Swaps {@code p} with the next data segment of its direction, each taking the other's capture time. */
    /**
     * Reordering as a capture near the receiver sees it: {@code p} is held up on the way and
     * arrives just after the next data segment of its direction, which keeps its own time. Until
     * {@code p} arrives the receiver cannot acknowledge past it, so its ACKs in between stop at
     * {@code p}'s first byte (duplicate ACKs), as a real receiver's would.
     */
    private static void delayPastNext(List<Segment> out, Segment p) {
        int at = out.indexOf(p);
        for (int k = at + 1; k < out.size(); k++) {
            Segment q = out.get(k);
            if (q.direction == p.direction && q.payloadLength > 0 && q.note == null) {
                out.remove(at); // q is now at k - 1
                for (int j = at; j < k; j++) {
                    Segment s = out.get(j);
                    if (s.direction != p.direction && (s.flags & PacketBuilder.ACK) != 0 && (s.ack - p.seq) > 0) {
                        s.ack = p.seq;
                    }
                }
                p.timestampNanos = q.timestampNanos;
                out.add(k, p);
                return;
            }
        }
    }
}
