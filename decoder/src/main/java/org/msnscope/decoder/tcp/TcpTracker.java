package org.msnscope.decoder.tcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.flow.Flow;
import org.msnscope.decoder.flow.FlowTable;
import org.msnscope.decoder.net.PacketView;

/**
 * Follows TCP connections: finds or starts the flow of each segment, decides which side is the
 * client, feeds the direction's {@link TcpReassembler}, ends flows on RST, on both FINs, after idle
 * time or by eviction, and lets ended flows linger so late packets start nothing.
 */
public final class TcpTracker {
    private final TcpContext ctx;
    private final FlowTable table;
    private long flowsCreated;

    public TcpTracker(Limits limits, Emitter emitter) {
        this.ctx = new TcpContext(limits, emitter);
        this.table = new FlowTable(limits.maxFlows(), granularityNanos(limits));
    }

    /** A sixteenth of the shortest timeout, at most a second: timeouts stay within ~6% of exact. */
    public static long granularityNanos(Limits limits) {
        return Math.min(FlowTable.MAX_ACTIVITY_GRANULARITY_NANOS,
                Math.min(limits.flowIdleTimeoutNanos(), limits.closedFlowLingerNanos()) / 16);
    }

    /**
     * True when {@link #expire} at {@code nowNanos} looks at the flows, given the time it last did
     * ({@code lastNanos}): once per granularity of capture time, and whenever time runs backwards.
     * Decoder shards learn from it which packets make every shard expire its flows.
     */
    public static boolean expiryDue(long nowNanos, long lastNanos, long granularityNanos) {
        return !(nowNanos >= lastNanos && nowNanos - lastNanos < granularityNanos);
    }

    /** What {@link #expire} starts from. */
    public static final long NEVER_EXPIRED = Long.MIN_VALUE / 2;

    private long lastExpiryNanos = NEVER_EXPIRED;

    public void setListener(TcpStreamListener listener) {
        ctx.listener = listener == null ? TcpStreamListener.NONE : listener;
    }

    /** True for ports a server listens on: MSNP (1863, 1864), HTTP(S) proxies, direct connect, well-known. */
    public static boolean isServerPort(int port) {
        return port < 1024 || port == 1863 || port == 1864 || port == 8080 || (port >= 6891 && port <= 6900);
    }

    private Flow[] candidates = new Flow[0];
    /** Written so the warming loads cannot be optimised away. */
    private long warmSink;

    /**
     * Brings the state of the flows a batch of packets belongs to into the CPU caches: first the
     * table slots, then the flows, then each direction's reassembler, every step a loop of
     * independent loads that the CPU overlaps. With thousands of interleaved flows each packet
     * otherwise waits for three or four cache misses in turn. Changes nothing.
     *
     * @param hashes {@link FlowTable#keyHash} of each packet's key, 0 for packets that are not TCP
     */
    public void warm(int[] hashes, int n) {
        if (candidates.length < n) {
            candidates = new Flow[n];
        }
        table.candidates(hashes, n, candidates);
        long sink = 0;
        for (int i = 0; i < n; i++) {
            // the key's line, the references' line and the TCP part's line, three independent loads
            if (candidates[i] instanceof TcpFlow f) {
                sink += f.lastTsNanos() + f.status().ordinal() + f.packets;
            }
        }
        for (int i = 0; i < n; i++) {
            if (candidates[i] instanceof TcpFlow f) {
                sink += f.c2s.warm() + f.s2c.warm();
            }
            candidates[i] = null;
        }
        warmSink += sink;
    }

    /** One decoded TCP segment; the emitter is already set to its packet. */
    public void segment(PacketView v, long frame, long tsNanos, int tsDigits) {
        TcpFlow f = (TcpFlow) table.find(v.v6, v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort);
        boolean synOnly = v.syn() && !v.hasAck();
        if (f != null && f.status() == Flow.Status.LINGERING) {
            if (!synOnly) {
                return; // a late ACK or retransmission of an ended flow
            }
            table.remove(f); // port reuse
            f = null;
        }
        if (f == null) {
            if (v.rst() || (!v.syn() && v.payloadWireLength == 0)) {
                return;
            }
            f = start(v, frame, tsNanos, tsDigits);
        }
        f.packets++;
        f.currentFrame = frame;
        f.currentTsNanos = tsNanos;
        f.currentTsDigits = tsDigits;
        table.touch(f, tsNanos);
        boolean fromClient = f.fromClient(v.srcHi, v.srcLo, v.srcPort);
        TcpReassembler d = f.direction(fromClient);
        TcpReassembler r = f.direction(!fromClient);
        d.settleAckedHole(tsNanos);
        r.settleAckedHole(tsNanos);
        int seq = v.seq;
        if (v.syn()) {
            d.syn(seq);
            seq++;
            if (v.hasAck()) {
                r.startAt(v.ack);
            }
        }
        if (v.rst()) {
            end(f, "rst", true);
            return;
        }
        if (v.payloadWireLength > 0 || v.fin()) {
            d.segment(seq, v.buf, v.payloadOffset, v.payloadLength, v.payloadWireLength, v.fin(), frame, tsNanos);
        }
        if (v.hasAck()) {
            r.peerAcked(v.ack, tsNanos);
        }
        if (d.closed() && r.closed()) {
            end(f, "fin", true);
        }
    }

    private TcpFlow start(PacketView v, long frame, long tsNanos, int tsDigits) {
        while (table.full()) {
            Flow gone = table.oldestLingering();
            if (gone != null) {
                table.remove(gone);
                continue;
            }
            TcpFlow victim = (TcpFlow) table.oldestActive();
            ctx.emitter.anomaly(victim.id(), AnomalyCode.FLOW_TABLE_FULL, ctx.limits.maxFlows()
                    + " flows tracked; evicted the least recently active " + victim.id());
            end(victim, "evicted", false);
        }
        boolean clientIsSrc;
        if (v.syn()) {
            clientIsSrc = !v.hasAck();
        } else {
            boolean srcServer = isServerPort(v.srcPort);
            boolean dstServer = isServerPort(v.dstPort);
            clientIsSrc = srcServer != dstServer ? dstServer : v.srcPort >= v.dstPort;
        }
        flowsCreated++;
        TcpFlow f = new TcpFlow(ctx, ctx.emitter.ids().next(org.msnscope.decoder.event.Ids.FLOW), v.v6, v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort,
                clientIsSrc);
        f.currentFrame = frame;
        f.currentTsNanos = tsNanos;
        f.currentTsDigits = tsDigits;
        f.midstream = !v.syn();
        table.addActive(f, tsNanos);
        ctx.emitter.flowStart(f.id(), f.client(), f.server(), !v.syn());
        ctx.listener.flowStarted(f);
        return f;
    }

    /**
     * Ends a flow. A closed connection (FIN, RST, capture end) lingers so its late ACKs and
     * retransmissions start nothing; one that went quiet or was evicted was never closed, so its
     * key is dropped and any later packet is new activity (a mid-stream flow).
     */
    private void end(TcpFlow f, String reason, boolean lingers) {
        f.c2s.end();
        f.s2c.end();
        ctx.listener.flowEnded(f, reason);
        ctx.emitter.flowEnd(f.id(), reason, f.bytesC2s(), f.bytesS2c(), f.gaps(), f.gapBytes(), f.packets);
        if (lingers) {
            table.toLinger(f, ctx.emitter.tsNanos());
        } else {
            table.remove(f);
        }
    }

    /**
     * Ends flows idle too long and forgets lingering keys, at capture time {@code nowNanos}. Looks
     * at most once per {@link FlowTable#granularityNanos()} of capture time (and whenever
     * time runs backwards), the precision the active list keeps anyway.
     */
    public void expire(long nowNanos) {
        if (!expiryDue(nowNanos, lastExpiryNanos, table.granularityNanos())) {
            return;
        }
        lastExpiryNanos = nowNanos;
        // The list is ordered to the granularity only: collect what is idle, end it oldest first.
        List<TcpFlow> idle = null;
        for (Flow f = table.oldestActive(); f != null
                && nowNanos - f.queuedTsNanos() > ctx.limits.flowIdleTimeoutNanos(); f = table.nextActive(f)) {
            if (nowNanos - f.lastTsNanos() > ctx.limits.flowIdleTimeoutNanos()) {
                if (idle == null) {
                    idle = new ArrayList<>();
                }
                idle.add((TcpFlow) f);
            }
        }
        if (idle != null) {
            idle.sort(Comparator.comparingLong(Flow::lastTsNanos).thenComparingLong(Flow::number));
            Emitter e = ctx.emitter;
            long ts = e.tsNanos();
            int digits = e.tsDigits();
            long frame = e.frame();
            for (TcpFlow f : idle) {
                e.at(f.currentTsNanos, f.currentTsDigits, f.currentFrame);
                e.order.sub(f.lastTsNanos(), f.number(), 0); // the order the sort above gives
                end(f, "idle_timeout", false);
            }
            e.at(ts, digits, frame);
        }
        Flow head;
        while ((head = table.oldestLingering()) != null
                && nowNanos - head.lingerSinceNanos() > ctx.limits.closedFlowLingerNanos()) {
            table.remove(head);
        }
    }

    /** The capture is over: every open flow ends ({@code capture_end}) in flow-id order. */
    public void finish() {
        for (Flow f : table.activeByNumber()) {
            ctx.emitter.order.sub(f.number(), 0, 0);
            end((TcpFlow) f, "capture_end", true);
        }
    }

    /** Flows open now (not counting ended ones still lingering). */
    public int activeFlows() {
        return table.activeCount();
    }

    public long flows() {
        return flowsCreated;
    }

    public long gaps() {
        return ctx.gaps;
    }

    public long gapBytes() {
        return ctx.gapBytes;
    }

    public long retransmittedBytes() {
        return ctx.retransmittedBytes;
    }

    /** Bytes held out of order across all flows right now. */
    public long heldBytes() {
        return ctx.heldBytesTotal;
    }

    public FlowTable table() {
        return table;
    }
}
