package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.epb;
import static org.msnscope.capture.CaptureBytes.gzip;
import static org.msnscope.capture.CaptureBytes.idb;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pcapHeader;
import static org.msnscope.capture.CaptureBytes.pcapRecord;
import static org.msnscope.capture.CaptureBytes.pcapRecordHeader;
import static org.msnscope.capture.CaptureBytes.shb;
import static org.msnscope.capture.CaptureBytes.spb;
import static org.msnscope.capture.CaptureBytes.utf8;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {
    @TempDir
    Path dir;

    private String openFails(String fileName, byte[] bytes, int bufferSize) {
        Path file = Reading.write(dir, fileName, bytes);
        return assertThrows(CaptureException.class,
                () -> CaptureFiles.open(file, fileName, CaptureProblemListener.IGNORE, bufferSize)).getMessage();
    }

    private Reading.Result read(String fileName, byte[] bytes, int bufferSize) throws IOException {
        return Reading.readAll(Reading.write(dir, fileName, bytes), bufferSize);
    }

    // ---- files that cannot be read at all

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void filesThatAreNotCaptures(int bufferSize) throws Exception {
        assertEquals("nope.pcap: offset 0: no such file", assertThrows(CaptureException.class,
                () -> CaptureFiles.open(dir.resolve("nope.pcap"), "nope.pcap", null, bufferSize)).getMessage());
        assertEquals("sub: offset 0: is a directory, not a capture file", assertThrows(CaptureException.class,
                () -> CaptureFiles.open(Files.createDirectories(dir.resolve("sub")), "sub", null, bufferSize))
                .getMessage());
        assertEquals("empty.pcap: offset 0: empty file", openFails("empty.pcap", new byte[0], bufferSize));
        assertEquals("empty.gz: offset 0: empty file", openFails("empty.gz", gzip(new byte[0]), bufferSize));
        assertEquals("text.pcap: offset 0: not a capture file (magic 0x68656c6c)",
                openFails("text.pcap", utf8("hello world"), bufferSize));
        assertEquals("text.gz: offset 0: not a capture file (magic 0x68656c6c)",
                openFails("text.gz", gzip(utf8("hello world")), bufferSize));
        assertEquals("abc.pcap: offset 0: not a capture file (magic 0x616263)",
                openFails("abc.pcap", utf8("abc"), bufferSize));
        assertEquals("1f.pcap: offset 0: not a capture file (magic 0x1f)",
                openFails("1f.pcap", new byte[] {0x1f}, bufferSize));
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void truncatedHeaders(int bufferSize) {
        byte[] header = pcapHeader(false, false, 65535, LinkType.ETHERNET);
        assertEquals("short.pcap: offset 0: truncated pcap global header (10 of 24 bytes)",
                openFails("short.pcap", Arrays.copyOf(header, 10), bufferSize));
        assertEquals("short.pcap.gz: offset 0: truncated pcap global header (23 of 24 bytes)",
                openFails("short.pcap.gz", gzip(Arrays.copyOf(header, 23)), bufferSize));
        assertEquals("short.pcapng: offset 0: truncated pcapng section header block (12 of 28 bytes)",
                openFails("short.pcapng", Arrays.copyOf(shb(true), 12), bufferSize));
        byte[] badOrder = shb(false);
        badOrder[8] = 1;
        badOrder[9] = 2;
        badOrder[10] = 3;
        badOrder[11] = 4;
        assertEquals("order.pcapng: offset 0: bad byte-order magic 0x01020304 in section header block",
                openFails("order.pcapng", badOrder, bufferSize));
        byte[] version2 = shb(false);
        version2[12] = 2;
        assertEquals("v2.pcapng: offset 0: unsupported pcapng version 2.0", openFails("v2.pcapng", version2, bufferSize));
    }

    // ---- pcap records

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void recordLengthPastTheLimitWithNothingPlausibleAfterItEndsTheFile(int bufferSize) throws Exception {
        byte[] good = pcapRecord(false, 1, 0, payload(10, 0), 10);
        Reading.Result r = read("huge.pcap", concat(pcapHeader(false, false, 65535, LinkType.ETHERNET), good,
                pcapRecordHeader(false, 2, 0, 0x8000_0000L, 0x8000_0000L), payload(100, 0)), bufferSize);
        assertEquals(1, r.packets().size());
        assertEquals("huge.pcap: offset 50: record length 2147483648 exceeds the limit of 262144 bytes;"
                + " no plausible record in the 116 bytes from there to the end of the file", r.error().getMessage());
        assertEquals(50, r.error().offset());

        r = read("big-snaplen.pcap", concat(pcapHeader(true, true, 1_000_000, LinkType.ETHERNET),
                pcapRecordHeader(true, 2, 0, 1_000_001, 1_000_001)), bufferSize);
        assertEquals("big-snaplen.pcap: offset 24: record length 1000001 exceeds the limit of 1000000 bytes;"
                + " no plausible record in the 16 bytes from there to the end of the file", r.error().getMessage());

        r = read("max-snaplen.pcap", concat(pcapHeader(false, false, 0xFFFF_FFFFL, LinkType.ETHERNET),
                pcapRecordHeader(false, 2, 0, 0xFFFF_FFFFL, 0)), bufferSize);
        assertEquals("max-snaplen.pcap: offset 24: record length 4294967295 exceeds the limit of 16777216 bytes;"
                + " no plausible record in the 16 bytes from there to the end of the file", r.error().getMessage());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void damagedRecordHeaderIsSkippedToTheNextPlausibleRecord(int bufferSize) throws Exception {
        byte[] first = pcapRecord(false, 1000, 0, payload(10, 1), 10);
        byte[] second = pcapRecord(false, 1001, 0, payload(20, 2), 20);
        byte[] third = pcapRecord(false, 1002, 0, payload(30, 3), 30);
        byte[] damaged = second.clone();
        damaged[11] = 0x7F; // captured length 0x7F000014
        Reading.Result r = read("damaged.pcap", concat(pcapHeader(false, false, 65535, LinkType.ETHERNET), first,
                damaged, third, first), bufferSize);
        assertNull(r.error());
        assertEquals(List.of(1000L, 1002L, 1000L),
                r.packets().stream().map(p -> p.timestampNanos() / 1_000_000_000L).toList());
        assertEquals(List.of(1L, 2L, 3L), r.packets().stream().map(Reading.Packet::frameNumber).toList());
        assertEquals(List.of(new CaptureProblem("damaged.pcap", 50, "resync", "record length 2130706452 exceeds the"
                + " limit of 262144 bytes; skipped 36 bytes to the next plausible record at offset 86", false)),
                r.problems());

        // a length that runs past the end of the file, with whole records after it: not the last record cut short
        byte[] longer = second.clone();
        longer[9] = 0x10; // captured length 4116
        r = read("long.pcap", concat(pcapHeader(false, false, 65535, LinkType.ETHERNET), first, longer, third),
                bufferSize);
        assertNull(r.error());
        assertEquals(2, r.packets().size());
        assertEquals("long.pcap: offset 50: record length 4116 runs past the end of the file; skipped 36 bytes to"
                + " the next plausible record at offset 86", r.problems().get(0).describe());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void concatenatedCapturesAreReadOneAfterTheOther(int bufferSize) throws Exception {
        byte[] pcapLe = concat(pcapHeader(false, false, 65535, LinkType.ETHERNET),
                pcapRecord(false, 1, 0, payload(10, 1), 10));
        byte[] pcapBeNanos = concat(pcapHeader(true, true, 65535, LinkType.RAW),
                pcapRecord(true, 2, 5, payload(12, 2), 12));
        byte[] ng = concat(shb(true), idb(true, LinkType.LINUX_SLL, 0), epb(true, 0, 3, payload(14, 3), 14));
        Reading.Result r = read("cat.pcap", concat(pcapLe, pcapBeNanos, ng, pcapLe), bufferSize);
        assertNull(r.error());
        assertEquals(List.of(LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL, LinkType.ETHERNET),
                r.packets().stream().map(Reading.Packet::linkType).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), r.packets().stream().map(Reading.Packet::frameNumber).toList());
        assertEquals(List.of(10, 12, 14, 10), r.packets().stream().map(Reading.Packet::capturedLength).toList());
        assertEquals(2_000_000_005L, r.packets().get(1).timestampNanos());
        assertEquals(List.of("concatenated", "concatenated", "concatenated"),
                r.problems().stream().map(CaptureProblem::code).toList());
        assertEquals("cat.pcap: offset 50: a second pcap global header: captures concatenated; reading on with its"
                + " header", r.problems().get(0).describe());
        assertEquals(4, r.interfaces().size());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void truncatedLastRecordIsAProblemNotAnError(int bufferSize) throws Exception {
        byte[] file = concat(pcapHeader(false, false, 65535, LinkType.ETHERNET),
                pcapRecord(false, 1, 0, payload(10, 0), 10),
                Arrays.copyOf(pcapRecord(false, 2, 0, payload(100, 0), 100), 56));
        Reading.Result r = read("cut.pcap", file, bufferSize);
        assertNull(r.error());
        assertEquals(1, r.packets().size());
        assertEquals(List.of(new CaptureProblem("cut.pcap", 50, "truncated_record",
                "last record cut short: 56 of 116 bytes present, 60 missing", false)), r.problems());

        byte[] cutHeader = Arrays.copyOf(file, 24 + 26 + 5);
        r = read("cut-header.pcap", cutHeader, bufferSize);
        assertNull(r.error());
        assertEquals(1, r.packets().size());
        assertEquals(List.of(new CaptureProblem("cut-header.pcap", 50, "truncated_record",
                "last record cut short: 5 of 16 bytes present, 11 missing", false)), r.problems());
    }

    // ---- pcapng blocks

    private static final byte[] NG_HEAD = concat(shb(false), idb(false, LinkType.ETHERNET, 0));

    /** The error or the problems a damaged block after one good packet gives, and whether a later packet was read. */
    private String blockOutcome(String fileName, byte[] tail, int bufferSize) throws IOException {
        byte[] after = epb(false, 0, 9, payload(8, 9), 8);
        Reading.Result r = read(fileName, concat(NG_HEAD, epb(false, 0, 1, payload(4, 0), 4), tail, after), bufferSize);
        assertEquals(4, r.packets().get(0).capturedLength());
        String outcome = r.error() != null ? "error: " + r.error().getMessage()
                : String.join("\n", r.problems().stream().map(CaptureProblem::describe).toList());
        return outcome + " [" + r.packets().size() + " packets]";
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void badBlockLengthsAreSkippedToTheNextBlock(int bufferSize) throws Exception {
        CaptureBytes.Out le = new CaptureBytes.Out(false);
        assertEquals("b.pcapng: offset 84: block length 8 is less than 12; skipped 12 bytes to the next plausible"
                + " block at offset 96 [2 packets]", blockOutcome("b.pcapng", le.u32(6).u32(8).u32(8).toBytes(),
                bufferSize));
        assertEquals("b.pcapng: offset 84: block length 30 is not a multiple of 4; skipped 32 bytes to the next"
                + " plausible block at offset 116 [2 packets]", blockOutcome("b.pcapng",
                new CaptureBytes.Out(false).u32(6).u32(30).raw(new byte[24]).toBytes(), bufferSize));
        assertEquals("b.pcapng: offset 84: block length 2147483648 exceeds the limit of 16777216 bytes; skipped 72"
                + " bytes to the next plausible block at offset 156 [2 packets]", blockOutcome("b.pcapng",
                new CaptureBytes.Out(false).u32(6).u32(0x8000_0000L).raw(new byte[64]).toBytes(), bufferSize));
        byte[] mismatch = epb(false, 0, 1, payload(4, 0), 4);
        mismatch[mismatch.length - 4] = (byte) 0xE7;
        mismatch[mismatch.length - 3] = 3;
        assertEquals("b.pcapng: offset 84: trailing block length 999 differs from leading block length 36; skipped"
                + " 36 bytes to the next plausible block at offset 120 [2 packets]",
                blockOutcome("b.pcapng", mismatch, bufferSize));
        // blocks whose two lengths agree but whose content cannot be right are skipped whole
        assertEquals("b.pcapng: offset 84: enhanced packet block length 12 is too short (at least 32 bytes); skipped"
                + " the block's 12 bytes [2 packets]",
                blockOutcome("b.pcapng", CaptureBytes.block(false, 6, new byte[0]), bufferSize));
        byte[] overlong = new CaptureBytes.Out(false).u32(0).u32(0).u32(1).u32(100).u32(100).raw(payload(4, 0))
                .toBytes();
        assertEquals("b.pcapng: offset 84: captured length 100 does not fit in the block (4 bytes of room); skipped"
                + " the block's 36 bytes [2 packets]",
                blockOutcome("b.pcapng", CaptureBytes.block(false, 6, overlong), bufferSize));
        // nothing plausible to the end: the file ends there with an error
        Reading.Result r = read("end.pcapng", concat(NG_HEAD, epb(false, 0, 1, payload(4, 0), 4),
                new CaptureBytes.Out(false).u32(6).u32(8).u32(8).raw(new byte[40]).toBytes()), bufferSize);
        assertEquals(1, r.packets().size());
        assertEquals("end.pcapng: offset 84: block length 8 is less than 12; no plausible block in the 52 bytes from"
                + " there to the end of the file", r.error().getMessage());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void packetsForInterfacesNeverDescribedAreSkipped(int bufferSize) throws Exception {
        assertEquals("b.pcapng: offset 84: enhanced packet block names interface 2, but section 0 describes 1;"
                + " skipped the block's 36 bytes [2 packets]",
                blockOutcome("b.pcapng", epb(false, 2, 1, payload(4, 0), 4), bufferSize));
        assertEquals("b.pcapng: offset 84: packet block names interface 1, but section 0 describes 1; skipped the"
                + " block's 36 bytes [2 packets]",
                blockOutcome("b.pcapng", CaptureBytes.pb(false, 1, 1, payload(4, 0), 4), bufferSize));
        // a new section forgets the interfaces of the one before
        Reading.Result r = read("b.pcapng", concat(NG_HEAD, epb(false, 0, 1, payload(4, 0), 4), shb(true),
                epb(true, 0, 1, payload(4, 0), 4)), bufferSize);
        assertEquals(List.of("b.pcapng: offset 112: enhanced packet block names interface 0, but section 1 describes"
                + " 0; skipped the block's 36 bytes"), r.problems().stream().map(CaptureProblem::describe).toList());
        r = read("spb.pcapng", concat(shb(false), spb(false, 4, payload(4, 0))), bufferSize);
        assertEquals(List.of("spb.pcapng: offset 28: simple packet block before any interface description; skipped"
                + " the block's 20 bytes"), r.problems().stream().map(CaptureProblem::describe).toList());
        assertEquals(0, r.packets().size());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void truncatedLastBlockIsAProblemNotAnError(int bufferSize) throws Exception {
        byte[] last = epb(false, 0, 2, payload(40, 0), 40);
        Reading.Result r = read("cut.pcapng", concat(NG_HEAD, epb(false, 0, 1, payload(4, 0), 4),
                Arrays.copyOf(last, 50)), bufferSize);
        assertNull(r.error());
        assertEquals(1, r.packets().size());
        assertEquals(List.of(new CaptureProblem("cut.pcapng", 84, "truncated_record",
                "last block cut short: 50 of 72 bytes present, 22 missing", false)), r.problems());

        r = read("cut8.pcapng", concat(NG_HEAD, Arrays.copyOf(last, 6)), bufferSize);
        assertEquals(List.of(new CaptureProblem("cut8.pcapng", 48, "truncated_record",
                "last block cut short: 6 of 8 bytes present, 2 missing", false)), r.problems());
    }

    // ---- gzip

    /** Bytes a JDK inflater gets out of {@code gz} before it runs out of input. */
    private static long decompressibleBytes(byte[] gz) throws IOException {
        long n = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            while (in.read() >= 0) {
                n++;
            }
        } catch (EOFException expected) {
            return n;
        }
        throw new AssertionError("stream was not cut");
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void gzipCutShortKeepsThePacketsBeforeTheCut(int bufferSize) throws Exception {
        byte[] plain = GzipReadTest.samplePcap(false, false);
        Reading.Result all = Reading.readAll(Reading.write(dir, "all.pcap", plain), bufferSize);
        for (int cut : new int[] {40, 8}) {
            byte[] gz = gzip(plain);
            byte[] cutGz = Arrays.copyOf(gz, gz.length - cut);
            long reached = decompressibleBytes(cutGz);
            Reading.Result r = read("cut.pcap.gz", cutGz, bufferSize);
            assertEquals("cut.pcap.gz: offset " + reached + ": gzip stream cut short", r.error().getMessage());
            List<Reading.Packet> complete = all.packets().stream()
                    .filter(p -> p.fileOffset() + 16 + p.capturedLength() <= reached).toList();
            assertEquals(complete, r.packets());
        }
        byte[] gz = gzip(plain);
        assertEquals("head.gz: offset 0: gzip stream cut short", openFails("head.gz", Arrays.copyOf(gz, 5), bufferSize));
        gz[gz.length - 5] ^= 0x55;
        Reading.Result r = read("crc.pcap.gz", gz, bufferSize);
        assertEquals(40, r.packets().size());
        assertEquals("crc.pcap.gz: offset " + plain.length + ": gzip stream corrupt (Corrupt GZIP trailer)",
                r.error().getMessage());
    }
}
