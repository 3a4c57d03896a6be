package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.endOfOptions;
import static org.msnscope.capture.CaptureBytes.epb;
import static org.msnscope.capture.CaptureBytes.idb;
import static org.msnscope.capture.CaptureBytes.option;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pb;
import static org.msnscope.capture.CaptureBytes.shb;
import static org.msnscope.capture.CaptureBytes.spb;
import static org.msnscope.capture.CaptureBytes.textOption;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapngReadTest {
    private static final long T0 = 1_500_000_000L;

    @TempDir
    Path dir;

    static Stream<Arguments> orders() {
        return BufferSizes.sizes().boxed().flatMap(size -> Stream.of(
                Arguments.of(size, false), Arguments.of(size, true)));
    }

    private Reading.Result read(String fileName, byte[] bytes, int bufferSize) throws Exception {
        return Reading.readAll(Reading.write(dir, fileName, bytes), bufferSize);
    }

    @ParameterizedTest(name = "buffer {0}, big-endian {1}")
    @MethodSource("orders")
    void readsEnhancedPacketsWithInterfaceAndPacketComments(int bufferSize, boolean be) throws Exception {
        byte[] shb = shb(be, textOption(be, 4, "test app"), endOfOptions());
        byte[] idb = idb(be, LinkType.ETHERNET, 262144, textOption(be, 2, "eth0"), textOption(be, 3, "Uplink port"),
                textOption(be, 1, "the capture NIC"), endOfOptions());
        byte[] epb1 = epb(be, 0, T0 * 1_000_000 + 250_000, payload(61, 1), 61,
                textOption(be, 1, "hello \u2603"), endOfOptions());
        byte[] epb2 = epb(be, 0, T0 * 1_000_000 + 500_001, payload(3, 9), 1000,
                textOption(be, 1, "first"), textOption(be, 1, "second"));
        byte[] epb3 = epb(be, 0, T0 * 1_000_000, payload(0, 0), 0);
        byte[] file = concat(shb, idb, epb1, epb2, epb3);
        Reading.Result r = read("a.pcapng", file, bufferSize);

        assertNull(r.error());
        assertEquals(List.of(), r.problems());
        long epb1At = shb.length + idb.length;
        assertEquals(List.of(
                new Reading.Packet(Reading.hex(payload(61, 1)), 61, 61, T0 * 1_000_000_000L + 250_000_000L, 6,
                        LinkType.ETHERNET, 1, 0, epb1At, 0, "hello \u2603"),
                new Reading.Packet(Reading.hex(payload(3, 9)), 3, 1000, T0 * 1_000_000_000L + 500_001_000L, 6,
                        LinkType.ETHERNET, 2, 0, epb1At + epb1.length, 0, "first\nsecond"),
                new Reading.Packet("", 0, 0, T0 * 1_000_000_000L, 6, LinkType.ETHERNET, 3, 0,
                        epb1At + epb1.length + epb2.length, 0, null)),
                r.packets());
        assertEquals(List.of(new InterfaceInfo(0, 0, LinkType.ETHERNET, 262144, "eth0", "Uplink port",
                "the capture NIC", TimestampResolution.MICROSECONDS, 0)), r.interfaces());
        assertEquals(CaptureFormat.PCAPNG, r.reader().format());
        assertEquals("1.0", r.reader().version());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void twoSectionsWithDifferentByteOrdersAndLinkTypes(int bufferSize) throws Exception {
        byte[] section0 = concat(shb(false), idb(false, LinkType.ETHERNET, 0), idb(false, LinkType.LINUX_SLL, 0),
                epb(false, 1, 5_000_000, payload(8, 0), 8));
        byte[] section1 = concat(shb(true), idb(true, LinkType.RAW, 0), epb(true, 0, 6_000_000, payload(9, 0), 9));
        Reading.Result r = read("two.pcapng", concat(section0, section1), bufferSize);

        assertNull(r.error());
        assertEquals(2, r.packets().size());
        Reading.Packet a = r.packets().get(0);
        assertEquals(LinkType.LINUX_SLL, a.linkType());
        assertEquals(1, a.interfaceId());
        assertEquals(5_000_000_000L, a.timestampNanos());
        Reading.Packet b = r.packets().get(1);
        assertEquals(LinkType.RAW, b.linkType());
        assertEquals(0, b.interfaceId());
        assertEquals(6_000_000_000L, b.timestampNanos());
        assertEquals(section0.length, b.fileOffset() - 28 - 20);
        assertEquals(List.of(
                new InterfaceInfo(0, 0, LinkType.ETHERNET, 0, null, null, null, TimestampResolution.MICROSECONDS, 0),
                new InterfaceInfo(0, 1, LinkType.LINUX_SLL, 0, null, null, null, TimestampResolution.MICROSECONDS, 0),
                new InterfaceInfo(1, 0, LinkType.RAW, 0, null, null, null, TimestampResolution.MICROSECONDS, 0)),
                r.interfaces());
    }

    @ParameterizedTest(name = "buffer {0}, big-endian {1}")
    @MethodSource("orders")
    void timestampResolutionsAndOffsets(int bufferSize, boolean be) throws Exception {
        byte[] file = concat(shb(be),
                idb(be, LinkType.RAW, 0, option(be, 9, new byte[] {9})),
                idb(be, LinkType.RAW, 0, option(be, 9, new byte[] {3})),
                idb(be, LinkType.RAW, 0, option(be, 9, new byte[] {(byte) 0x94})),
                idb(be, LinkType.RAW, 0, option(be, 14, new CaptureBytes.Out(be).u64(100).toBytes())),
                idb(be, LinkType.RAW, 0, option(be, 9, new byte[] {(byte) 0x80}),
                        option(be, 14, new CaptureBytes.Out(be).u64(-10).toBytes())),
                epb(be, 0, T0 * 1_000_000_000L + 123_456_789, payload(1, 0), 1),
                epb(be, 1, T0 * 1_000 + 123, payload(1, 0), 1),
                epb(be, 2, (T0 << 20) | (1 << 19), payload(1, 0), 1),
                epb(be, 2, (T0 << 20) | 1, payload(1, 0), 1),
                epb(be, 3, 5_000_000, payload(1, 0), 1),
                epb(be, 4, 30, payload(1, 0), 1));
        Reading.Result r = read("res.pcapng", file, bufferSize);

        assertNull(r.error());
        List<Long> times = r.packets().stream().map(Reading.Packet::timestampNanos).toList();
        assertEquals(List.of(T0 * 1_000_000_000L + 123_456_789, T0 * 1_000_000_000L + 123_000_000,
                T0 * 1_000_000_000L + 500_000_000, T0 * 1_000_000_000L + 953, 105_000_000_000L, 20_000_000_000L), times);
        List<Integer> digits = r.packets().stream().map(Reading.Packet::timestampDigits).toList();
        assertEquals(List.of(9, 3, 7, 7, 6, 0), digits);
        assertEquals(new TimestampResolution(true, 20), r.interfaces().get(2).resolution());
        assertEquals(100, r.interfaces().get(3).timestampOffsetSeconds());
        assertEquals(-10, r.interfaces().get(4).timestampOffsetSeconds());
    }

    @ParameterizedTest(name = "buffer {0}, big-endian {1}")
    @MethodSource("orders")
    void simpleAndObsoletePacketBlocks(int bufferSize, boolean be) throws Exception {
        byte[] file = concat(shb(be),
                idb(be, LinkType.ETHERNET, 64, option(be, 9, new byte[] {9})),
                idb(be, LinkType.RAW, 0),
                pb(be, 1, 7_000_000L, payload(20, 5), 40),
                spb(be, 100, payload(64, 2)),
                spb(be, 3, payload(3, 1)),
                spb(be, 1500, payload(80, 0)));
        Reading.Result r = read("spb.pcapng", file, bufferSize);

        assertNull(r.error());
        assertEquals(List.of(), r.problems());
        List<Reading.Packet> p = r.packets();
        assertEquals(4, p.size());
        // obsolete Packet Block: 16-bit interface id, own timestamp
        assertEquals(new Reading.Packet(Reading.hex(payload(20, 5)), 20, 40, 7_000_000_000L, 6, LinkType.RAW, 1, 0,
                28 + 28 + 20, 1, null), p.get(0));
        // Simple Packet Blocks: interface 0, the previous packet's timestamp, length capped by snaplen
        assertEquals(Reading.hex(payload(64, 2)), p.get(1).hex());
        assertEquals(64, p.get(1).capturedLength());
        assertEquals(100, p.get(1).originalLength());
        assertEquals(7_000_000_000L, p.get(1).timestampNanos());
        assertEquals(9, p.get(1).timestampDigits());
        assertEquals(LinkType.ETHERNET, p.get(1).linkType());
        assertEquals(Reading.hex(payload(3, 1)), p.get(2).hex());
        assertEquals(3, p.get(2).originalLength());
        assertEquals(64, p.get(3).capturedLength());
        assertEquals(1500, p.get(3).originalLength());
        assertEquals(Reading.hex(payload(64, 0)), p.get(3).hex());
    }

    @ParameterizedTest(name = "buffer {0}, big-endian {1}")
    @MethodSource("orders")
    void otherBlocksAreSkippedAndUnknownTypesReportedOncePerType(int bufferSize, boolean be) throws Exception {
        byte[] head = concat(shb(be), idb(be, LinkType.ETHERNET, 0));
        byte[] nrb = CaptureBytes.block(be, 4, new CaptureBytes.Out(be).u16(1).u16(8).raw(payload(8, 0)).u32(0)
                .toBytes());
        byte[] isb = CaptureBytes.block(be, 5, new CaptureBytes.Out(be).u32(0).u64(0).toBytes());
        byte[] dsb = CaptureBytes.block(be, 0x0A, payload(16, 0));
        byte[] custom = CaptureBytes.block(be, 0xBAD, payload(12, 0));
        byte[] unknown = CaptureBytes.block(be, 0x12345678, payload(5, 0));
        byte[] unknown2 = CaptureBytes.block(be, 0x99, payload(0, 0));
        byte[] packet = epb(be, 0, 1, payload(10, 0), 10);
        Reading.Result r = read("skip.pcapng",
                concat(head, nrb, isb, dsb, custom, unknown, packet, unknown, unknown2, packet), bufferSize);

        assertNull(r.error());
        assertEquals(2, r.packets().size());
        long unknownAt = head.length + nrb.length + isb.length + dsb.length + custom.length;
        long unknown2At = unknownAt + unknown.length + packet.length + unknown.length;
        assertEquals(List.of(
                new CaptureProblem("skip.pcapng", unknownAt, "skipped_block",
                        "skipped block of unknown type 0x12345678", false),
                new CaptureProblem("skip.pcapng", unknown2At, "skipped_block",
                        "skipped block of unknown type 0x00000099", false)),
                r.problems());
        assertEquals(unknownAt + unknown.length, r.packets().get(0).fileOffset());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void optionRunningPastTheBlockIsReportedOnceAndThePacketKept(int bufferSize) throws Exception {
        byte[] badOption = new CaptureBytes.Out(false).u16(1).u16(400).u32(0).toBytes();
        byte[] file = concat(shb(false), idb(false, LinkType.ETHERNET, 0),
                epb(false, 0, 1, payload(4, 0), 4, badOption), epb(false, 0, 2, payload(4, 0), 4, badOption));
        Reading.Result r = read("opt.pcapng", file, bufferSize);

        assertNull(r.error());
        assertEquals(2, r.packets().size());
        assertNull(r.packets().get(0).comment());
        assertEquals(List.of(new CaptureProblem("opt.pcapng", 48, "malformed_option",
                "option length 400 runs past the end of the block; options from there ignored (reported once per file)",
                false)), r.problems());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void longInterfaceTextIsCutAtTheLimit(int bufferSize) throws Exception {
        String longName = "n".repeat(CaptureLimits.MAX_INTERFACE_TEXT_BYTES + 100);
        byte[] file = concat(shb(false), idb(false, LinkType.ETHERNET, 0, textOption(false, 2, longName),
                textOption(false, 3, "nul-terminated\0")));
        Reading.Result r = read("long.pcapng", file, bufferSize);
        assertEquals("n".repeat(CaptureLimits.MAX_INTERFACE_TEXT_BYTES), r.interfaces().get(0).name());
        assertEquals("nul-terminated", r.interfaces().get(0).description());
    }
}
