package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msnscope.testkit.BulkGenerator;

/**
 * {@code --threads N} changes nothing but speed: every command gives byte-identical standard
 * output, standard error, exit code and written files (by SHA-1) with 1, 2, 3 and 4 decoder
 * threads, on every sample, on generated captures with many hosts (MSNP, web traffic, P2P) and on
 * damaged input (a cut file, two files).
 */
class ThreadsIdentityTest {
    static final int[] THREADS = {2, 3, 4};

    @TempDir
    Path tmp;

    static Stream<Path> samples() throws IOException {
        return SamplesTest.cases();
    }

    /** What one run produced: exit code, stdout, stderr and the SHA-1 of each file it wrote. */
    private record Result(int code, String out, String err, TreeMap<String, String> files) {
    }

    private Result run(Path outDir, String... args) throws IOException {
        Run r = Run.of(args);
        TreeMap<String, String> files = new TreeMap<>();
        if (outDir != null && Files.isDirectory(outDir)) {
            try (Stream<Path> s = Files.list(outDir)) {
                for (Path f : s.sorted().toList()) {
                    files.put(f.getFileName().toString(), sha1(Files.readAllBytes(f)));
                }
            }
        }
        String out = r.out();
        if (outDir != null) {
            out = out.replace(outDir.toString(), "DIR");
        }
        return new Result(r.code(), out, r.err(), files);
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The run's wall-clock figures differ run to run; everything else must not. */
    static String withoutTimings(String stats) {
        return stats.replaceAll("(?m)^elapsed .*$", "elapsed")
                .replaceAll("\"(elapsed_seconds|mb_per_s|packets_per_s)\":[0-9.E+-]+", "\"$1\":0");
    }

    /** Runs {@code args} (with {@code --threads N} added) for 1 and each of {@link #THREADS}; all must agree. */
    private void assertSameForAllThreads(String label, boolean stats, boolean writes, String... args) throws IOException {
        Result one = null;
        for (int n : new int[] {1, 2, 3, 4}) {
            Path dir = writes ? tmp.resolve(label.replaceAll("[^A-Za-z0-9]", "_") + "-t" + n) : null;
            List<String> a = new ArrayList<>(List.of(args));
            if (dir != null) {
                a.add("--out");
                a.add(dir.toString());
            }
            a.add("--threads");
            a.add(Integer.toString(n));
            Result r = run(dir, a.toArray(String[]::new));
            if (stats) {
                r = new Result(r.code(), withoutTimings(r.out()), r.err(), r.files());
            }
            if (one == null) {
                one = r;
                assertTrue(r.code() == ExitCodes.OK || r.code() == ExitCodes.INPUT_ERROR, label + ": " + r.err());
                assertTrue(!r.out().isEmpty(), label + ": no output");
                continue;
            }
            assertEquals(one.code(), r.code(), label + " --threads " + n + ": exit code");
            assertEquals(one.err(), r.err(), label + " --threads " + n + ": stderr");
            assertEquals(one.out(), r.out(), label + " --threads " + n + ": stdout");
            assertEquals(one.files(), r.files(), label + " --threads " + n + ": files written (SHA-1)");
        }
    }

    private void everyCommand(String label, String... files) throws IOException {
        assertSameForAllThreads(label + " read jsonl", false, false, concat(new String[] {"read", "--format", "jsonl"}, files));
        assertSameForAllThreads(label + " read text", false, false, concat(new String[] {"read", "--time", "relative"}, files));
        assertSameForAllThreads(label + " read stats jsonl", true, false,
                concat(new String[] {"read", "--stats", "--format", "jsonl"}, files));
        assertSameForAllThreads(label + " sessions", false, false, concat(new String[] {"sessions"}, files));
        assertSameForAllThreads(label + " chats", false, true, concat(new String[] {"chats"}, files));
        assertSameForAllThreads(label + " extract", false, true, concat(new String[] {"extract"}, files));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySample(Path dir) throws IOException {
        everyCommand(dir.getFileName().toString(), SamplesTest.capture(dir).toString());
    }

    private Path bulk(String name, long bytes, int flows, long seed, double webShare, boolean p2p) throws IOException {
        Path f = tmp.resolve(name + ".pcap");
        new BulkGenerator(bytes, flows, seed, webShare).p2p(p2p).writeTo(f);
        return f;
    }

    @Test
    void manyHostsOfMsnp() throws IOException {
        String f = bulk("msnp", 3 << 20, 300, 1, 0, false).toString();
        everyCommand("bulk", f);
        assertSameForAllThreads("bulk read stats", true, false, "read", "--stats", f);
        assertSameForAllThreads("bulk read tcp", false, false, "read", "--layer", "tcp", "--format", "jsonl", f);
    }

    @Test
    void msnpAmongWebTraffic() throws IOException {
        everyCommand("web", bulk("web", 3 << 20, 200, 2, 0.9, false).toString());
    }

    @Test
    void p2pTransfers() throws IOException {
        everyCommand("p2p", bulk("p2p", 3 << 20, 100, 3, 0, true).toString());
    }

    @Test
    void damagedInput() throws IOException {
        Path whole = bulk("whole", 2 << 20, 150, 4, 0, true);
        byte[] b = Files.readAllBytes(whole);
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2 + 7));
        Path sample = SamplesTest.capture(SamplesTest.SAMPLES.resolve("p2p-direct-file"));
        Path missing = tmp.resolve("missing.pcap");
        everyCommand("cut", cut.toString());
        everyCommand("two files", cut.toString(), sample.toString());
        everyCommand("missing", sample.toString(), missing.toString());
    }

    @Test
    void threadsOutsideTheRangeAreAUsageError() throws IOException {
        String f = SamplesTest.capture(SamplesTest.SAMPLES.resolve("msnp8-login")).toString();
        for (String[] args : new String[][] {{"read", "--threads", "0", f}, {"sessions", "--threads", "65", f},
            {"extract", "--threads", "-1", "--out", tmp.resolve("x").toString(), f}}) {
            Run r = Run.of(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("msnscope: --threads: " + args[2] + " is not between 1 and 64"), r.err());
            assertEquals("", r.out());
        }
    }

    /**
     * Work no single packet of a shard causes: flows of many hosts going idle at one tick (some
     * with the same last time, so the flow number decides), a fragmented segment and a datagram
     * that never completes, snaplen-truncated packets in several shards, and a run of malformed
     * packets whose reports are rationed per 1,000 packets.
     */
    @Test
    void expiryFragmentsTruncationAndJunk() throws IOException {
        Path f = tmp.resolve("ticks.pcap");
        org.msnscope.testkit.PacketBuilder pb = new org.msnscope.testkit.PacketBuilder(org.msnscope.capture.LinkType.ETHERNET);
        long t0 = BulkGenerator.START_NANOS;
        byte[] ver = "VER 1 MSNP8 CVR0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] big = new byte[1200];
        java.util.Arrays.fill(big, (byte) 'x');
        try (java.io.OutputStream os = Files.newOutputStream(f);
                org.msnscope.capture.write.PcapWriter w = new org.msnscope.capture.write.PcapWriter(os,
                        org.msnscope.capture.LinkType.ETHERNET, 65535, false, java.nio.ByteOrder.LITTLE_ENDIAN)) {
            int hosts = 60;
            for (int i = 0; i < hosts; i++) {
                byte[] c = {10, 9, (byte) (i / 200), (byte) (1 + i % 200)};
                byte[] srv = {(byte) 207, 46, 0, (byte) (1 + i % 4)};
                long t = t0 + i * 1_000_000L;
                int cp = 3000 + i;
                write(w, pb.tcp(c, cp, srv, 1863, 100, 0, org.msnscope.testkit.PacketBuilder.SYN, 65535, 1460, ver, 0, 0, false), pb, t, 0);
                write(w, pb.tcp(srv, 1863, c, cp, 500, 101, org.msnscope.testkit.PacketBuilder.SYN | org.msnscope.testkit.PacketBuilder.ACK, 65535, 1460, ver, 0, 0, false), pb, t + 1000, 0);
                write(w, pb.tcp(c, cp, srv, 1863, 101, 501, org.msnscope.testkit.PacketBuilder.ACK, 65535, 0, ver, 0, 0, false), pb, t + 2000, 0);
                // every third host's last packet comes at one shared time: the flow number orders their expiry
                long last = i % 3 == 0 ? t0 + 500_000_000L : t + 3000;
                int cut = i % 7 == 0 ? 40 : 0; // snaplen-truncated, in several shards
                if (i % 11 == 5) {
                    pb.tcp(c, cp, srv, 1863, 101, 501, org.msnscope.testkit.PacketBuilder.ACK, 65535, 0, big, 0, big.length, false);
                    for (byte[] frag : pb.fragmentLast(3)) {
                        w.write(org.msnscope.capture.LinkType.ETHERNET, t + 3000, frag, 0, frag.length, frag.length, null);
                    }
                } else if (i % 11 == 6) {
                    pb.tcp(c, cp, srv, 1863, 101, 501, org.msnscope.testkit.PacketBuilder.ACK, 65535, 0, big, 0, big.length, false);
                    List<byte[]> frags = pb.fragmentLast(3);
                    for (byte[] frag : frags.subList(0, 2)) { // never completes: times out
                        w.write(org.msnscope.capture.LinkType.ETHERNET, t + 3000, frag, 0, frag.length, frag.length, null);
                    }
                } else {
                    write(w, pb.tcp(c, cp, srv, 1863, 101, 501, org.msnscope.testkit.PacketBuilder.ACK | org.msnscope.testkit.PacketBuilder.PSH, 65535, 0, ver, 0, ver.length, false), pb, Math.max(last, t + 3000), cut);
                }
            }
            byte[] junk = new byte[60];
            junk[12] = 0x08; // IPv4 with a header length below 20
            junk[14] = 0x41;
            for (int k = 0; k < 2500; k++) {
                w.write(org.msnscope.capture.LinkType.ETHERNET, t0 + 600_000_000L + k, junk, 0, junk.length, junk.length, null);
            }
            // long after: every flow above is idle, the incomplete datagram has timed out
            byte[] c = {10, 8, 0, 1};
            byte[] srv = {(byte) 207, 46, 0, 9};
            write(w, pb.tcp(c, 4000, srv, 1863, 1, 0, org.msnscope.testkit.PacketBuilder.SYN, 65535, 1460, ver, 0, 0, false), pb, t0 + 700_000_000_000L, 0);
        }
        String one = Run.of("read", "--format", "jsonl", "--threads", "1", f.toString()).out();
        for (String what : new String[] {"idle_timeout", "ip_fragment_incomplete", "packet_truncated", "malformed_ip",
            "more since the last report", "\"flow\":\"F61\""}) {
            assertTrue(one.contains(what), "the capture should show " + what);
        }
        assertSameForAllThreads("ticks read jsonl", false, false, "read", "--format", "jsonl", f.toString());
        assertSameForAllThreads("ticks read stats", true, false, "read", "--stats", f.toString());
        assertSameForAllThreads("ticks sessions", false, false, "sessions", f.toString());
    }

    private static void write(org.msnscope.capture.write.PcapWriter w, int len,
            org.msnscope.testkit.PacketBuilder pb, long ts, int cut) throws IOException {
        int captured = cut > 0 ? Math.min(cut, len) : len;
        w.write(org.msnscope.capture.LinkType.ETHERNET, ts, pb.buffer(), 0, captured, len, null);
    }
}
