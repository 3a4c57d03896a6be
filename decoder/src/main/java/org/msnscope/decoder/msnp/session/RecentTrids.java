package org.msnscope.decoder.msnp.session;

/**
 * A switchboard's last messages sent with ack mode N (answered only by a NAK): TrID and frame, at
 * most {@code capacity}, the eldest dropped first, as a {@code LinkedHashMap} in insertion order with
 * {@code removeEldestEntry} would keep them, but in two primitive rings made at the first such
 * message. The map allocated an entry and two boxes per message and kept up to 64 entries per
 * connection alive, which with 10,000 open switchboards made every young collection copy them
 * (docs/performance.md, part 8).
 */
final class RecentTrids {
    private final int capacity;
    private long[] trids;
    private long[] frames;
    /** Ring position of the eldest entry, and how many there are. */
    private int head;
    private int size;
    /** No entry has a larger TrID (TrIDs mostly grow, so a new one needs no search). */
    private long max = Long.MIN_VALUE;

    RecentTrids(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a message, or moves its frame if the TrID is there already (its place is kept). */
    void put(long trid, long frame) {
        if (trids == null) {
            trids = new long[capacity];
            frames = new long[capacity];
        }
        if (trid <= max) {
            int i = find(trid);
            if (i >= 0) {
                frames[i] = frame;
                return;
            }
        } else {
            max = trid;
        }
        if (size == capacity) {
            // the eldest's slot becomes the newest
            trids[head] = trid;
            frames[head] = frame;
            head = (head + 1) % capacity;
            return;
        }
        int t = (head + size++) % capacity;
        trids[t] = trid;
        frames[t] = frame;
    }

    /** Removes the TrID; returns its frame, or -1 when it is not (or no longer) there. */
    long remove(long trid) {
        int i = trids == null || trid > max ? -1 : find(trid);
        if (i < 0) {
            return -1;
        }
        long frame = frames[i];
        // close the hole: the younger entries move one place towards the eldest
        int k = (i - head + capacity) % capacity;
        for (int j = k; j < size - 1; j++) {
            int to = (head + j) % capacity;
            int from = (to + 1) % capacity;
            trids[to] = trids[from];
            frames[to] = frames[from];
        }
        size--;
        return frame;
    }

    int size() {
        return size;
    }

    private int find(long trid) {
        for (int j = 0; j < size; j++) {
            int at = (head + j) % capacity;
            if (trids[at] == trid) {
                return at;
            }
        }
        return -1;
    }
}
