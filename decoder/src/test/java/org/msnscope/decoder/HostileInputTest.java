package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;

/** Random and mutated traffic: nothing throws, streams stay consistent, every held byte is released. */
class HostileInputTest {
    private static Limits small() {
        return Limits.defaults().withFlows(50, 2_000_000L, 500_000L).withOutOfOrder(300, 2000, 4)
                .withIpFragments(4, 2000, 1_000_000L);
    }

    @Test
    void mutatedFramesNeverThrow() {
        Random rnd = new Random(99);
        Recorder rec = new Recorder();
        Decoder d = new Decoder(small(), rec);
        d.setStreamListener(rec);
        Conversation.Clock clock = new Conversation.Clock();
        clock.stepNanos = 1000;
        List<Conversation> convs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            convs.add(i % 2 == 0 ? new Conversation(clock, "10.0.0." + (i + 1), 40000 + i, "10.9.9.9", 1863)
                    : new Conversation(clock, "2001:db8::" + (i + 1), 40000 + i, "2001:db8::9", 1863));
        }
        int[] links = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.RAW, 42};
        int packets = 0;
        for (int i = 0; i < 20_000; i++) {
            Conversation c = convs.get(rnd.nextInt(convs.size()));
            byte[] payload = new byte[rnd.nextInt(60)];
            rnd.nextBytes(payload);
            int flags = rnd.nextInt(64);
            int seq = 1000 + rnd.nextInt(400) - 100;
            RawPacket p = rnd.nextBoolean() ? c.c(flags, seq, 5000 + rnd.nextInt(300), payload)
                    : c.s(flags, 5000 + rnd.nextInt(300), seq, payload);
            int mode = rnd.nextInt(10);
            if (mode == 0) { // flip bytes anywhere
                for (int k = rnd.nextInt(4); k >= 0; k--) {
                    p.data[rnd.nextInt(p.data.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            } else if (mode == 1) { // cut by "snaplen"
                p.capturedLength = rnd.nextInt(p.capturedLength + 1);
            } else if (mode == 2) { // cut without saying so
                p.capturedLength = rnd.nextInt(p.capturedLength + 1);
                p.originalLength = p.capturedLength;
            } else if (mode == 3) { // reinterpreted under another link type
                p.linkType = links[rnd.nextInt(links.length)];
            } else if (mode == 4) { // pure noise
                byte[] noise = new byte[rnd.nextInt(120)];
                rnd.nextBytes(noise);
                p = TestPackets.raw(links[rnd.nextInt(links.length)], noise, p.frameNumber, p.timestampNanos);
            }
            d.packet(p);
            packets++;
        }
        d.finish();
        DecodeStats s = d.stats();
        assertEquals(packets, s.packets());
        assertEquals(s.packets(), s.tcpPackets() + s.nonTcpPackets() + s.malformedPackets() + countTruncatedOrFragment(s));
        long starts = rec.events.stream().filter(e -> e instanceof FlowStartEvent).count();
        long ends = rec.events.stream().filter(e -> e instanceof FlowEndEvent).count();
        assertEquals(starts, ends);
        assertEquals(s.flows(), starts);
        assertTrue(s.flows() > 8, "flows " + s.flows());
        assertEquals(0, d.heldBytes());
    }

    /** Packets neither TCP, non-TCP nor malformed: headers cut by snaplen or fragments kept for reassembly. */
    private static long countTruncatedOrFragment(DecodeStats s) {
        return s.packets() - s.tcpPackets() - s.nonTcpPackets() - s.malformedPackets();
    }

    @Test
    void randomSegmentsOnOneFlowKeepStreamsConsistentAndReleaseEverything() {
        Random rnd = new Random(5);
        for (int round = 0; round < 30; round++) {
            Recorder rec = new Recorder();
            Decoder d = new Decoder(small(), rec);
            d.setStreamListener(rec);
            Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", 1863);
            d.packet(c.c(TestPackets.SYN, 0, 0));
            for (int i = 0; i < 400; i++) {
                byte[] payload = new byte[rnd.nextInt(40)];
                int flags = TestPackets.ACK | (rnd.nextInt(50) == 0 ? TestPackets.FIN : 0);
                d.packet(c.c(flags, 1 + rnd.nextInt(3000), 0, payload));
                if (rnd.nextInt(10) == 0) {
                    d.packet(c.s(TestPackets.ACK, 0, 1 + rnd.nextInt(3000)));
                }
            }
            d.finish();
            // the Recorder asserts each data/gap call continues the stream exactly
            DecodeStats s = d.stats();
            long delivered = rec.events.stream().filter(e -> e instanceof FlowEndEvent)
                    .mapToLong(e -> ((FlowEndEvent) e).bytesC2s() + ((FlowEndEvent) e).gapBytes()).sum();
            long streamed = 0;
            for (long f = 1; f <= s.flows(); f++) {
                streamed += rec.stream("F" + f, true).length();
            }
            assertEquals(streamed, delivered);
            assertEquals(0, d.heldBytes());
        }
    }
}
