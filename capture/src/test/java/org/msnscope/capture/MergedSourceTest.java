package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.epb;
import static org.msnscope.capture.CaptureBytes.gzip;
import static org.msnscope.capture.CaptureBytes.idb;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pcapHeader;
import static org.msnscope.capture.CaptureBytes.pcapRecord;
import static org.msnscope.capture.CaptureBytes.pcapRecordHeader;
import static org.msnscope.capture.CaptureBytes.shb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MergedSourceTest {
    @TempDir
    Path dir;

    /** A pcap file whose packets carry their second as the first payload byte. */
    private static byte[] pcapAt(int... seconds) {
        byte[][] parts = new byte[seconds.length + 1][];
        parts[0] = pcapHeader(false, false, 65535, LinkType.RAW);
        for (int i = 0; i < seconds.length; i++) {
            parts[i + 1] = pcapRecord(false, seconds[i], 0, payload(20 + i, seconds[i]), 20 + i);
        }
        return concat(parts);
    }

    /** The same as pcapng, so files of both formats merge. */
    private static byte[] pcapngAt(int... seconds) {
        byte[][] parts = new byte[seconds.length + 2][];
        parts[0] = shb(true);
        parts[1] = idb(true, LinkType.ETHERNET, 0);
        for (int i = 0; i < seconds.length; i++) {
            parts[i + 2] = epb(true, 0, seconds[i] * 1_000_000L, payload(30 + i, seconds[i]), 30 + i);
        }
        return concat(parts);
    }

    private PacketSource open(String name, byte[] bytes, int bufferSize, List<CaptureProblem> problems)
            throws IOException {
        return CaptureFiles.open(Reading.write(dir, name, bytes), name, problems::add, bufferSize);
    }

    /** "file:second:frame" for every packet, in merge order. */
    private static List<String> drain(MergedSource merged) {
        List<String> order = new ArrayList<>();
        RawPacket p = new RawPacket();
        while (merged.next(p)) {
            assertEquals(p.timestampNanos / 1_000_000_000L, p.data[p.offset] & 0xFF, "bytes belong to the packet");
            order.add(p.fileIndex + ":" + p.timestampNanos / 1_000_000_000L + ":" + p.frameNumber);
        }
        assertFalse(merged.next(p));
        return order;
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void threeFilesInterleaveByTimeWithTiesInFileOrder(int bufferSize) throws Exception {
        List<CaptureProblem> problems = new ArrayList<>();
        try (MergedSource merged = new MergedSource(List.of(
                open("a.pcap", pcapAt(1, 4, 7, 10), bufferSize, problems),
                open("b.pcapng", pcapngAt(2, 5, 8), bufferSize, problems),
                open("c.pcap.gz", gzip(pcapAt(3, 5, 6, 9, 11, 12)), bufferSize, problems)), problems::add)) {
            assertEquals(List.of("0:1:1", "1:2:2", "2:3:3", "0:4:4", "1:5:5", "2:5:6", "2:6:7", "0:7:8",
                    "1:8:9", "2:9:10", "0:10:11", "2:11:12", "2:12:13"), drain(merged));
            assertFalse(merged.hadFatalErrors());
            assertEquals("a.pcap, b.pcapng, c.pcap.gz", merged.name());
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void aBadFileIsReportedAndDroppedWhileTheOthersAreReadToTheEnd(int bufferSize) throws Exception {
        List<CaptureProblem> problems = new ArrayList<>();
        byte[] bad = concat(pcapAt(2, 3), pcapRecordHeader(false, 4, 0, 0x7FFF_FFF0L, 0));
        byte[] plain = pcapAt(6, 8);
        byte[] gz = gzip(plain);
        byte[] cutGz = Arrays.copyOf(gz, gz.length - 30);
        try (MergedSource merged = new MergedSource(List.of(
                open("a.pcap", pcapAt(1, 4, 7, 10), bufferSize, problems),
                open("bad.pcap", bad, bufferSize, problems),
                open("cut.pcap.gz", cutGz, bufferSize, problems),
                open("d.pcapng", pcapngAt(5, 9), bufferSize, problems)), problems::add)) {
            List<String> order = drain(merged);
            assertEquals(List.of("0:1:1", "1:2:2", "1:3:3", "0:4:4", "3:5:5", "0:7:6", "3:9:7", "0:10:8"), order);
            assertTrue(merged.hadFatalErrors());
        }
        assertEquals(2, problems.size());
        // the cut file fails while the merge looks at every file's first packet, the bad one later
        CaptureProblem cut = problems.get(0);
        assertEquals(new CaptureProblem("bad.pcap", 24 + 36 + 37, "capture_file_error",
                "record length 2147483632 exceeds the limit of 262144 bytes; no plausible record in the 16 bytes from"
                + " there to the end of the file", true), problems.get(1));
        assertEquals("cut.pcap.gz", cut.source());
        assertTrue(cut.offset() >= 0 && cut.offset() < plain.length, "offset " + cut.offset());
        assertEquals("capture_file_error", cut.code());
        assertEquals("gzip stream cut short", cut.message());
        assertTrue(cut.fatal());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void rotatedFilesFollowOneAnother(int bufferSize) throws Exception {
        try (MergedSource merged = new MergedSource(List.of(
                open("r2.pcap", pcapAt(4, 5), bufferSize, new ArrayList<>()),
                open("r1.pcap", pcapAt(1, 2, 3), bufferSize, new ArrayList<>())), null)) {
            assertEquals(List.of("1:1:1", "1:2:2", "1:3:3", "0:4:4", "0:5:5"), drain(merged));
        }
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void fileOffsetsAndLengthsSurviveTheMerge(int bufferSize) throws Exception {
        Reading.Result alone = Reading.readAll(Reading.write(dir, "x.pcapng", pcapngAt(1, 2, 3)), bufferSize);
        try (MergedSource merged = new MergedSource(List.of(
                open("x.pcapng", pcapngAt(1, 2, 3), bufferSize, new ArrayList<>())), null)) {
            RawPacket p = new RawPacket();
            List<Reading.Packet> packets = new ArrayList<>();
            while (merged.next(p)) {
                packets.add(Reading.Packet.copyOf(p));
            }
            assertEquals(alone.packets(), packets);
        }
    }
}
