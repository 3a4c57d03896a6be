package org.msnscope.decoder.event;

/**
 * Numbers for the ids that run through a whole capture in first-seen order ({@code F1}, {@code C1},
 * {@code T1}). One decoder counts them itself; decoder shards ask a source that knows how many the
 * other shards gave out earlier in the capture (see {@code decoder.shard}).
 */
public interface Ids {
    /** Flows ({@code F}). */
    int FLOW = 0;
    /** Conversations ({@code C}). */
    int CONVERSATION = 1;
    /** Transfers ({@code T}). */
    int TRANSFER = 2;
    /** How many kinds there are. */
    int KINDS = 3;

    /** The next number of this kind, from 1. */
    long next(int kind);

    /** Counters of one decoder's own. */
    static Ids local() {
        long[] last = new long[KINDS];
        return kind -> ++last[kind];
    }
}
