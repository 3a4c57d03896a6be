package org.msnscope.capture.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;

class PcapWriterTest {
    private static final long TS = 1_000_000_000_123_456_789L;
    private static final byte[] DATA = {9, 1, 2, 3, 9};

    private static byte[] onePacket(boolean nanos, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, 65535, nanos, order)) {
            w.write(LinkType.ETHERNET, TS, DATA, 1, 3, 60, "ignored");
        }
        return out.toByteArray();
    }

    @Test
    void littleEndianMicroseconds() throws IOException {
        assertEquals(Hex.join("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000",
                "00ca9a3b 40e20100 03000000 3c000000 010203"), Hex.of(onePacket(false, ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void bigEndianMicroseconds() throws IOException {
        assertEquals(Hex.join("a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001",
                "3b9aca00 0001e240 00000003 0000003c 010203"), Hex.of(onePacket(false, ByteOrder.BIG_ENDIAN)));
    }

    @Test
    void nanosecondsBothOrders() throws IOException {
        assertEquals(Hex.join("4d3cb2a1 0200 0400 00000000 00000000 ffff0000 01000000",
                "00ca9a3b 15cd5b07 03000000 3c000000 010203"), Hex.of(onePacket(true, ByteOrder.LITTLE_ENDIAN)));
        assertEquals(Hex.join("a1b23c4d 0002 0004 00000000 00000000 0000ffff 00000001",
                "3b9aca00 075bcd15 00000003 0000003c 010203"), Hex.of(onePacket(true, ByteOrder.BIG_ENDIAN)));
    }

    @Test
    void cutsToSnaplenKeepingOriginalLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.RAW, 2, false, ByteOrder.BIG_ENDIAN)) {
            w.write(LinkType.RAW, 0, DATA, 0, 5, 5, null);
        }
        assertEquals(Hex.join("a1b2c3d4 0002 0004 00000000 00000000 00000002 00000065",
                "00000000 00000000 00000002 00000005 0901"), Hex.of(out.toByteArray()));
    }

    @Test
    void rejectsOtherLinkTypeAndBadLengths() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), LinkType.ETHERNET, 100, false, ByteOrder.BIG_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.write(LinkType.LINUX_SLL, 0, DATA, 0, 1, 1, null));
        assertEquals("packet link type LINUX_SLL differs from the file's EN10MB", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> w.write(LinkType.ETHERNET, 0, DATA, 3, 3, 3, null));
        assertThrows(IllegalArgumentException.class, () -> w.write(LinkType.ETHERNET, 0, DATA, 0, 3, 2, null));
        w.close();
        assertThrows(IOException.class, () -> w.write(LinkType.ETHERNET, 0, DATA, 0, 1, 1, null));
    }

    @Test
    void largePacketsPassTheBuffer() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.RAW, 262144, false, ByteOrder.LITTLE_ENDIAN)) {
            for (int i = 0; i < 3; i++) {
                w.write(LinkType.RAW, i, big, 0, big.length, big.length, null);
            }
        }
        byte[] file = out.toByteArray();
        assertEquals(24 + 3 * (16 + big.length), file.length);
        int last = 24 + 2 * (16 + big.length) + 16;
        assertEquals((byte) 199_999, file[last + 199_999]);
        assertEquals((byte) 77, file[last + 77]);
    }
}
