package org.msnscope.decoder.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flows being tracked, found by their direction-insensitive key without making a key object:
 * open addressing over {@link Flow} references with linear probing and backward-shift deletion.
 * Two intrusive lists order the entries: active flows by last activity (least recent first, for
 * idle expiry and eviction in O(1)) and lingering (ended) flows by end time.
 */
public final class FlowTable {
    /**
     * The coarsest granularity of the active list's order (see {@link #granularityNanos()}):
     * a flow moves to the tail only when its last move is at least that old. Relinking touches
     * two neighbouring flows (two cache misses), so doing it on every packet of 10,000 interleaved
     * flows cost more than everything else together; idle expiry and eviction are at most this
     * much less exact.
     */
    public static final long MAX_ACTIVITY_GRANULARITY_NANOS = 1_000_000_000L;

    /** Largest capacity accepted (the slot array is 2 to 4 times larger). */
    public static final int MAX_CAPACITY = 1 << 26;

    private final Flow[] slots;
    private final int mask;
    private final int capacity;
    private int size;
    private int active;
    private Flow activeHead;
    private Flow activeTail;
    private Flow lingerHead;
    private Flow lingerTail;

    private final long granularityNanos;

    /** @param capacity most entries (active plus lingering) held at once; activity kept to the second */
    public FlowTable(int capacity) {
        this(capacity, MAX_ACTIVITY_GRANULARITY_NANOS);
    }

    /**
     * @param capacity most entries (active plus lingering) held at once
     * @param granularityNanos how exactly the active list follows activity (capture time)
     */
    public FlowTable(int capacity, long granularityNanos) {
        this.granularityNanos = Math.max(0, granularityNanos);
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("flow table capacity " + capacity + " outside 1.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        int n = Integer.highestOneBit(Math.max(8, capacity - 1)) << 2; // load factor <= 0.5
        this.slots = new Flow[n];
        this.mask = n - 1;
    }

    public static boolean lessOrEqual(long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
        if (hi1 != hi2) {
            return Long.compareUnsigned(hi1, hi2) < 0;
        }
        if (lo1 != lo2) {
            return Long.compareUnsigned(lo1, lo2) < 0;
        }
        return port1 <= port2;
    }

    static int hash(boolean v6, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        long h = aLo * 0x9E3779B97F4A7C15L;
        h ^= Long.rotateLeft(bLo * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= (aHi ^ Long.rotateLeft(bHi, 17)) * 0x165667B19E3779F9L;
        h ^= ((long) aPort << 17 | (long) bPort << 1 | (v6 ? 1 : 0)) * 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 29);
    }

    /** The flow between the two endpoints, in either direction, or null. */
    /** The table hash of a packet's key, the same from either direction. */
    public static int keyHash(boolean v6, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        return lessOrEqual(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)
                ? hash(v6, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)
                : hash(v6, dstHi, dstLo, dstPort, srcHi, srcLo, srcPort);
    }

    /**
     * Loads the first candidate slot of each hash into {@code candidates} (null where empty). Done
     * for a batch of packets at once, the loads (cache misses with many flows) overlap instead of
     * each lookup waiting for its own; the lookups that follow then hit the cache.
     */
    public void candidates(int[] hashes, int n, Flow[] candidates) {
        for (int i = 0; i < n; i++) {
            candidates[i] = hashes[i] == 0 ? null : slots[hashes[i] & mask];
        }
    }

    public Flow find(boolean v6, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        long aHi;
        long aLo;
        int aPort;
        long bHi;
        long bLo;
        int bPort;
        if (lessOrEqual(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)) {
            aHi = srcHi; aLo = srcLo; aPort = srcPort; bHi = dstHi; bLo = dstLo; bPort = dstPort;
        } else {
            aHi = dstHi; aLo = dstLo; aPort = dstPort; bHi = srcHi; bLo = srcLo; bPort = srcPort;
        }
        int i = hash(v6, aHi, aLo, aPort, bHi, bLo, bPort) & mask;
        Flow f;
        while ((f = slots[i]) != null) {
            if (f.aLo == aLo && f.bLo == bLo && f.aPort == aPort && f.bPort == bPort && f.aHi == aHi && f.bHi == bHi
                    && f.v6 == v6) {
                return f;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** True when adding one more flow needs room made first (see {@link #oldestLingering()}, {@link #oldestActive()}). */
    public boolean full() {
        return size >= capacity;
    }

    /** Adds a new flow as the most recently active. The caller made room first (see {@link #full()}). */
    public void addActive(Flow f, long tsNanos) {
        if (f.status != Flow.Status.REMOVED || size >= capacity) {
            throw new IllegalStateException("cannot add " + f + " (" + f.status + ", " + size + " entries)");
        }
        int i = f.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = f;
        size++;
        active++;
        f.status = Flow.Status.ACTIVE;
        f.lastTsNanos = tsNanos;
        appendActive(f);
    }

    /** Records activity: the flow becomes the most recently active. */
    public void touch(Flow f, long tsNanos) {
        f.lastTsNanos = tsNanos;
        if (f.status == Flow.Status.ACTIVE && activeTail != f
                && tsNanos - f.queuedTsNanos >= granularityNanos) {
            unlinkActive(f);
            appendActive(f);
        }
    }

    /** An active flow ended: its key stays to absorb late packets until removed. */
    public void toLinger(Flow f, long tsNanos) {
        if (f.status != Flow.Status.ACTIVE) {
            return;
        }
        unlinkActive(f);
        active--;
        f.status = Flow.Status.LINGERING;
        f.lingerSinceNanos = tsNanos;
        f.prev = lingerTail;
        f.next = null;
        if (lingerTail == null) {
            lingerHead = f;
        } else {
            lingerTail.next = f;
        }
        lingerTail = f;
    }

    /** Forgets a flow (active or lingering). */
    public void remove(Flow f) {
        if (f.status == Flow.Status.REMOVED) {
            return;
        }
        if (f.status == Flow.Status.ACTIVE) {
            unlinkActive(f);
            active--;
        } else {
            if (f.prev == null) {
                lingerHead = f.next;
            } else {
                f.prev.next = f.next;
            }
            if (f.next == null) {
                lingerTail = f.prev;
            } else {
                f.next.prev = f.prev;
            }
        }
        f.prev = null;
        f.next = null;
        f.status = Flow.Status.REMOVED;
        int i = f.hash & mask;
        while (slots[i] != f) {
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            Flow g = slots[j];
            if (g == null) {
                return;
            }
            int home = g.hash & mask;
            // g may move to the hole at i when its home is not cyclically within (i, j]
            boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!stays) {
                slots[i] = g;
                slots[j] = null;
                i = j;
            }
        }
    }

    /** The least recently active flow, or null. */
    public Flow oldestActive() {
        return activeHead;
    }

    /** The active flow queued after {@code f}, or null. */
    public Flow nextActive(Flow f) {
        return f.next;
    }

    /** The flow that ended first among those lingering, or null. */
    public Flow oldestLingering() {
        return lingerHead;
    }

    /** How exactly the active list follows activity, in nanoseconds of capture time. */
    public long granularityNanos() {
        return granularityNanos;
    }

    public int size() {
        return size;
    }

    public int activeCount() {
        return active;
    }

    /** The active flows in id order (for the end of a capture). */
    public List<Flow> activeByNumber() {
        List<Flow> list = new ArrayList<>(active);
        for (Flow f = activeHead; f != null; f = f.next) {
            list.add(f);
        }
        list.sort(Comparator.comparingLong(Flow::number));
        return list;
    }

    /** Entries that a lookup of their own key would not find (0 when the table is consistent). */
    int unreachableEntries() {
        int bad = 0;
        for (Flow f : slots) {
            if (f != null && find(f.v6, f.aHi, f.aLo, f.aPort, f.bHi, f.bLo, f.bPort) != f) {
                bad++;
            }
        }
        return bad;
    }

    private void appendActive(Flow f) {
        f.queuedTsNanos = f.lastTsNanos;
        f.prev = activeTail;
        f.next = null;
        if (activeTail == null) {
            activeHead = f;
        } else {
            activeTail.next = f;
        }
        activeTail = f;
    }

    private void unlinkActive(Flow f) {
        if (f.prev == null) {
            activeHead = f.next;
        } else {
            f.prev.next = f.next;
        }
        if (f.next == null) {
            activeTail = f.prev;
        } else {
            f.next.prev = f.prev;
        }
        f.prev = null;
        f.next = null;
    }
}
