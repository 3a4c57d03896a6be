package org.msnscope.decoder.tcp;

import java.util.Arrays;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * Puts one direction of a TCP connection back in order. In-order bytes go to the listener as a
 * zero-copy view of the packet; bytes ahead of the next expected sequence number are copied and
 * held (bounded) until the hole before them fills or is declared lost. Retransmitted bytes are
 * dropped and counted; overlapping copies keep the first and report different bytes.
 *
 * <p>Sequence numbers are compared wrap-safe as {@code (int) (a - b)}; positions in the stream are
 * longs counted from the byte after the SYN (or, picked up mid-stream, from the first payload seen).
 */
final class TcpReassembler implements HeldSegments.Overlaps {
    private enum State { AWAITING_START, STREAMING, CLOSED }

    /** Conflicting retransmissions of delivered bytes reported per direction; later ones are only counted. */
    static final int MAX_CONFLICT_REPORTS = 8;

    private final TcpContext ctx;
    private final TcpFlow flow;
    private final boolean fromClient;
    private State state = State.AWAITING_START;
    private int baseSeq;
    private long nextOffset;
    private long finOffset = -1;
    /** End of a hole the peer has acknowledged but the capture has not shown yet (-1: none). */
    private long ackedHoleEnd = -1;
    private long ackedHoleSinceNanos;
    /** Bytes ahead of a hole; null until the first is held. */
    private HeldSegments held;
    /** Set while one segment is stored, so it reports at most one conflict with held bytes. */
    private boolean conflictInThisSegment;
    private long delivered;
    private long gaps;
    private long gapBytes;
    /**
     * Recently delivered bytes, to compare retransmissions with. Allocated when this direction
     * first shows a retransmission (a path that loses or duplicates once usually does again), so
     * clean streams pay nothing; null before that, when turned off, or over the total budget.
     */
    private DeliveredTail tail;
    private boolean retransmissionSeen;
    private int conflictsReported;

    TcpReassembler(TcpContext ctx, TcpFlow flow, boolean fromClient) {
        this.ctx = ctx;
        this.flow = flow;
        this.fromClient = fromClient;
    }

    /** Reads the fields the next segment will need (see {@link TcpTracker#warm}). */
    long warm() {
        // one field from each cache line of the object (longs are laid out first, references last)
        return nextOffset + baseSeq + delivered + state.ordinal() + (held == null ? 0 : 1);
    }

    long delivered() {
        return delivered;
    }

    long gaps() {
        return gaps;
    }

    long gapBytes() {
        return gapBytes;
    }

    /** True once the FIN was delivered in sequence (or the flow ended). */
    boolean closed() {
        return state == State.CLOSED;
    }

    int heldSegments() {
        return held == null ? 0 : held.count();
    }

    /** True once this direction's sequence numbers have an origin (SYN, SYN-ACK or first payload). */
    boolean started() {
        return state != State.AWAITING_START;
    }

    /** The sequence number of stream offset 0 (meaningful once {@link #started()}). */
    int baseSeq() {
        return baseSeq;
    }

    private int nextSeq() {
        return baseSeq + (int) nextOffset;
    }

    /** A SYN with initial sequence number {@code isn} came from this side. */
    void syn(int isn) {
        switch (state) {
            case AWAITING_START -> startAt(isn + 1);
            case STREAMING -> {
                // a retransmitted SYN changes nothing; a new ISN before any data re-bases the stream
                if (nextOffset == 0 && heldSegments() == 0) {
                    baseSeq = isn + 1;
                }
            }
            case CLOSED -> { }
        }
    }

    /** The first byte of this direction has sequence number {@code seq} (no effect once started). */
    void startAt(int seq) {
        if (state == State.AWAITING_START) {
            baseSeq = seq;
            nextOffset = 0;
            state = State.STREAMING;
        }
    }

    /**
     * One segment from this side.
     *
     * @param capLen payload bytes in the capture
     * @param wireLen payload bytes the segment had (more when snaplen cut it)
     */
    void segment(int seq, byte[] buf, int off, int capLen, int wireLen, boolean fin, long frame, long tsNanos) {
        switch (state) {
            case AWAITING_START -> awaitingStart(seq, buf, off, capLen, wireLen, fin, frame, tsNanos);
            case STREAMING -> streaming(seq, buf, off, capLen, wireLen, fin, frame, tsNanos);
            case CLOSED -> closed(seq, wireLen);
        }
    }

    private void awaitingStart(int seq, byte[] buf, int off, int capLen, int wireLen, boolean fin, long frame,
            long tsNanos) {
        if (wireLen == 0 && !fin) {
            return;
        }
        startAt(seq);
        streaming(seq, buf, off, capLen, wireLen, fin, frame, tsNanos);
    }

    private void streaming(int seq, byte[] buf, int off, int capLen, int wireLen, boolean fin, long frame,
            long tsNanos) {
        // a keep-alive (seq = next - 1, zero or one byte) lands entirely on delivered bytes: dropped below
        int rel = seq - nextSeq();
        long segOff = nextOffset + rel;
        long wireEnd = segOff + wireLen;
        if (fin) {
            finOffset = Math.max(wireEnd, nextOffset);
        }
        if (finOffset >= 0 && wireEnd > finOffset) {
            wireEnd = finOffset;
        }
        long capEnd = Math.min(segOff + capLen, wireEnd);
        if (wireEnd > segOff) {
            if (segOff <= nextOffset) {
                ctx.retransmittedBytes += Math.min(wireEnd, nextOffset) - segOff;
                checkRetransmission(segOff, buf, off, Math.min(capEnd, nextOffset), wireLen);
                if (capEnd > nextOffset) {
                    deliverInOrder(buf, off + (int) (nextOffset - segOff), capEnd, frame, tsNanos);
                }
                if (wireEnd > capEnd && wireEnd > nextOffset) {
                    lostUpTo(wireEnd); // the capture cut this segment's tail: those bytes are gone
                }
            } else if (capEnd > segOff) {
                hold(segOff, buf, off, (int) (capEnd - segOff), frame, tsNanos);
            }
        }
        if (ackedHoleEnd >= 0 && state == State.STREAMING) {
            if (ackedHoleEnd <= nextOffset) {
                ackedHoleEnd = -1;
            } else if (segOff >= ackedHoleEnd) {
                declareAckedHole(); // data newer than all the peer acknowledged: the missing bytes are not coming
            }
        }
        if (fin && finOffset > nextOffset) {
            // a hole before the FIN: the missing bytes may still come (a FIN captured before the
            // last segment); it waits like an acknowledged hole
            if (ackedHoleEnd <= nextOffset) {
                ackedHoleSinceNanos = tsNanos;
            }
            ackedHoleEnd = Math.max(ackedHoleEnd, finOffset);
        }
        if (ackedHoleEnd > finOffset && finOffset >= 0) {
            ackedHoleEnd = finOffset; // the ACK of a FIN covers its sequence number, not data
        }
        closeIfFinReached();
    }

    /** Once every byte before the FIN is delivered (or declared lost), this direction is closed. */
    private void closeIfFinReached() {
        if (state == State.STREAMING && finOffset >= 0 && nextOffset >= finOffset) {
            state = State.CLOSED;
            ackedHoleEnd = -1;
            release();
        }
    }

    private void closed(int seq, int wireLen) {
        if (wireLen > 0 && finOffset >= 0) {
            long segOff = nextOffset + (seq - nextSeq());
            long dup = Math.min(segOff + wireLen, finOffset) - segOff;
            if (dup > 0) {
                ctx.retransmittedBytes += Math.min(dup, wireLen);
            }
        }
    }

    /**
     * The other side acknowledged up to {@code ack}: bytes below it that the capture lacks were
     * sent. They are not declared lost yet: a capture can hold an ACK before the data it
     * acknowledges (the two directions reordered on the way to the capture point). See
     * {@link #settleAckedHole(long)}.
     */
    void peerAcked(int ack, long tsNanos) {
        if (state != State.STREAMING) {
            return;
        }
        int rel = ack - nextSeq();
        if (rel > 0) {
            long end = finOffset >= 0 ? Math.min(nextOffset + rel, finOffset) : nextOffset + rel;
            if (end <= nextOffset) {
                return;
            }
            if (ackedHoleEnd <= nextOffset) { // none pending, or the last one was filled: a new hole
                ackedHoleSinceNanos = tsNanos;
                ackedHoleEnd = end;
            } else {
                ackedHoleEnd = Math.max(ackedHoleEnd, end);
            }
        }
    }

    /**
     * Declares an acknowledged hole lost once the capture has had its chance to show the missing
     * bytes: {@link org.msnscope.decoder.Limits#ackedHoleGraceNanos()} of capture time after the
     * ACK (checked at every packet of the flow), or at once when this direction sends data past
     * everything the peer acknowledged; limits and the end of the flow declare it too.
     */
    void settleAckedHole(long tsNanos) {
        if (ackedHoleEnd < 0) {
            return;
        }
        if (state != State.STREAMING || ackedHoleEnd <= nextOffset) {
            ackedHoleEnd = -1;
        } else if (tsNanos - ackedHoleSinceNanos >= ctx.limits.ackedHoleGraceNanos()) {
            declareAckedHole();
        }
    }

    private void declareAckedHole() {
        long end = ackedHoleEnd;
        ackedHoleEnd = -1;
        lostUpTo(end);
        closeIfFinReached();
    }

    /** The flow ended (RST, timeout, eviction, capture end): open holes are lost, buffers released. */
    void end() {
        if (state == State.STREAMING) {
            long target = Math.max(ackedHoleEnd, heldSegments() > 0 ? held.lastEnd() : -1);
            ackedHoleEnd = -1;
            if (target > nextOffset) {
                lostUpTo(target);
            }
        }
        state = State.CLOSED;
        release();
    }

    /** Delivers [nextOffset, capEnd) starting at buf[off], up to the first held byte; the rest via hold. */
    private void deliverInOrder(byte[] buf, int off, long capEnd, long frame, long tsNanos) {
        long start = nextOffset;
        long limit = capEnd;
        if (heldSegments() > 0) {
            limit = Math.min(limit, held.first().start);
        }
        if (limit > start) {
            emit(buf, off, (int) (limit - start), frame, tsNanos);
        }
        if (capEnd > nextOffset) {
            hold(nextOffset, buf, off + (int) (nextOffset - start), (int) (capEnd - nextOffset), frame, tsNanos);
        }
        drain();
    }

    /**
     * Bytes [segOff, dupEnd) were delivered before; compares them with what was delivered, as far
     * as the tail retains. Keep-alives (one byte just below the next sequence number, usually
     * garbage) are not compared.
     */
    private void checkRetransmission(long segOff, byte[] buf, int off, long dupEnd, int wireLen) {
        if (dupEnd <= segOff || (wireLen <= 1 && segOff == nextOffset - 1)) {
            return;
        }
        retransmissionSeen = true;
        if (tail == null) {
            return;
        }
        long diff = tail.firstDifference(segOff, buf, off, (int) (dupEnd - segOff));
        if (diff >= 0 && conflictsReported < MAX_CONFLICT_REPORTS) {
            conflictsReported++;
            ctx.emitter.anomaly(flow.id(), AnomalyCode.TCP_OVERLAP_CONFLICT, direction() + " offset " + segOff
                    + " length " + (dupEnd - segOff) + " (retransmission differs from delivered bytes at offset "
                    + diff + "; first copy kept)");
        }
    }

    private void recordTail(long at, byte[] buf, int off, int len) {
        if (tail == null) {
            if (!retransmissionSeen) {
                return;
            }
            int size = ctx.limits.overlapCheckBytesPerDirection();
            if (size <= 0 || ctx.tailBytesTotal + size > ctx.limits.overlapCheckBytesTotal()) {
                return;
            }
            tail = new DeliveredTail(size);
            ctx.tailBytesTotal += size;
        }
        tail.record(at, buf, off, len);
    }

    private void emit(byte[] buf, int off, int len, long frame, long tsNanos) {
        long at = nextOffset;
        recordTail(at, buf, off, len);
        nextOffset += len;
        delivered += len;
        ctx.listener.data(flow, fromClient, buf, off, len, at, frame, tsNanos);
    }

    /** Delivers held segments that became in order. */
    private void drain() {
        while (heldSegments() > 0) {
            if (held.first().start > nextOffset) {
                return;
            }
            HeldSegments.Piece h = held.pollFirst();
            ctx.heldBytesTotal -= h.bytesCopy.length;
            if (h.end() > nextOffset) {
                int skip = (int) (nextOffset - h.start);
                emit(h.bytesCopy, skip, h.bytesCopy.length - skip, h.frame, h.tsNanos);
            }
        }
    }

    /** Declares every hole below {@code target} lost, delivering the held data between them. */
    private void lostUpTo(long target) {
        while (nextOffset < target) {
            if (heldSegments() > 0 && held.first().start <= nextOffset) {
                drain();
                continue;
            }
            long gapEnd = heldSegments() > 0 ? Math.min(target, held.first().start) : target;
            declareGap(gapEnd - nextOffset);
        }
        drain();
    }

    private void declareGap(long length) {
        long at = nextOffset;
        nextOffset += length;
        gaps++;
        gapBytes += length;
        ctx.gaps++;
        ctx.gapBytes += length;
        ctx.emitter.anomaly(flow.id(), AnomalyCode.TCP_GAP, direction() + " offset " + at + " length " + length);
        ctx.listener.gap(flow, fromClient, at, length);
    }

    /** Copies the parts of [start, start+len) not already held, within the limits. */
    private void hold(long start, byte[] buf, int off, int len, long frame, long tsNanos) {
        if (held == null) {
            held = new HeldSegments();
        }
        held.measure(start, len);
        long newBytes = held.measuredBytes();
        if (held.bytes() + newBytes > ctx.limits.maxOutOfOrderBytesPerDirection()
                || held.count() + held.measuredPieces() > ctx.limits.maxOutOfOrderSegmentsPerDirection()
                || ctx.heldBytesTotal + newBytes > ctx.limits.maxOutOfOrderBytesTotal()) {
            overLimit(start, buf, off, len, frame, tsNanos);
            return;
        }
        conflictInThisSegment = false;
        ctx.heldBytesTotal += held.store(start, buf, off, len, frame, tsNanos, this);
    }

    /** New bytes met held ones: a retransmission; different bytes are a conflict (the held copy wins). */
    @Override
    public void overlap(HeldSegments.Piece h, long at, int heldFrom, byte[] buf, int bufAt, int n) {
        ctx.retransmittedBytes += n;
        retransmissionSeen = true;
        if (!conflictInThisSegment && !h.conflictReported
                && !Arrays.equals(h.bytesCopy, heldFrom, heldFrom + n, buf, bufAt, bufAt + n)) {
            conflictInThisSegment = true;
            h.conflictReported = true;
            ctx.emitter.anomaly(flow.id(), AnomalyCode.TCP_OVERLAP_CONFLICT, direction() + " offset " + at + " length " + n);
        }
    }

    /** Out-of-order limit hit: every hole before this segment is lost; deliver it directly. */
    private void overLimit(long start, byte[] buf, int off, int len, long frame, long tsNanos) {
        ctx.emitter.anomaly(flow.id(), AnomalyCode.TCP_OUT_OF_ORDER_LIMIT, direction() + " holding " + held.bytes()
                + " bytes in " + heldSegments() + " segments (limits: " + ctx.limits.maxOutOfOrderBytesPerDirection()
                + " bytes, " + ctx.limits.maxOutOfOrderSegmentsPerDirection() + " segments per direction, "
                + ctx.limits.maxOutOfOrderBytesTotal() + " bytes in all)");
        if (heldSegments() > 0) {
            lostUpTo(held.lastEnd());
        }
        if (start > nextOffset) {
            lostUpTo(start);
        }
        long end = start + len;
        if (end > nextOffset) {
            ctx.retransmittedBytes += nextOffset - start;
            emit(buf, off + (int) (nextOffset - start), (int) (end - nextOffset), frame, tsNanos);
        } else {
            ctx.retransmittedBytes += len;
        }
    }

    private void release() {
        if (tail != null) {
            ctx.tailBytesTotal -= tail.size();
            tail = null;
        }
        if (held != null) {
            ctx.heldBytesTotal -= held.clear();
            held = null;
        }
    }

    private String direction() {
        return fromClient ? "c2s" : "s2c";
    }
}
