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
}
