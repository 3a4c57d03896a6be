package org.msnscope.capture.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.LinkType;

class PcapngWriterTest {
    private static final long TS = 1_000_000_000_123_456_789L;
    private static final byte[] DATA = {1, 2, 3, 4, 5};

    private static byte[] onePacket(int digits, ByteOrder order, String shbComment) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, digits, order, shbComment)) {
            w.write(LinkType.ETHERNET, TS, DATA, 0, 5, 5, "hi");
        }
        return out.toByteArray();
    }

    @Test
    void littleEndianMicroseconds() throws IOException {
        assertEquals(Hex.join(
                "0a0d0d0a 2c000000 4d3c2b1a 0100 0000 ffffffff ffffffff",
                "0400 0800 6d736e73636f7065 0000 0000 2c000000",
                "01000000 28000000 0100 0000 00000400",
                "0200 0900 6d736e73636f706531 000000 0000 0000 28000000",
                "06000000 34000000 00000000 7e8d0300 4062c8a4 05000000 05000000 0102030405 000000",
                "0100 0200 6869 0000 0000 0000 34000000"), Hex.of(onePacket(6, ByteOrder.LITTLE_ENDIAN, null)));
    }

    @Test
    void bigEndianNanosecondsWithSectionComment() throws IOException {
        assertEquals(Hex.join(
                "0a0d0d0a 00000038 1a2b3c4d 0001 0000 ffffffff ffffffff",
                "0001 0005 68656c6c6f 000000",
                "0004 0008 6d736e73636f7065 0000 0000 00000038",
                "00000001 00000030 0001 0000 00040000",
                "0002 0009 6d736e73636f706531 000000 0009 0001 09 000000 0000 0000 00000030",
                "00000006 00000034 00000000 0de0b6b3 aebfcd15 00000005 00000005 0102030405 000000",
                "0001 0002 6869 0000 0000 0000 00000034"), Hex.of(onePacket(9, ByteOrder.BIG_ENDIAN, "hello")));
    }

    @Test
    void explicitInterfacesAndPacketsWithoutComment() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, 6, ByteOrder.BIG_ENDIAN, null)) {
            assertEquals(0, w.addInterface(LinkType.RAW, 2, null, null));
            assertEquals(1, w.addInterface(LinkType.LINUX_SLL, 0, null, "c"));
            w.writeOn(0, 1_000L, DATA, 1, 3, 9, null);
            assertThrows(IllegalArgumentException.class, () -> w.writeOn(2, 0, DATA, 0, 1, 1, null));
        }
        byte[] file = out.toByteArray();
        String afterShb = Hex.of(file).substring(2 * 44);
        assertEquals(Hex.join(
                "00000001 00000014 0065 0000 00000002 00000014",
                "00000001 00000020 0071 0000 00000000 0001 0001 63 000000 0000 0000 00000020",
                "00000006 00000024 00000000 00000000 00000001 00000002 00000009 0203 0000 00000024"), afterShb);
    }

    @Test
    void oneImplicitInterfacePerLinkType() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, 6, ByteOrder.LITTLE_ENDIAN, null)) {
            w.write(LinkType.ETHERNET, 0, DATA, 0, 1, 1, null);
            w.write(LinkType.RAW, 0, DATA, 0, 1, 1, null);
            w.write(LinkType.ETHERNET, 0, DATA, 0, 1, 1, null);
        }
        byte[] f = out.toByteArray();
        // SHB 44, IDB 40, EPB 36, IDB 40 (name "msnscope101" is 11 bytes, padded to 12), EPB 36, EPB 36
        assertEquals(44 + 40 + 36 + 40 + 36 + 36, f.length);
        assertEquals(1, f[44 + 40 + 36 + 40 + 8]);
        assertEquals(0, f[44 + 40 + 36 + 40 + 36 + 8]);
    }

    @Test
    void rejectsBadDigits() {
        assertThrows(IllegalArgumentException.class,
                () -> new PcapngWriter(new ByteArrayOutputStream(), 3, ByteOrder.BIG_ENDIAN, null));
    }
}
