package org.msnscope.decoder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long V4 = 0xFFFF_0000_0000L;

    private static Flow flow(long n, long src, int sport, long dst, int dport) {
        return new Flow(n, false, 0, V4 | src, sport, 0, V4 | dst, dport, true);
    }

    @Test
    void findsInEitherDirection() {
        FlowTable t = new FlowTable(8);
        Flow f = flow(1, 0x0A000001, 50000, 0x0A000002, 1863);
        t.addActive(f, 10);
        assertSame(f, t.find(false, 0, V4 | 0x0A000001, 50000, 0, V4 | 0x0A000002, 1863));
        assertSame(f, t.find(false, 0, V4 | 0x0A000002, 1863, 0, V4 | 0x0A000001, 50000));
        assertNull(t.find(true, 0, V4 | 0x0A000002, 1863, 0, V4 | 0x0A000001, 50000));
        assertNull(t.find(false, 0, V4 | 0x0A000002, 1864, 0, V4 | 0x0A000001, 50000));
        assertEquals("10.0.0.1:50000", f.client());
        assertEquals("10.0.0.2:1863", f.server());
        assertEquals(50000, f.clientPort());
        assertEquals(1863, f.serverPort());
        assertEquals(true, f.fromClient(0, V4 | 0x0A000001, 50000));
        assertEquals(false, f.fromClient(0, V4 | 0x0A000002, 1863));
    }

    @Test
    void activityWithinTheGranularityKeepsTheOrder() {
        FlowTable t = new FlowTable(8, 10);
        Flow a = flow(1, 1, 1, 2, 2);
        Flow b = flow(2, 3, 3, 4, 4);
        t.addActive(a, 1);
        t.addActive(b, 2);
        t.touch(a, 10); // moved 9 ns after it was queued: stays first
        assertSame(a, t.oldestActive());
        assertEquals(10, a.lastTsNanos());
        t.touch(a, 11); // 10 ns: moves behind b
        assertSame(b, t.oldestActive());
    }

    @Test
    void lruOrderAndLingerList() {
        FlowTable t = new FlowTable(8, 0);
        Flow a = flow(1, 1, 1, 2, 2);
        Flow b = flow(2, 3, 3, 4, 4);
        Flow c = flow(3, 5, 5, 6, 6);
        t.addActive(a, 1);
        t.addActive(b, 2);
        t.addActive(c, 3);
        assertSame(a, t.oldestActive());
        t.touch(a, 4);
        assertSame(b, t.oldestActive());
        t.toLinger(b, 5);
        assertSame(c, t.oldestActive());
        assertSame(b, t.oldestLingering());
        assertEquals(Flow.Status.LINGERING, b.status());
        assertEquals(2, t.activeCount());
        assertEquals(3, t.size());
        t.remove(b);
        assertNull(t.oldestLingering());
        assertEquals(List.of(a, c), t.activeByNumber());
    }

    @Test
    void tenThousandFlowsInsertedAndRemovedKeepTheTableConsistent() {
        FlowTable t = new FlowTable(10_000);
        Random rnd = new Random(1);
        List<Flow> live = new ArrayList<>();
        long n = 0;
        for (int round = 0; round < 5; round++) {
            while (!t.full()) {
                // clustered keys: many share addresses and differ by port, so probe chains form
                Flow f = flow(++n, 0x0A000000 | rnd.nextInt(16), 1024 + rnd.nextInt(60000), 0x0A000100, 1863);
                if (t.find(false, f.aHi, f.aLo, f.aPort, f.bHi, f.bLo, f.bPort) != null) {
                    continue;
                }
                t.addActive(f, n);
                live.add(f);
            }
            assertEquals(10_000, t.size());
            assertEquals(0, t.unreachableEntries());
            for (int i = 0; i < 7_000; i++) {
                Flow f = live.remove(rnd.nextInt(live.size()));
                if (rnd.nextBoolean()) {
                    t.toLinger(f, n);
                }
                t.remove(f);
                assertNull(t.find(false, f.aHi, f.aLo, f.aPort, f.bHi, f.bLo, f.bPort));
            }
            assertEquals(0, t.unreachableEntries());
            assertEquals(live.size(), t.size());
            for (Flow f : live) {
                assertSame(f, t.find(false, f.bHi, f.bLo, f.bPort, f.aHi, f.aLo, f.aPort));
            }
        }
        for (Flow f : live) {
            t.remove(f);
        }
        assertEquals(0, t.size());
        assertEquals(0, t.activeCount());
        assertNull(t.oldestActive());
    }
}
