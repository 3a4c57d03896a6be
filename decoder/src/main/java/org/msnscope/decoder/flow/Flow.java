package org.msnscope.decoder.flow;

import org.msnscope.decoder.net.Addresses;

/**
 * One connection's identity and table bookkeeping: its direction-insensitive key (endpoint A is
 * the lower of the two), which side is the client, its id ({@code F1}, {@code F2}... in first-seen
 * order) and its place in the {@link FlowTable}. Protocol layers extend it with their own state.
 */
public class Flow {
    /** Where a flow is in its table. */
    public enum Status { ACTIVE, LINGERING, REMOVED }

    final boolean v6;
    final long aHi;
    final long aLo;
    final int aPort;
    final long bHi;
    final long bLo;
    final int bPort;
    final int hash;
    private final long number;
    private final boolean clientIsA;
    /*
     * The strings are made on first use, not here: the constructor then allocates only the flow
     * and its per-direction state, which end up next to each other in memory (the hot per-packet
     * fields of 10,000 interleaved flows are cache misses, and every line saved counts).
     */
    private String id;
    private String client;
    private String server;

    Status status = Status.REMOVED;
    Flow prev;
    Flow next;
    long lastTsNanos;
    /** When the flow was last placed at the tail of the active list (see {@link FlowTable#touch}). */
    long queuedTsNanos;
    long lingerSinceNanos;

    /** Free slot for the layer above (e.g. the MSNP framer's per-flow state). */
    public Object attachment;

    /**
     * @param clientIsSrc true when the (src) endpoint is the client
     */
    protected Flow(long number, boolean v6, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort,
            boolean clientIsSrc) {
        this.number = number;
        this.v6 = v6;
        boolean srcIsA = FlowTable.lessOrEqual(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
        this.aHi = srcIsA ? srcHi : dstHi;
        this.aLo = srcIsA ? srcLo : dstLo;
        this.aPort = srcIsA ? srcPort : dstPort;
        this.bHi = srcIsA ? dstHi : srcHi;
        this.bLo = srcIsA ? dstLo : srcLo;
        this.bPort = srcIsA ? dstPort : srcPort;
        this.hash = FlowTable.hash(v6, aHi, aLo, aPort, bHi, bLo, bPort);
        this.clientIsA = clientIsSrc == srcIsA;
    }

    /** {@code F1}, {@code F2}... */
    public final String id() {
        if (id == null) {
            id = "F" + number;
        }
        return id;
    }

    /** The numeric part of {@link #id()}; flows sort by it. */
    public final long number() {
        return number;
    }

    /** The originator as {@code ip:port} ({@code [v6addr]:port} for IPv6). */
    public final String client() {
        if (client == null) {
            client = clientIsA ? Addresses.endpoint(v6, aHi, aLo, aPort) : Addresses.endpoint(v6, bHi, bLo, bPort);
        }
        return client;
    }

    public final String server() {
        if (server == null) {
            server = clientIsA ? Addresses.endpoint(v6, bHi, bLo, bPort) : Addresses.endpoint(v6, aHi, aLo, aPort);
        }
        return server;
    }

    public final int clientPort() {
        return clientIsA ? aPort : bPort;
    }

    public final int serverPort() {
        return clientIsA ? bPort : aPort;
    }

    public final boolean ipv6() {
        return v6;
    }

    public final Status status() {
        return status;
    }

    /** Capture time of the flow's latest packet. */
    public final long lastTsNanos() {
        return lastTsNanos;
    }

    /** Capture time at which the flow ended and began to linger. */
    /** When the flow last moved to the tail of the active list (its activity, to the list's granularity). */
    public final long queuedTsNanos() {
        return queuedTsNanos;
    }

    public final long lingerSinceNanos() {
        return lingerSinceNanos;
    }

    /** True when a packet from (srcHi, srcLo, srcPort) was sent by this flow's client. */
    public final boolean fromClient(long srcHi, long srcLo, int srcPort) {
        boolean srcIsA = srcHi == aHi && srcLo == aLo && srcPort == aPort;
        return srcIsA == clientIsA;
    }

    @Override
    public String toString() {
        return id + " " + client + " > " + server;
    }
}
