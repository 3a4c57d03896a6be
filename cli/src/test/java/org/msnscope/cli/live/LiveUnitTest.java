package org.msnscope.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parts of live capture that need no interface: the widening filter and option parsing. */
class LiveUnitTest {
    @Test
    void theDefaultFilterGrowsWithAnnouncedPortsOnceEach() {
        LiveCommand.Widening w = new LiveCommand.Widening();
        assertEquals("tcp and (port 1863 or port 1864 or portrange 6891-6900)", w.expression());
        assertFalse(w.add(1863));
        assertFalse(w.add(6895));
        assertTrue(w.add(2741));
        assertFalse(w.add(2741));
        assertTrue(w.add(1025));
        assertEquals("tcp and (port 1863 or port 1864 or portrange 6891-6900 or port 1025 or port 2741)", w.expression());
    }

    @Test
    void aFloodOfAnnouncementsDoesNotGrowTheFilterWithoutBound() {
        LiveCommand.Widening w = new LiveCommand.Widening();
        int added = 0;
        for (int p = 10_000; p < 20_000; p++) {
            if (w.add(p)) {
                added++;
            }
        }
        assertEquals(LiveCommand.Widening.MAX_PORTS, added);
    }

    @Test
    void durations() {
        assertEquals(90_000_000_000L, LiveCommand.parseDuration("90"));
        assertEquals(30_000_000_000L, LiveCommand.parseDuration("30s"));
        assertEquals(300_000_000_000L, LiveCommand.parseDuration("5m"));
        assertEquals(3_600_000_000_000L, LiveCommand.parseDuration("1h"));
        assertEquals(250_000_000L, LiveCommand.parseDuration("250ms"));
        assertThrows(NumberFormatException.class, () -> LiveCommand.parseDuration("soon"));
        assertThrows(NumberFormatException.class, () -> LiveCommand.parseDuration("0"));
    }

    @Test
    void latencyPercentilesInMilliseconds() {
        LiveCommand.Latency l = new LiveCommand.Latency();
        for (int i = 1; i <= 100; i++) {
            l.add(i * 1_000_000L);
        }
        l.add(-5);
        assertEquals(101, l.count());
        assertEquals(50, l.percentile(50));
        assertEquals(99, l.percentile(99));
        assertEquals(100, l.max());
    }
}
