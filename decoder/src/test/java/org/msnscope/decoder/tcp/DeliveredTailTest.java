package org.msnscope.decoder.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DeliveredTailTest {
    @Test
    void keepsExactlyTheLastBytesWhateverTheChunking() {
        Random rnd = new Random(7);
        byte[] stream = new byte[5000];
        rnd.nextBytes(stream);
        for (int size : new int[] {1, 7, 64, 2048}) {
            for (int trial = 0; trial < 50; trial++) {
                DeliveredTail t = new DeliveredTail(size);
                int at = 0;
                while (at < stream.length) {
                    int len = Math.min(stream.length - at, 1 + rnd.nextInt(trial % 2 == 0 ? 40 : 3000));
                    t.record(at, stream, at, len);
                    at += len;
                }
                int from = stream.length - size;
                // every retained byte matches, and a change to any of them is found at its offset
                assertEquals(-1, t.firstDifference(from, stream, from, size));
                int victim = from + rnd.nextInt(size);
                byte[] changed = stream.clone();
                changed[victim] ^= 0x55;
                assertEquals(victim, t.firstDifference(from, changed, from, size), "size " + size);
                // bytes older than the ring are not compared
                if (from > 0) {
                    byte[] old = stream.clone();
                    old[from - 1] ^= 0x55;
                    assertEquals(-1, t.firstDifference(from - 1, old, from - 1, size + 1));
                }
            }
        }
    }

    @Test
    void aShortGapKeepsWhatCameBeforeItAndALongJumpForgetsIt() {
        byte[] a = "abcdef".getBytes();
        DeliveredTail t = new DeliveredTail(16);
        t.record(0, a, 0, 6);
        t.record(10, a, 0, 6); // a gap of 4 bytes at 6..9: nothing known there
        assertEquals(3, t.firstDifference(0, "abcXef????".getBytes(), 0, 10));
        assertEquals(-1, t.firstDifference(6, "XXXX".getBytes(), 0, 4));
        assertEquals(10, t.firstDifference(10, "Xbcdef".getBytes(), 0, 6));
        t.record(20, a, 0, 2); // a second gap: bytes up to the first gap are forgotten, 10..15 kept
        assertEquals(10, t.firstDifference(0, "XXXXXXXXXXXXXXXX".getBytes(), 0, 16));
        assertEquals(20, t.firstDifference(20, "Xb".getBytes(), 0, 2));
        t.record(100, a, 0, 6); // longer than the ring: all forgotten
        assertEquals(-1, t.firstDifference(20, "XX".getBytes(), 0, 2));
        assertEquals(101, t.firstDifference(100, "aXcdef".getBytes(), 0, 6));
    }
}
