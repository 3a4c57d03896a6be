package org.msnscope.decoder.msnp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RecentTrids} keeps exactly what the LinkedHashMap it replaced kept (insertion order, eldest dropped). */
class RecentTridsTest {
    @Test
    void behavesAsTheBoundedInsertionOrderedMap() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int capacity = 1 + r.nextInt(8);
            LinkedHashMap<Long, Long> model = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                    return size() > capacity;
                }
            };
            RecentTrids ring = new RecentTrids(capacity);
            long next = 1;
            for (int op = 0; op < 5_000; op++) {
                int kind = r.nextInt(10);
                long frame = 1 + r.nextInt(1_000_000);
                if (kind < 5) {
                    // mostly growing TrIDs, as clients send them
                    model.put(next, frame);
                    ring.put(next, frame);
                    next++;
                } else if (kind < 7) {
                    long old = Math.max(1, next - 1 - r.nextInt(2 * capacity + 1));
                    model.put(old, frame);
                    ring.put(old, frame);
                } else {
                    long t = Math.max(1, next - r.nextInt(2 * capacity + 2));
                    Long expected = model.remove(t);
                    assertEquals(expected == null ? -1 : expected, ring.remove(t), "seed " + seed + " op " + op);
                }
                assertEquals(model.size(), ring.size());
            }
            for (Map.Entry<Long, Long> e : Map.copyOf(model).entrySet()) {
                assertEquals((long) e.getValue(), ring.remove(e.getKey()));
            }
            assertEquals(0, ring.size());
        }
    }
}
