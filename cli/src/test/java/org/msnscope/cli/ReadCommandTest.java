package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.capture.write.PcapWriter;
import org.msnscope.capture.write.PcapngWriter;

/** The read command end to end, in-process: outputs, exit codes and one-line errors. */
class ReadCommandTest {
    static final Path LOGIN = SamplesTest.SAMPLES.resolve("msnp8-login/capture.pcap");

    @TempDir
    Path tmp;

    /** The bytes and times of every packet of the login sample, copied. */
    private static void loginPackets(List<byte[]> packets, List<Long> times) throws IOException {
        try (PacketSource src = CaptureFiles.open(LOGIN, "login", CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                packets.add(Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength));
                times.add(p.timestampNanos);
            }
        }
    }

    @Test
    void noArgumentsIsAUsageError() {
        Run r = Run.of();
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("msnscope: a command is required"), r.err());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLinePlusHint() {
        Run r = Run.of("read", "--bogus", LOGIN.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("msnscope: Unknown option: '--bogus'", r.errLines()[0]);
        assertEquals("Try 'msnscope read --help' for usage.", r.errLines()[1]);
        assertEquals("", r.out());
    }

    @Test
    void readWithoutFileIsAUsageError() {
        Run r = Run.of("read");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.errLines()[0].startsWith("msnscope: Missing required parameter"), r.err());
    }

    @Test
    void missingFileGivesOneLineAndExit1() {
        Path missing = tmp.resolve("nope.pcap");
        Run r = Run.of("read", missing.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("msnscope: error: " + missing + ": "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void notACaptureNamesFileAndOffset() throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "hello, this is not a capture file\n");
        Run r = Run.of("read", f.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertArrayEquals(new String[] {"msnscope: error: " + f + ": offset 0: not a capture file (magic 0x68656c6c)"},
                r.errLines());
        assertTrue(r.out().contains("ANOMALY     capture_file_error: " + f + ": offset 0: not a capture file"), r.out());
    }

    @Test
    void hugeRecordLengthWithNothingAfterItStopsThatFileButKeepsWhatCameBefore() throws IOException {
        byte[] good = Files.readAllBytes(LOGIN);
        int firstRecordEnd = 24 + 16 + ByteBuffer.wrap(good, 24 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bad = Arrays.copyOf(good, firstRecordEnd + 16 + 8);
        ByteBuffer.wrap(bad, firstRecordEnd + 8, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x80000000).putInt(0x80000000);
        Path f = tmp.resolve("huge.pcap");
        Files.write(f, bad);
        Run r = Run.of("read", "--format", "jsonl", f.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertArrayEquals(new String[] {"msnscope: error: " + f + ": offset " + firstRecordEnd
                + ": record length 2147483648 exceeds the limit of 262144 bytes; no plausible record in the 24 bytes"
                + " from there to the end of the file"}, r.errLines());
        assertTrue(r.out().contains("\"type\":\"flow_start\""), "the packet before the damage is decoded: " + r.out());
        assertTrue(r.out().contains("\"code\":\"capture_file_error\""), r.out());
    }

    @Test
    void truncatedLastRecordIsAWarningAndExit0() throws IOException {
        byte[] good = Files.readAllBytes(LOGIN);
        Path f = tmp.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(good, good.length - 10));
        Run r = Run.of("read", f.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("msnscope: warning: " + f + ": offset "), r.err());
        assertTrue(r.out().contains("capture_truncated_record"), r.out());
    }

    @Test
    void gzipDecodesLikeThePlainFile() throws IOException {
        Path gz = tmp.resolve("login.bin");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(LOGIN));
        }
        Run plain = Run.of("read", "--format", "jsonl", LOGIN.toString());
        Run zipped = Run.of("read", "--format", "jsonl", gz.toString());
        assertEquals(0, zipped.code(), zipped.err());
        assertEquals(plain.out(), zipped.out());
    }

    @Test
    void rotatedFilesDecodeAsOneCaptureWhateverTheirOrder() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        loginPackets(packets, times);
        int half = packets.size() / 2;
        Path a = tmp.resolve("rot-0.pcap");
        Path b = tmp.resolve("rot-1.pcapng");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(a), LinkType.ETHERNET, 262144, false, ByteOrder.LITTLE_ENDIAN)) {
            for (int i = 0; i < half; i++) {
                w.write(LinkType.ETHERNET, times.get(i), packets.get(i), 0, packets.get(i).length, packets.get(i).length, null);
            }
        }
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(b), 6, ByteOrder.BIG_ENDIAN, null)) {
            for (int i = half; i < packets.size(); i++) {
                w.write(LinkType.ETHERNET, times.get(i), packets.get(i), 0, packets.get(i).length, packets.get(i).length, null);
            }
        }
        Run whole = Run.of("read", "--format", "jsonl", LOGIN.toString());
        Run rotated = Run.of("read", "--format", "jsonl", b.toString(), a.toString());
        assertEquals(0, rotated.code(), rotated.err());
        assertEquals(whole.out(), rotated.out());
    }

    @Test
    void standardInputAndPipesAreRead() throws IOException {
        Run plain = Run.of("read", "--format", "jsonl", LOGIN.toString());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(Files.readAllBytes(LOGIN));
        }
        java.io.InputStream saved = System.in;
        try {
            for (byte[] input : List.of(Files.readAllBytes(LOGIN), gz.toByteArray())) {
                System.setIn(new java.io.ByteArrayInputStream(input));
                Run piped = Run.of("read", "--format", "jsonl", "-");
                assertEquals(0, piped.code(), piped.err());
                assertEquals(plain.out(), piped.out());
            }
            System.setIn(new java.io.ByteArrayInputStream("not a capture".getBytes()));
            Run bad = Run.of("read", "-");
            assertEquals(ExitCodes.INPUT_ERROR, bad.code());
            assertArrayEquals(new String[] {"msnscope: error: stdin: offset 0: not a capture file (magic 0x6e6f7420)"},
                    bad.errLines());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aFifoIsReadAsAStream() throws Exception {
        Path fifo = tmp.resolve("live.fifo");
        int made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            made = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made == 0, "mkfifo is not available here");
        Thread writer = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(Files.readAllBytes(LOGIN));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Run r = Run.of("read", "--format", "jsonl", fifo.toString());
        writer.join(10_000);
        assertEquals(0, r.code(), r.err());
        assertEquals(Run.of("read", "--format", "jsonl", LOGIN.toString()).out(), r.out());
    }

    @Test
    void fileThatCannotBeOpenedHasNoTimestamp() {
        Run r = Run.of("read", "--format", "jsonl", tmp.resolve("missing.pcap").toString());
        assertEquals("{\"ts\":null,\"type\":\"anomaly\",\"frame\":0,\"flow\":null,\"code\":\"capture_file_error\","
                + "\"detail\":\"" + tmp.resolve("missing.pcap") + ": offset 0: no such file\"}", r.out().trim());
    }

    @Test
    void goodFilesAreReadWhenAnotherIsBad() throws IOException {
        Path bad = tmp.resolve("bad.pcap");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Run alone = Run.of("read", "--format", "jsonl", LOGIN.toString());
        Run mixed = Run.of("read", "--format", "jsonl", bad.toString(), LOGIN.toString());
        assertEquals(ExitCodes.INPUT_ERROR, mixed.code());
        assertEquals(1, mixed.errLines().length, mixed.err());
        List<String> decoded = Arrays.stream(mixed.outLines()).filter(l -> !l.contains("capture_file_error")).toList();
        assertEquals(Arrays.asList(alone.outLines()), decoded);
    }

    @Test
    void statsAsJsonHasExactCounts() {
        Run r = Run.of("read", "--stats", "--format", "jsonl", LOGIN.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().length);
        String line = r.outLines()[0];
        assertTrue(line.startsWith("{\"type\":\"stats\",\"files\":1,\"input_bytes\":" + LOGIN.toFile().length()
                + ",\"packets\":53,\"tcp_packets\":53,\"non_tcp_packets\":0,"), line);
        assertTrue(line.contains("\"flows\":2,\"gaps\":0,\"gap_bytes\":0,"), line);
        assertTrue(line.contains("\"first_ts\":\"2003-10-15T19:02:11.204113000Z\""), line);
    }

    @Test
    void statsAsTextSummarises() {
        Run r = Run.of("read", "--stats", LOGIN.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("packets    53 (tcp 53, other 0, truncated 0, malformed 0, ip fragments 0)"), r.out());
        assertTrue(r.out().contains("flows      2\n"), r.out());
        assertTrue(r.out().contains("span       2003-10-15 19:02:11.204113 .. "), r.out());
    }

    @Test
    void statsShowWhatTheFileSaysAboutItself() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        loginPackets(packets, times);
        Path f = tmp.resolve("annotated.pcapng");
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(f), 9, ByteOrder.LITTLE_ENDIAN, null)) {
            int iface = w.addInterface(LinkType.ETHERNET, 65535, "eth0", "uplink to the\nlab switch");
            for (int i = 0; i < packets.size(); i++) {
                w.writeOn(iface, times.get(i), packets.get(i), 0, packets.get(i).length, packets.get(i).length,
                        i % 10 == 0 ? "note " + i : null);
            }
        }
        Run text = Run.of("read", "--stats", f.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("comments   6 packets carry a pcapng comment\n"), text.out());
        assertTrue(text.out().contains("file       " + f + ": pcapng 1.0\n"), text.out());
        assertTrue(text.out().contains("  interface 0/0 EN10MB, snaplen 65535, timestamps 10^-9, name \"eth0\","
                + " comment \"uplink to the lab switch\"\n"), text.out());
        Run json = Run.of("read", "--stats", "--format", "jsonl", f.toString());
        assertTrue(json.out().contains("\"commented_packets\":6,"), json.out());
        assertTrue(json.out().contains("\"inputs\":[{\"file\":\"" + f + "\",\"format\":\"pcapng\",\"version\":\"1.0\","
                + "\"gzip\":false,\"interfaces\":[{\"section\":0,\"id\":0,\"link_type\":\"EN10MB\",\"snaplen\":65535,"
                + "\"ts_resolution\":\"10^-9\",\"name\":\"eth0\",\"description\":null,"
                + "\"comment\":\"uplink to the\\nlab switch\"}]}]}"), json.out());
    }

    @Test
    void relativeTimesStartAtZero() {
        Run r = Run.of("read", "--time", "relative", LOGIN.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.outLines()[0].startsWith("+0.000000  F1    flow start  192.168.1.20:1025 -> 65.54.239.140:1863"),
                r.outLines()[0]);
    }

    @Test
    void helpListsExitCodes() {
        Run r = Run.of("read", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("--format=FMT"), r.out());
    }

    @Test
    void closedOutputIsReportedNotThrown() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new java.io.PrintStream(closed), new java.io.PrintStream(err), "read", LOGIN.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, code);
        assertEquals("msnscope: error: cannot write output\n", err.toString());
    }
}
