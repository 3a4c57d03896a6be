package org.msnscope.decoder.tcp;

import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;

/** What every flow's reassemblers share: limits, the emitter, the listener and the global counters. */
final class TcpContext {
    final Limits limits;
    final Emitter emitter;
    TcpStreamListener listener = TcpStreamListener.NONE;
    /** Bytes held out of order across all flows (bounded by {@link Limits#maxOutOfOrderBytesTotal()}). */
    long heldBytesTotal;
    /** Bytes of delivered-data tails across all flows (bounded by {@link Limits#overlapCheckBytesTotal()}). */
    long tailBytesTotal;
    long gaps;
    long gapBytes;
    long retransmittedBytes;

    TcpContext(Limits limits, Emitter emitter) {
        this.limits = limits;
        this.emitter = emitter;
    }
}
