package org.msnscope.decoder;

/**
 * Every bound on memory the decoder keeps, in one place. Exceeding one degrades in a defined way
 * and raises an anomaly (docs/robustness.md lists what each does when hit).
 *
 * @param maxFlows flows tracked at once; past it the least recently active flow is evicted. An MSNP flow
 *        holds about 1.9 KB of heap, so the default keeps the table near 125 MB (docs/robustness.md,
 *        "Resource bounds under pressure")
 * @param flowIdleTimeoutNanos capture time without packets after which a flow ends ({@code idle_timeout})
 * @param closedFlowLingerNanos how long an ended flow's key is remembered so late ACKs and
 *        retransmissions do not start a new flow (a new SYN always does)
 * @param maxOutOfOrderBytesPerDirection bytes held waiting for a hole to fill, per direction
 * @param maxOutOfOrderBytesTotal bytes held waiting for holes, across all flows
 * @param maxOutOfOrderSegmentsPerDirection segments held per direction
 * @param maxIpFragmentDatagrams IP datagrams being reassembled from fragments at once
 * @param maxIpDatagramBytes largest reassembled IP datagram
 * @param ipFragmentTimeoutNanos capture time after which an incomplete fragmented datagram is dropped
 * @param overlapCheckBytesPerDirection the last bytes each direction delivered, kept so that a later
 *        retransmission of them can be compared ({@code tcp_overlap_conflict}); 0 turns this off
 * @param overlapCheckBytesTotal those kept bytes across all flows; directions beyond it go unchecked
 * @param ackedHoleGraceNanos how long (capture time) a hole the peer has acknowledged may wait for its
 *        bytes before it is declared a gap: captures can carry an ACK before the data it acknowledges
 * @param msnp the bounds of the MSNP layer (framing, correlation, sessions)
 * @param p2p the bounds of P2P, MSNSLP and MSNFTP transfer reassembly
 * @param http the bounds of HTTP parsing (the MSN HTTP gateway and SOAP services)
 */
public record Limits(
        int maxFlows,
        long flowIdleTimeoutNanos,
        long closedFlowLingerNanos,
        int maxOutOfOrderBytesPerDirection,
        long maxOutOfOrderBytesTotal,
        int maxOutOfOrderSegmentsPerDirection,
        int maxIpFragmentDatagrams,
        int maxIpDatagramBytes,
        long ipFragmentTimeoutNanos,
        int overlapCheckBytesPerDirection,
        long overlapCheckBytesTotal,
        long ackedHoleGraceNanos,
        Msnp msnp,
        P2p p2p,
        Http http) {

    private static final long SECOND = 1_000_000_000L;

    public static Limits defaults() {
        return new Limits(
                65_536,
                600 * SECOND,
                30 * SECOND,
                1 << 20,
                256L << 20,
                1024,
                4096,
                65_535,
                60 * SECOND,
                2048,
                64L << 20,
                SECOND / 5,
                Msnp.defaults(),
                P2p.defaults(),
                Http.defaults());
    }

    /** These limits with other flow-table bounds (a change of one field does not mean repeating all). */
    public Limits withFlows(int maxFlows, long flowIdleTimeoutNanos, long closedFlowLingerNanos) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, maxOutOfOrderBytesPerDirection,
                maxOutOfOrderBytesTotal, maxOutOfOrderSegmentsPerDirection, maxIpFragmentDatagrams, maxIpDatagramBytes,
                ipFragmentTimeoutNanos, overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, msnp, p2p, http);
    }

    /** These limits with other bounds on data held ahead of a hole. */
    public Limits withOutOfOrder(int bytesPerDirection, long bytesTotal, int segmentsPerDirection) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, bytesPerDirection, bytesTotal,
                segmentsPerDirection, maxIpFragmentDatagrams, maxIpDatagramBytes, ipFragmentTimeoutNanos,
                overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, msnp, p2p, http);
    }

    /** These limits with other bounds on IP fragment reassembly. */
    public Limits withIpFragments(int datagrams, int datagramBytes, long timeoutNanos) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, maxOutOfOrderBytesPerDirection,
                maxOutOfOrderBytesTotal, maxOutOfOrderSegmentsPerDirection, datagrams, datagramBytes, timeoutNanos,
                overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, msnp, p2p, http);
    }

    /** These limits with other bounds for the MSNP layer. */
    public Limits withMsnp(Msnp m) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, maxOutOfOrderBytesPerDirection,
                maxOutOfOrderBytesTotal, maxOutOfOrderSegmentsPerDirection, maxIpFragmentDatagrams, maxIpDatagramBytes,
                ipFragmentTimeoutNanos, overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, m, p2p, http);
    }

    /** These limits with other bounds for transfer reassembly. */
    public Limits withP2p(P2p p) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, maxOutOfOrderBytesPerDirection,
                maxOutOfOrderBytesTotal, maxOutOfOrderSegmentsPerDirection, maxIpFragmentDatagrams, maxIpDatagramBytes,
                ipFragmentTimeoutNanos, overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, msnp, p, http);
    }

    /** These limits with other bounds for HTTP parsing. */
    public Limits withHttp(Http h) {
        return new Limits(maxFlows, flowIdleTimeoutNanos, closedFlowLingerNanos, maxOutOfOrderBytesPerDirection,
                maxOutOfOrderBytesTotal, maxOutOfOrderSegmentsPerDirection, maxIpFragmentDatagrams, maxIpDatagramBytes,
                ipFragmentTimeoutNanos, overlapCheckBytesPerDirection, overlapCheckBytesTotal, ackedHoleGraceNanos, msnp, p2p, h);
    }

    /**
     * The share of these limits that each of {@code shards} decoder threads gets ({@code --threads}):
     * every bound on a table or budget that a decoder holds across its connections is divided evenly
     * (flows, out-of-order and overlap-check bytes across flows, IP datagrams being reassembled,
     * switchboard cookies, transfer bytes held in memory, MSNSLP messages being reassembled, announced
     * direct-connection listeners, gateway sessions), so that all threads together hold no more than one
     * decoder does. Bounds per connection, per message or per object stay whole, and so does the count
     * of open transfers (each thread may hold {@code maxOpenTransfers} small records; the object bytes
     * they keep in memory are the divided {@code maxHeldBytes}). Each share is at least 1.
     */
    public Limits perShard(int shards) {
        if (shards <= 1) {
            return this;
        }
        Msnp m = new Msnp(msnp.maxLineBytes(), msnp.maxPayloadBytes(), msnp.maxProbeBytes(),
                msnp.maxPendingPerConnection(), share(msnp.maxExpectations(), shards), msnp.expectationTimeoutNanos(),
                msnp.maxParticipants(), msnp.maxUnknownVerbsReported(), msnp.maxBlockHeaders(),
                msnp.maxBlockHeaderBytes(), msnp.maxConversations());
        // open transfers stay whole: a record is small (the bytes held are the divided maxHeldBytes), and
        // hostile captures open thousands from one host pair, which a share would evict sooner than one decoder
        P2p p = new P2p(p2p.maxOpenTransfers(), p2p.maxObjectBytes(), p2p.spillBytes(),
                share(p2p.maxHeldBytes(), shards), p2p.maxSlpBytes(), share(p2p.maxPendingSlp(), shards),
                p2p.maxRanges(), share(p2p.maxDirectExpectations(), shards));
        Http h = new Http(http.maxLineBytes(), http.maxHeaderBytes(), http.maxHeaderCount(), http.maxBodyBytes(),
                http.maxChunkBytes(), http.maxPendingRequests(), share(http.maxGatewaySessions(), shards));
        return new Limits(share(maxFlows, shards), flowIdleTimeoutNanos, closedFlowLingerNanos,
                maxOutOfOrderBytesPerDirection, share(maxOutOfOrderBytesTotal, shards),
                maxOutOfOrderSegmentsPerDirection, share(maxIpFragmentDatagrams, shards), maxIpDatagramBytes,
                ipFragmentTimeoutNanos, overlapCheckBytesPerDirection, share(overlapCheckBytesTotal, shards),
                ackedHoleGraceNanos, m, p, h);
    }

    private static int share(int total, int shards) {
        return Math.max(1, total / shards);
    }

    private static long share(long total, int shards) {
        return Math.max(1, total / shards);
    }

    /**
     * Bounds of HTTP parsing: the MSN HTTP gateway and the SOAP services (docs/gateway.md).
     *
     * @param maxLineBytes longest request, status or header line
     * @param maxHeaderBytes bytes of one message head (start line and headers) held while it arrives;
     *        a longer head is dropped ({@code http_header_too_large}) and the parser resynchronises
     * @param maxHeaderCount header lines per message
     * @param maxBodyBytes largest body kept; a larger Content-Length is not believed
     *        ({@code http_body_too_large}), a chunked body past it is counted, not kept
     * @param maxChunkBytes largest chunk size believed ({@code http_chunk_too_large}); nothing is
     *        allocated for a larger one and the parser resynchronises
     * @param maxPendingRequests requests awaiting their response on one connection (pipelining)
     * @param maxGatewaySessions gateway sessions open at once; past it the least recently active ends
     *        ({@code gateway_session_limit})
     */
    public record Http(int maxLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes, int maxChunkBytes,
            int maxPendingRequests, int maxGatewaySessions) {
        public static Http defaults() {
            return new Http(8 << 10, 64 << 10, 128, 16 << 20, 16 << 20, 64, 4096);
        }
    }

    /**
     * Bounds of transfer reassembly (P2Pv1/v2 over the switchboard and direct connections, MSNFTP).
     *
     * @param maxOpenTransfers transfers offered or in progress at once; past it the least recently
     *        active one is closed as incomplete ({@code p2p_transfer_limit})
     * @param maxObjectBytes bytes kept of one object; the rest is counted but not stored and the
     *        transfer is marked {@code cut_off} (the CLI's {@code --max-size})
     * @param spillBytes bytes of one object held in memory; past it the object moves to a temporary file
     * @param maxHeldBytes bytes held in memory across all open transfers; past it the object being
     *        written moves to a temporary file
     * @param maxSlpBytes largest MSNSLP message (or P2P control message) reassembled
     * @param maxPendingSlp MSNSLP messages being reassembled at once
     * @param maxRanges separate byte ranges tracked per object; more fragmentation than this closes the
     *        transfer as incomplete
     * @param maxDirectExpectations announced direct-connection and MSNFTP listeners waiting for their connection
     */
    public record P2p(int maxOpenTransfers, long maxObjectBytes, int spillBytes, long maxHeldBytes, int maxSlpBytes,
            int maxPendingSlp, int maxRanges, int maxDirectExpectations) {
        public static P2p defaults() {
            return new P2p(1024, 100L << 20, 256 << 10, 64L << 20, 64 << 10, 256, 4096, 4096);
        }

        /** These bounds with another largest object. */
        public P2p withMaxObjectBytes(long bytes) {
            return new P2p(maxOpenTransfers, bytes, spillBytes, maxHeldBytes, maxSlpBytes, maxPendingSlp, maxRanges,
                    maxDirectExpectations);
        }
    }

    /**
     * Bounds of the MSNP layer.
     *
     * @param maxLineBytes longest command line kept; a longer one is dropped ({@code msnp_line_too_long})
     *        and the framer resynchronises on the next command
     * @param maxPayloadBytes largest payload a command may announce; a larger length is not believed
     *        ({@code msnp_payload_too_large}) and the framer resynchronises instead of reading it
     * @param maxProbeBytes bytes of a flow examined for a first plausible command before it is
     *        taken for something other than MSNP (and left quiet)
     * @param maxPendingPerConnection messages awaiting ACK/NAK per switchboard connection; the oldest is
     *        given up ({@code msnp_pending_limit})
     * @param maxExpectations switchboard cookies (XFR SB, RNG) waiting for their connection
     * @param expectationTimeoutNanos capture time after which an unused cookie is forgotten
     * @param maxParticipants participants tracked per conversation
     * @param maxUnknownVerbsReported distinct unknown verbs reported per connection (all are decoded)
     * @param maxBlockHeaders header lines read per header block of an SDG, NFY, PUT or DEL payload (MSNP18+);
     *        the rest of that block is skipped ({@code msnp_block_limit})
     * @param maxBlockHeaderBytes bytes of header blocks read per such payload; past it the payload's content is
     *        not decoded ({@code msnp_block_limit})
     * @param maxConversations MSNP21 conversations (keyed by routing addresses) tracked per connection; past it
     *        the least recently active one is forgotten ({@code msnp_conversation_limit})
     */
    public record Msnp(int maxLineBytes, int maxPayloadBytes, int maxProbeBytes, int maxPendingPerConnection,
            int maxExpectations, long expectationTimeoutNanos, int maxParticipants, int maxUnknownVerbsReported,
            int maxBlockHeaders, int maxBlockHeaderBytes, int maxConversations) {
        /** Header lines per block, bytes of header blocks per payload, conversations per connection. */
        private static final int BLOCK_HEADERS = 64;
        private static final int BLOCK_HEADER_BYTES = 16 << 10;
        private static final int CONVERSATIONS = 4096;

        /** These bounds with the defaults for MSNP21 header blocks and conversations. */
        public Msnp(int maxLineBytes, int maxPayloadBytes, int maxProbeBytes, int maxPendingPerConnection,
                int maxExpectations, long expectationTimeoutNanos, int maxParticipants, int maxUnknownVerbsReported) {
            this(maxLineBytes, maxPayloadBytes, maxProbeBytes, maxPendingPerConnection, maxExpectations,
                    expectationTimeoutNanos, maxParticipants, maxUnknownVerbsReported, BLOCK_HEADERS, BLOCK_HEADER_BYTES,
                    CONVERSATIONS);
        }

        public static Msnp defaults() {
            return new Msnp(16 << 10, 1 << 20, 64 << 10, 4096, 65_536, 600 * SECOND, 1024, 64);
        }

        /** These bounds with other limits for MSNP21 header blocks and conversations. */
        public Msnp withBlocks(int headers, int headerBytes, int conversations) {
            return new Msnp(maxLineBytes, maxPayloadBytes, maxProbeBytes, maxPendingPerConnection, maxExpectations,
                    expectationTimeoutNanos, maxParticipants, maxUnknownVerbsReported, headers, headerBytes, conversations);
        }
    }
}
