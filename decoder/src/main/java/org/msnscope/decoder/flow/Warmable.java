package org.msnscope.decoder.flow;

/**
 * State an upper layer attaches to a flow ({@link Flow#attachment}) that can be brought into the
 * CPU caches ahead of the flow's next packet, as the batch decoder does for TCP state.
 */
public interface Warmable {
    /** Reads the fields the next packet will touch; returns anything derived from them. */
    long warm();
}
