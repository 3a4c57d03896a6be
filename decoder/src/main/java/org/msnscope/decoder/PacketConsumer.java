package org.msnscope.decoder;

import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.RawPacket;

/** What a capture reader feeds: one {@link Decoder}, or several decoder shards ({@code decoder.shard}). */
public interface PacketConsumer {
    /** One captured packet, in capture order; its bytes may be reused once this returns. */
    void packet(RawPacket p);

    /** A problem the capture reader reported, between two packets. */
    void captureProblem(CaptureProblem problem);

    /** The capture is over; every event has been delivered when this returns. */
    void finish();

    /** Reading stopped early (the output failed): lets go of any threads; no more events. */
    default void abort() {
    }

    /** Counters so far (complete once {@link #finish} returned). */
    DecodeStats stats();
}
