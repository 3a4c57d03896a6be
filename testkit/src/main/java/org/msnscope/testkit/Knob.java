package org.msnscope.testkit;

/**
 * A per-connection disturbance applied to data segments, chosen on explicit segment indices (0-based,
 * counting the connection's data-carrying segments of both directions in capture order) or at random
 * with a rate, deterministically from the scenario seed.
 */
public enum Knob {
    /** The segment swaps places with the next data segment of the same direction. */
    REORDER,
    /** The segment appears twice in a row. */
    DUPLICATE,
    /** The same bytes are sent again three round trips later. */
    RETRANSMIT,
    /**
     * A retransmission three round trips later, re-cut from the middle of this segment to the middle of
     * the next bytes of the stream; with {@link TcpConnection#conflicting(boolean)} its bytes differ.
     */
    OVERLAP,
    /** The segment is missing from the capture although the receiver acknowledges it (a gap). */
    DROP,
    /** The segment's TCP checksum is wrong, as checksum offload leaves outgoing packets. */
    BAD_CHECKSUM,
    /** The segment travels as IPv4 fragments (IPv4 scenarios only). */
    FRAGMENT,
    /**
     * Before the segment the receiver advertises a zero window, the sender probes it with the first
     * byte, the receiver repeats the zero window and then opens it again.
     */
    ZERO_WINDOW_PROBE,
    /** After the segment the sender sends a keep-alive (sequence number one below the next) and gets an ACK. */
    KEEP_ALIVE
}
