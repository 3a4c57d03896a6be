package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;

/** Batched decoding (copy, warm the flows, decode in order) gives exactly the unbatched events and streams. */
class BatchingTest {
    /** A mix of good, reordered, mutated, cut, noisy and oversized packets over many flows. */
    private static List<RawPacket> traffic(long seed) {
        Random rnd = new Random(seed);
        Conversation.Clock clock = new Conversation.Clock();
        clock.stepNanos = 3_000_000;
        List<Conversation> convs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            convs.add(i % 3 == 0 ? new Conversation(clock, "2001:db8::" + (i + 1), 41000 + i, "2001:db8::9", 1863)
                    : new Conversation(clock, "10.0." + (i / 200) + "." + (i % 200 + 1), 40000 + i, "10.9.9.9", 1863));
        }
        int[] seq = new int[convs.size()];
        List<RawPacket> out = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            int k = rnd.nextInt(convs.size());
            Conversation c = convs.get(k);
            RawPacket p;
            int mode = rnd.nextInt(20);
            if (seq[k] == 0) {
                p = c.c(TestPackets.SYN, 100, 0);
                seq[k] = 101;
            } else if (mode == 0) {
                p = c.c(TestPackets.RST | TestPackets.ACK, seq[k], 1);
                seq[k] = 0;
            } else if (mode == 1) { // a late retransmission, sometimes with other bytes
                byte[] old = new byte[1 + rnd.nextInt(30)];
                rnd.nextBytes(old);
                p = c.c(TestPackets.ACK, Math.max(101, seq[k] - 20), 1, old);
            } else if (mode == 2) { // a segment from the future (a hole)
                p = c.c(TestPackets.ACK, seq[k] + 50, 1, new byte[10]);
            } else if (mode == 3) { // noise
                byte[] noise = new byte[rnd.nextInt(90)];
                rnd.nextBytes(noise);
                p = TestPackets.raw(LinkType.ETHERNET, noise, 0, clock.tsNanos);
            } else if (mode == 4) { // server acknowledges past what it saw
                p = c.s(TestPackets.ACK, 1, seq[k] + rnd.nextInt(40));
            } else {
                byte[] payload = new byte[rnd.nextInt(200)];
                rnd.nextBytes(payload);
                p = c.c(TestPackets.PSH | TestPackets.ACK, seq[k], 1, payload);
                seq[k] += payload.length;
                if (mode == 5) {
                    p.capturedLength = Math.max(0, p.capturedLength - rnd.nextInt(20)); // snaplen
                }
            }
            out.add(p);
        }
        // one packet too large to be copied into a batch
        out.add(convs.get(1).c(TestPackets.ACK, seq[1], 1, new byte[Decoder.MAX_BATCHED_PACKET_BYTES + 10]));
        for (int i = 0; i < out.size(); i++) {
            out.get(i).frameNumber = i + 1;
        }
        return out;
    }

    private static List<String> decode(List<RawPacket> packets, int batch, int minOpenFlows, boolean flushSometimes) {
        Recorder rec = new Recorder();
        Decoder d = new Decoder(Limits.defaults(), rec);
        d.setStreamListener(rec);
        d.setBatching(batch, minOpenFlows);
        RawPacket reused = new RawPacket();
        for (int i = 0; i < packets.size(); i++) {
            // hand the decoder a view it must not keep: the same object, its bytes overwritten next time
            RawPacket p = packets.get(i);
            reused.set(p);
            reused.data = Arrays.copyOf(p.data, p.data.length);
            d.packet(reused);
            Arrays.fill(reused.data, (byte) 0x5A);
            if (flushSometimes && i % 97 == 0) {
                d.flush();
            }
        }
        d.finish();
        List<String> log = new ArrayList<>(rec.log);
        log.add("stats " + d.stats());
        return log;
    }

    @Test
    void batchedDecodingEqualsOneAtATime() {
        for (long seed = 1; seed <= 3; seed++) {
            List<RawPacket> packets = traffic(seed);
            List<String> single = decode(packets, 1, 0, false);
            assertTrue(single.size() > 200, "a varied run: " + single.size() + " lines");
            assertTrue(single.stream().anyMatch(l -> l.contains("tcp_gap")), "gaps occur");
            for (int batch : new int[] {2, 7, Decoder.DEFAULT_BATCH, 100}) {
                assertEquals(single, decode(packets, batch, 0, false), "batch " + batch + ", seed " + seed);
                assertEquals(single, decode(packets, batch, 0, true), "batch " + batch + " with flushes, seed " + seed);
                // switching between batched and direct decoding as the number of open flows crosses 25
                assertEquals(single, decode(packets, batch, 25, false), "batch " + batch + " above 25 flows, seed " + seed);
            }
        }
    }
}
