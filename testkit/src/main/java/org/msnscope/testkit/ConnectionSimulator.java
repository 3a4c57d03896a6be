package org.msnscope.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays one {@link TcpConnection} as TCP would: handshake, data cut at the MSS, delayed ACKs (every
 * second segment or 40 ms after the first unacknowledged one), piggybacked ACKs, and FIN or RST.
 * A packet captured at time t is answered no earlier than t + RTT. The knobs are applied afterwards by
 * {@link KnobApplier}.
 */
final class ConnectionSimulator {
    static final int WINDOW = 65535;
    /** Spacing of back-to-back segments from one sender. */
    static final long SEND_GAP_NANOS = 20_000;
    /** Longest a receiver holds back an ACK. */
    static final long DELAYED_ACK_NANOS = 40_000_000;

    private final TcpConnection conn;
    private final int mss;
    private final long rtt;
    private final List<Segment> out = new ArrayList<>();
    private final byte[][] streams = new byte[2][];
    private final int[] isn = new int[2];
    /** Data segments a side has received but not acknowledged: capture time and sequence end. */
    private final List<ArrayDeque<long[]>> pending = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    /** Per receiving side, the data segments of the other side in order, for the ack-at-time rule. */
    private final List<List<long[]>> received = List.of(new ArrayList<>(), new ArrayList<>());

    ConnectionSimulator(TcpConnection conn, int defaultMss, long defaultRtt, SplittableRandom random) {
        this.conn = conn;
        this.mss = conn.mss > 0 ? conn.mss : defaultMss;
        this.rtt = conn.rttNanos > 0 ? conn.rttNanos : defaultRtt;
        for (Direction d : Direction.values()) {
            streams[d.ordinal()] = conn.truth(d);
            isn[d.ordinal()] = conn.isnWrap ? (int) (0x1_0000_0000L - 1 - random.nextInt(2 * mss)) : random.nextInt();
        }
    }

    byte[] stream(Direction d) {
        return streams[d.ordinal()];
    }

    long rtt() {
        return rtt;
    }

    /** The connection's packets in capture order, data segments numbered. */
    List<Segment> run() {
        long t = conn.startNanos;
        int c = Direction.C2S.ordinal();
        int s = Direction.S2C.ordinal();
        Segment syn = new Segment(t, Direction.C2S, isn[c], 0, PacketBuilder.SYN);
        syn.mss = mss;
        out.add(syn);
        Segment synAck = new Segment(t + rtt, Direction.S2C, isn[s], isn[c] + 1, PacketBuilder.SYN | PacketBuilder.ACK);
        synAck.mss = mss;
        out.add(synAck);
        out.add(new Segment(t + 2 * rtt, Direction.C2S, isn[c] + 1, isn[s] + 1, PacketBuilder.ACK));
        long open = t + 2 * rtt;

        List<Segment> data = new ArrayList<>();
        long[] sent = new long[2];
        for (Direction d : Direction.values()) {
            long last = open;
            int offset = 0;
            for (TcpConnection.Chunk chunk : conn.chunks(d)) {
                int len = chunk.data().length;
                for (int done = 0; done < len; ) {
                    int n = Math.min(mss, len - done);
                    last = Math.max(chunk.atNanos(), last + SEND_GAP_NANOS);
                    int flags = PacketBuilder.ACK | (done + n == len ? PacketBuilder.PSH : 0);
                    Segment seg = new Segment(last, d, isn[d.ordinal()] + 1 + offset, 0, flags);
                    seg.payload = streams[d.ordinal()];
                    seg.payloadOffset = offset;
                    seg.payloadLength = n;
                    data.add(seg);
                    offset += n;
                    done += n;
                }
            }
            sent[d.ordinal()] = last;
        }
        data.sort(Comparator.comparingLong((Segment x) -> x.timestampNanos)
                .thenComparingInt(x -> x.direction.ordinal()));
        for (int i = 0; i < data.size(); i++) {
            Segment seg = data.get(i);
            seg.dataIndex = i;
            emitDueAcks(seg.timestampNanos);
            seg.ack = ackFrom(seg.direction, seg.timestampNanos, true);
            out.add(seg);
            int receiver = seg.direction.reverse().ordinal();
            long[] entry = {seg.timestampNanos, (seg.seq + seg.payloadLength) & 0xffffffffL};
            pending.get(receiver).add(entry);
            received.get(receiver).add(entry);
        }
        if (conn.closeKind == null) {
            emitDueAcks(Long.MAX_VALUE);
        } else {
            close(Math.max(conn.closeAtNanos, Math.max(sent[0], sent[1]) + SEND_GAP_NANOS));
        }
        return out;
    }

    private int nextSeq(Direction d) {
        return isn[d.ordinal()] + 1 + streams[d.ordinal()].length;
    }

    private void close(long at) {
        Direction a = conn.closer;
        Direction b = a.reverse();
        emitDueAcks(at);
        if (conn.closeKind == Close.RST) {
            out.add(new Segment(at, a, nextSeq(a), ackFrom(a, at, true), PacketBuilder.RST | PacketBuilder.ACK));
            return;
        }
        out.add(new Segment(at, a, nextSeq(a), ackFrom(a, at, true), PacketBuilder.FIN | PacketBuilder.ACK));
        emitDueAcks(at + rtt - 1);
        out.add(new Segment(at + rtt, b, nextSeq(b), nextSeq(a) + 1, PacketBuilder.FIN | PacketBuilder.ACK));
        out.add(new Segment(at + 2 * rtt, a, nextSeq(a) + 1, nextSeq(b) + 1, PacketBuilder.ACK));
    }

    /**
     * The acknowledgement number side {@code sender} puts on a packet captured at {@code at}: the end of
     * the other side's data captured at least one RTT earlier. When the packet goes out, that data no
     * longer waits for a delayed ACK.
     */
    private int ackFrom(Direction sender, long at, boolean clearsPending) {
        int me = sender.ordinal();
        long ack = (isn[sender.reverse().ordinal()] + 1) & 0xffffffffL;
        for (long[] e : received.get(me)) {
            if (e[0] + rtt <= at) {
                ack = e[1];
            }
        }
        if (clearsPending) {
            ArrayDeque<long[]> queue = pending.get(me);
            while (!queue.isEmpty() && queue.peekFirst()[0] + rtt <= at) {
                queue.pollFirst();
            }
        }
        return (int) ack;
    }

    /** Emits, in time order, every delayed ACK due no later than {@code limit}. */
    private void emitDueAcks(long limit) {
        while (true) {
            long bestDue = Long.MAX_VALUE;
            int best = -1;
            for (int side = 0; side < 2; side++) {
                ArrayDeque<long[]> queue = pending.get(side);
                if (queue.isEmpty()) {
                    continue;
                }
                long due;
                if (queue.size() >= 2) {
                    long[] first = queue.pollFirst();
                    due = queue.peekFirst()[0] + rtt;
                    queue.addFirst(first);
                } else {
                    due = queue.peekFirst()[0] + rtt + DELAYED_ACK_NANOS;
                }
                if (due < bestDue) {
                    bestDue = due;
                    best = side;
                }
            }
            if (best < 0 || bestDue > limit) {
                return;
            }
            Direction sender = Direction.values()[best];
            int ack = ackFrom(sender, bestDue, true);
            out.add(new Segment(bestDue, sender, nextSeqAt(sender, bestDue), ack, PacketBuilder.ACK));
        }
    }

    /** The sequence number of a pure ACK: the end of what the side has sent before {@code at}. */
    private int nextSeqAt(Direction d, long at) {
        int seq = isn[d.ordinal()] + 1;
        for (Segment s : out) {
            if (s.direction == d && s.payloadLength > 0 && s.timestampNanos <= at) {
                seq = Math.max(seq - isn[d.ordinal()], s.seq + s.payloadLength - isn[d.ordinal()]) + isn[d.ordinal()];
            }
        }
        return seq;
    }
}
