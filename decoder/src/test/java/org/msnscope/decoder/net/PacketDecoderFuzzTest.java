package org.msnscope.decoder.net;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;

/**
 * Fuzz target for link, IP and TCP decoding ({@link PacketDecoder#decode}, {@link LinkLayer}, IPv4/IPv6
 * headers and extension headers, {@link IpFragmentTable}): a few packets under a link type the
 * fuzzer picks, on one decoder so fragments meet. Contract: every packet gets a result, a TCP
 * result's payload lies inside the packet, {@code peek} has no side effect on the fragment table.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINKS = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
        LinkType.RAW, 101, 228, 229, 108, 0};

    @FuzzTest
    void decodePackets(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder(Limits.defaults().withIpFragments(8, 4000, 1_000_000L),
                new Emitter(EventSink.DISCARD));
        PacketView v = new PacketView();
        int link = LINKS[data.consumeInt(0, LINKS.length - 1)];
        long ts = 1_000_000_000L;
        for (int i = 0; i < 8 && data.remainingBytes() > 0; i++) {
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 2000));
            RawPacket p = new RawPacket();
            p.data = bytes;
            p.offset = 0;
            p.capturedLength = bytes.length;
            p.originalLength = data.consumeBoolean() ? bytes.length : bytes.length + data.consumeInt(0, 100);
            p.linkType = link;
            p.frameNumber = i + 1;
            p.timestampNanos = ts += data.consumeInt(0, 1_000_000_000);
            int before = decoder.fragments().pendingDatagrams();
            NetResult peeked = decoder.peek(p, v);
            assertNotNull(peeked, "peek gave no result");
            assertTrue(decoder.fragments().pendingDatagrams() == before, "peek stored a fragment");
            NetResult r = decoder.decode(p, v);
            assertNotNull(r, "decode gave no result");
            if (r == NetResult.TCP) {
                assertTrue(v.payloadOffset >= 0 && v.payloadLength >= 0
                        && v.payloadOffset + (long) v.payloadLength <= v.buf.length,
                        "TCP payload outside its buffer: " + v.payloadOffset + "+" + v.payloadLength);
            }
        }
        decoder.fragments().finish();
    }
}
