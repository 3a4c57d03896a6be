package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pcapHeader;
import static org.msnscope.capture.CaptureBytes.pcapRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapReadTest {
    @TempDir
    Path dir;

    static Stream<Arguments> orders() {
        return BufferSizes.sizes().boxed().flatMap(size -> Stream.of(
                Arguments.of(size, false, false), Arguments.of(size, true, false),
                Arguments.of(size, false, true), Arguments.of(size, true, true)));
    }

    @ParameterizedTest(name = "buffer {0}, big-endian {1}, nanos {2}")
    @MethodSource("orders")
    void readsEveryRecordInEitherByteOrderAndResolution(int bufferSize, boolean bigEndian, boolean nanos)
            throws Exception {
        long fraction = nanos ? 123_456_789 : 123_456;
        byte[] file = concat(
                pcapHeader(bigEndian, nanos, 65535, LinkType.ETHERNET),
                pcapRecord(bigEndian, 1_000_000_000L, fraction, payload(60, 0), 60),
                pcapRecord(bigEndian, 4_000_000_000L, 0, payload(0, 0), 0),
                pcapRecord(bigEndian, 1_000_000_001L, fraction, payload(1514, 7), 1514));
        Reading.Result r = Reading.readAll(Reading.write(dir, "a.pcap", file), bufferSize);

        assertNull(r.error());
        assertEquals(List.of(), r.problems());
        long fractionNanos = nanos ? 123_456_789 : 123_456_000;
        int digits = nanos ? 9 : 6;
        assertEquals(List.of(
                new Reading.Packet(Reading.hex(payload(60, 0)), 60, 60, 1_000_000_000_000_000_000L + fractionNanos,
                        digits, LinkType.ETHERNET, 1, 0, 24, 0, null),
                new Reading.Packet("", 0, 0, 4_000_000_000_000_000_000L, digits, LinkType.ETHERNET, 2, 0, 100, 0, null),
                new Reading.Packet(Reading.hex(payload(1514, 7)), 1514, 1514, 1_000_000_001_000_000_000L + fractionNanos,
                        digits, LinkType.ETHERNET, 3, 0, 116, 0, null)),
                r.packets());
        assertEquals(CaptureFormat.PCAP, r.reader().format());
        assertEquals("2.4", r.reader().version());
        assertFalse(r.reader().gzipped());
        assertEquals(List.of(new InterfaceInfo(0, 0, LinkType.ETHERNET, 65535, null, null, null,
                nanos ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS, 0)), r.interfaces());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void snaplenCutPacketsAreDeliveredAsTruncated(int bufferSize) throws Exception {
        byte[] file = concat(
                pcapHeader(false, false, 96, LinkType.RAW),
                pcapRecord(false, 10, 1, payload(96, 3), 1500),
                // caplen larger than len: the record is taken at its caplen
                pcapRecord(false, 11, 2, payload(40, 9), 20));
        Reading.Result r = Reading.readAll(Reading.write(dir, "cut.pcap", file), bufferSize);

        assertNull(r.error());
        Reading.Packet first = r.packets().get(0);
        assertEquals(96, first.capturedLength());
        assertEquals(1500, first.originalLength());
        assertEquals(Reading.hex(payload(96, 3)), first.hex());
        Reading.Packet second = r.packets().get(1);
        assertEquals(40, second.capturedLength());
        assertEquals(40, second.originalLength());
        assertEquals(2, r.packets().size());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void truncatedFlagFollowsTheLengths(int bufferSize) throws Exception {
        byte[] file = concat(pcapHeader(true, false, 64, LinkType.ETHERNET),
                pcapRecord(true, 1, 0, payload(64, 0), 200));
        RawPacket p = new RawPacket();
        try (PacketSource s = CaptureFiles.open(Reading.write(dir, "t.pcap", file), "t.pcap",
                CaptureProblemListener.IGNORE, bufferSize)) {
            assertTrue(s.next(p));
            assertTrue(p.truncated());
            assertFalse(s.next(p));
        }
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void fcsBitsAreMaskedOffTheLinkType(int bufferSize) throws Exception {
        long linkTypeWithFcs = 0xF000_0000L | 0x0400_0000L | LinkType.ETHERNET;
        byte[] file = concat(pcapHeader(false, false, 65535, linkTypeWithFcs), pcapRecord(false, 1, 0, payload(4, 0), 4));
        Reading.Result r = Reading.readAll(Reading.write(dir, "fcs.pcap", file), bufferSize);
        assertEquals(LinkType.ETHERNET, r.packets().get(0).linkType());
        assertEquals(LinkType.ETHERNET, r.interfaces().get(0).linkType());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void aRecordAsLargeAsTheLimitIsRead(int bufferSize) throws Exception {
        byte[] big = payload(CaptureLimits.PCAP_MIN_RECORD_LIMIT, 1);
        byte[] file = concat(pcapHeader(false, false, 65535, LinkType.ETHERNET), pcapRecord(false, 1, 0, big, big.length),
                pcapRecord(false, 2, 0, payload(5, 0), 5));
        Reading.Result r = Reading.readAll(Reading.write(dir, "big.pcap", file), bufferSize);
        assertNull(r.error());
        assertEquals(Reading.hex(big), r.packets().get(0).hex());
        assertEquals(24 + 16 + big.length, r.packets().get(1).fileOffset());
    }
}
