package org.msnscope.decoder;

import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.flow.FlowTable;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;
import org.msnscope.decoder.tcp.TcpStreamListener;
import org.msnscope.decoder.tcp.TcpTracker;

/**
 * Turns captured packets into flow events and in-order TCP streams: link/IP/TCP decoding
 * ({@link PacketDecoder}), the flow table and reassembly ({@link TcpTracker}), and the counters
 * in {@link DecodeStats}. Packets go in capture order; bad bytes never throw.
 */
public final class Decoder implements PacketConsumer {
    /** Packets between two reports of the same malformation outside any flow. */
    public static final int MALFORMED_REPORT_INTERVAL = 1000;

    private final Emitter emitter;
    private final Limits limits;
    private final PacketDecoder net;
    private final TcpTracker tcp;
    private final PacketView view = new PacketView();
    private final long[] lastReportAt = new long[NetResult.values().length];
    private final long[] suppressed = new long[NetResult.values().length];

    private long packets;
    private long capturedBytes;
    private long wireBytes;
    private long tcpPackets;
    private long nonTcpPackets;
    private long truncatedPackets;
    private long malformedPackets;
    private long firstTsNanos;
    private long lastTsNanos;
    private boolean finished;
    /** The current packet's index in the whole capture (from 0). */
    private long packetIndex;
    /** Sharded: 1 when the current packet is the capture's first truncated one, else 0; -1 when not sharded. */
    private int firstTruncated = -1;
    private org.msnscope.decoder.msnp.session.MsnpLayer msnp;

    public Decoder(Limits limits, EventSink sink) {
        this.limits = limits;
        this.emitter = new Emitter(sink);
        this.net = new PacketDecoder(limits, emitter);
        this.tcp = new TcpTracker(limits, emitter);
        java.util.Arrays.fill(lastReportAt, Long.MIN_VALUE / 2);
    }

    /** Decodes MSNP on every flow (framing, commands, sessions); returns the layer for its counters. */
    public org.msnscope.decoder.msnp.session.MsnpLayer enableMsnp() {
        org.msnscope.decoder.msnp.session.MsnpLayer layer = new org.msnscope.decoder.msnp.session.MsnpLayer(limits, emitter);
        // HTTP on any port: the MSN HTTP gateway (rebuilt MSNP streams) and the SOAP services
        layer.setHttp(new org.msnscope.decoder.http.HttpLayer(limits.http(), emitter, java.util.List.of(
                new org.msnscope.decoder.gateway.Gateway(layer, limits.http(), emitter),
                new org.msnscope.decoder.soap.Soap())));
        tcp.setListener(layer);
        this.msnp = layer;
        return layer;
    }

    /** The layer that receives each flow's reassembled bytes (MSNP framing); optional. */
    public void setStreamListener(TcpStreamListener upper) {
        tcp.setListener(upper);
    }

    /** Packets per batch when batching is on (see {@link #setBatching}). */
    public static final int DEFAULT_BATCH = 32;
    /** Largest batch accepted. */
    public static final int MAX_BATCH = 1024;
    /**
     * Batching pays only when the flows' state no longer fits the CPU caches: below this many open
     * flows packets are decoded at once even with batching on (copying them costs more than the
     * misses it hides; 100 flows: 82 ns per packet unbatched, 144 batched).
     */
    public static final int BATCH_MIN_OPEN_FLOWS = 1024;
    /** Packets larger than this are decoded at once rather than copied into the batch. */
    public static final int MAX_BATCHED_PACKET_BYTES = 64 << 10;

    private int batchSize = 1;
    private int minOpenFlowsToBatch = BATCH_MIN_OPEN_FLOWS;
    private RawPacket[] pending = new RawPacket[0];
    private int[] pendingHashes = new int[0];
    /** Each waiting packet's headers, decoded once ahead; reused for TCP packets (no side effects). */
    private PacketView[] pendingViews = new PacketView[0];
    private int pendingCount;

    /**
     * Decodes packets in batches: each packet is copied into the batch (its view would not outlive
     * the reader's next call), and when the batch is full the state of the flows it touches is
     * brought into the CPU caches with overlapping loads before the packets are decoded one by one,
     * in order, exactly as without batching (the events are identical). Worth it with many
     * interleaved flows; {@link #flush()} decodes what is waiting (a live capture calls it when
     * idle), {@link #finish()} does too. 1 (the default) turns batching off.
     */
    public void setBatching(int packets) {
        setBatching(packets, BATCH_MIN_OPEN_FLOWS);
    }

    /** As {@link #setBatching(int)}, batching only while at least {@code minOpenFlows} flows are open. */
    public void setBatching(int packets, int minOpenFlows) {
        flush();
        minOpenFlowsToBatch = Math.max(0, minOpenFlows);
        batchSize = Math.max(1, Math.min(MAX_BATCH, packets));
        pending = new RawPacket[batchSize];
        for (int i = 0; i < batchSize; i++) {
            pending[i] = new RawPacket();
        }
        pendingHashes = new int[batchSize];
        pendingViews = new PacketView[batchSize];
        for (int i = 0; i < batchSize; i++) {
            pendingViews[i] = new PacketView();
        }
    }

    /** One captured packet, in capture order. Never throws for bad bytes. */
    @Override
    public void packet(RawPacket p) {
        if (batchSize == 1) {
            process(p, null);
            return;
        }
        if (pendingCount == 0 && tcp.activeFlows() < minOpenFlowsToBatch) {
            process(p, null);
            return;
        }
        byte[] src = p.data;
        int len = p.capturedLength;
        if (src == null || p.offset < 0 || len < 0 || len > src.length - p.offset || len > MAX_BATCHED_PACKET_BYTES) {
            flush(); // unusual: decoded on its own, in order
            process(p, null);
            return;
        }
        RawPacket copy = pending[pendingCount];
        byte[] dst = copy.data;
        copy.set(p);
        if (dst == null || dst.length < len) {
            dst = new byte[Math.max(len, 2048)];
        }
        System.arraycopy(src, p.offset, dst, 0, len);
        copy.data = dst;
        copy.offset = 0;
        if (++pendingCount == batchSize) {
            flush();
        }
    }

    /** Decodes the packets waiting in the current batch (nothing when batching is off). */
    public void flush() {
        int n = pendingCount;
        if (n == 0) {
            return;
        }
        pendingCount = 0;
        for (int i = 0; i < n; i++) {
            PacketView v = pendingViews[i];
            int h = 0;
            if (net.peek(pending[i], v) == NetResult.TCP) {
                h = FlowTable.keyHash(v.v6, v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort);
                h = h == 0 ? 1 : h;
            }
            pendingHashes[i] = h;
        }
        tcp.warm(pendingHashes, n);
        for (int i = 0; i < n; i++) {
            process(pending[i], pendingHashes[i] != 0 ? pendingViews[i] : null);
        }
    }

    /** @param decodedTcp the packet's headers when already decoded as a (non-fragment) TCP segment, else null */
    private void process(RawPacket p, PacketView decodedTcp) {
        long ts = p.timestampNanos;
        if (packets == 0) {
            firstTsNanos = ts;
        }
        packets++;
        if (firstTruncated < 0) {
            packetIndex = packets - 1;
        }
        lastTsNanos = ts;
        capturedBytes += Math.max(0, p.capturedLength);
        wireBytes += Math.max(p.originalLength, p.capturedLength);
        emitter.at(ts, p.timestampDigits, p.frameNumber);
        org.msnscope.decoder.event.Order order = emitter.order;
        long base = packetIndex * org.msnscope.decoder.event.Order.PHASES;
        order.set(base + org.msnscope.decoder.event.Order.PRE, 0, 0, 0);
        boolean truncated = p.truncated();
        if (truncated && (firstTruncated < 0 ? truncatedPackets == 0 : firstTruncated == 1)) {
            // snaplen cuts every packet alike: report the first, count the rest (stats); the
            // payload bytes cut off become TCP gaps where they matter
            emitter.anomaly(null, AnomalyCode.PACKET_TRUNCATED, p.capturedLength + " of " + p.originalLength
                    + " bytes captured (snap length); further truncated packets are only counted");
        }
        if (truncated) {
            truncatedPackets++;
        }
        expire(ts, base);
        order.set(base + org.msnscope.decoder.event.Order.PACKET, 0, 0, 0);
        PacketView v = decodedTcp != null ? decodedTcp : view;
        NetResult r = decodedTcp != null ? NetResult.TCP : net.decode(p, view);
        switch (r) {
            case TCP -> {
                tcpPackets++;
                tcp.segment(v, p.frameNumber, ts, p.timestampDigits);
            }
            case NOT_IP, NOT_TCP -> nonTcpPackets++;
            case FRAGMENT, TRUNCATED -> { }
            case MALFORMED_LINK -> malformed(r, AnomalyCode.MALFORMED_LINK);
            case MALFORMED_IP -> malformed(r, AnomalyCode.MALFORMED_IP);
            case MALFORMED_TCP -> malformed(r, AnomalyCode.MALFORMED_TCP);
            case UNSUPPORTED_LINK -> {
                nonTcpPackets++;
                report(r, AnomalyCode.UNSUPPORTED_LINK_TYPE);
            }
        }
    }

    private void expire(long ts, long base) {
        emitter.order.set(base + org.msnscope.decoder.event.Order.EXPIRY, 0, 0, 0);
        tcp.expire(ts);
        emitter.order.set(base + org.msnscope.decoder.event.Order.FRAGMENTS, 0, 0, 0);
        net.fragments().expire(ts);
    }

    // ---------------------------------------------------------------- sharded decoding (decoder.shard)

    /**
     * A packet given to this decoder as one shard of several: {@code index} is its place in the
     * whole capture (the malformation reports count packets by it), {@code firstTruncated} whether
     * it is the capture's first truncated packet (the one reported).
     */
    public void shardPacket(RawPacket p, long index, boolean firstTruncated) {
        packetIndex = index;
        this.firstTruncated = firstTruncated ? 1 : 0;
        process(p, null);
    }

    /**
     * Another shard's packet at which every shard expires what went idle, as one decoder does on
     * each packet: the events it causes carry that packet's stamp.
     */
    public void shardExpire(long tsNanos, int tsDigits, long frame, long index) {
        emitter.at(tsNanos, tsDigits, frame);
        expire(tsNanos, index * org.msnscope.decoder.event.Order.PHASES);
    }

    /** A capture reader's problem, reported after {@code index} packets, stamped with the last packet. */
    public void shardProblem(CaptureProblem problem, long tsNanos, int tsDigits, long frame, long index) {
        emitter.at(tsNanos, tsDigits, frame);
        emitter.order.set(index * org.msnscope.decoder.event.Order.PHASES + org.msnscope.decoder.event.Order.PROBLEM,
                0, 0, 0);
        captureProblem(problem);
    }

    /** The capture is over after {@code count} packets, the last one stamped as given. */
    public void shardFinish(long tsNanos, int tsDigits, long frame, long count) {
        emitter.at(tsNanos, tsDigits, frame);
        finish((count + 1) * org.msnscope.decoder.event.Order.PHASES);
    }

    /** Shares the id counters of all shards (see {@link org.msnscope.decoder.event.Ids}). */
    public void setIds(org.msnscope.decoder.event.Ids ids) {
        emitter.setIds(ids);
    }

    /** Where the work being done stands in the capture's order (sharded decoding merges by it). */
    public org.msnscope.decoder.event.Order order() {
        return emitter.order;
    }

    /** The layer {@link #enableMsnp} returned, or null. */
    public org.msnscope.decoder.msnp.session.MsnpLayer msnp() {
        return msnp;
    }

    private void malformed(NetResult r, AnomalyCode code) {
        malformedPackets++;
        report(r, code);
    }

    /** At most one report per kind per {@link #MALFORMED_REPORT_INTERVAL} packets; the rest are counted. */
    private void report(NetResult r, AnomalyCode code) {
        int k = r.ordinal();
        long packets = packetIndex + 1;
        if (packets - lastReportAt[k] < MALFORMED_REPORT_INTERVAL) {
            suppressed[k]++;
            return;
        }
        String detail = view.problem + ": " + view.problemValue;
        if (suppressed[k] > 0) {
            detail += " (" + suppressed[k] + " more since the last report)";
        }
        lastReportAt[k] = packets;
        suppressed[k] = 0;
        emitter.anomaly(null, code, detail);
    }

    /** A problem a capture reader reported: becomes an anomaly stamped with the last packet seen. */
    @Override
    public void captureProblem(CaptureProblem problem) {
        flush();
        AnomalyCode code;
        if (problem.fatal()) {
            code = AnomalyCode.CAPTURE_FILE_ERROR;
        } else if ("truncated_record".equals(problem.code())) {
            code = AnomalyCode.CAPTURE_TRUNCATED_RECORD;
        } else if ("skipped_block".equals(problem.code())) {
            code = AnomalyCode.CAPTURE_SKIPPED_BLOCK;
        } else if ("resync".equals(problem.code())) {
            code = AnomalyCode.CAPTURE_RESYNC;
        } else if ("concatenated".equals(problem.code())) {
            code = AnomalyCode.CAPTURE_CONCATENATED;
        } else {
            code = AnomalyCode.CAPTURE_PROBLEM;
        }
        emitter.anomaly(null, code, problem.describe());
    }

    /** The capture is over: every open flow ends ({@code capture_end}) in flow-id order. */
    @Override
    public void finish() {
        finish((packets + 1) * org.msnscope.decoder.event.Order.PHASES);
    }

    /** Ends what is open in four steps, each its own place {@code end}, {@code end + 1}... in the order. */
    private void finish(long end) {
        flush();
        if (finished) {
            return;
        }
        finished = true;
        org.msnscope.decoder.event.Order order = emitter.order;
        order.set(end, 0, 0, 0);
        tcp.finish();
        order.set(end + 1, 0, 0, 0);
        net.fragments().finish();
        if (msnp != null) {
            order.set(end + 2, 0, 0, 0);
            msnp.finishHttp();
            order.set(end + 3, 0, 0, 0);
            msnp.finishTransfers();
        }
    }

    /** Bytes held out of order across all flows right now (0 once every flow ended). */
    long heldBytes() {
        return tcp.heldBytes();
    }

    /** Counters so far; packets still waiting in a batch are not counted until {@link #flush()}. */
    @Override
    public DecodeStats stats() {
        return new DecodeStats(packets, capturedBytes, wireBytes, tcpPackets, nonTcpPackets, tcp.flows(), tcp.gaps(),
                tcp.gapBytes(), truncatedPackets, malformedPackets, net.ipFragments(), tcp.retransmittedBytes(),
                emitter.anomalies(), firstTsNanos, lastTsNanos);
    }
}
