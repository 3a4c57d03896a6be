package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample cut short at many offsets and with bytes flipped: the run ends with exit 0 or 1 and
 * at most one-line messages, never an internal error; a cut capture still reports every flow
 * that started before the cut exactly as the whole capture does.
 */
class DamagedCaptureTest {
    @TempDir
    Path tmp;

    /**
     * Cuts per sample at most (every 13 bytes for small captures), and flipped variants per sample.
     * The defaults keep CI within its time as samples grow; a long run raises them, e.g.
     * {@code mvn test -pl cli -Dtest=DamagedCaptureTest -Dmsnscope.damage.cuts=5000 -Dmsnscope.damage.flips=1000}.
     */
    static final int CUTS = Integer.getInteger("msnscope.damage.cuts", 250);
    static final int FLIPS = Integer.getInteger("msnscope.damage.flips", 60);

    static java.util.stream.Stream<Path> cases() throws IOException {
        return SamplesTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutAnywhere(Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SamplesTest.capture(dir));
        java.util.List<String> full = Arrays.asList(Run.of("read", "--format", "jsonl",
                SamplesTest.capture(dir).toString()).outLines());
        Path f = tmp.resolve("cut");
        // every 13 bytes for small captures; about CUTS cuts for large ones (each cut decodes the prefix)
        int step = Math.max(13, whole.length / CUTS);
        int k = 0;
        for (int n = 0; n < whole.length; n += step) {
            Files.write(f, Arrays.copyOf(whole, n));
            // one cut in four through two decoder threads (starting shards for every cut tripled the test's time;
            // ThreadsIdentityTest compares the thread counts' outputs on cut files)
            Run r = Run.of("read", "--threads", k++ % 4 == 0 ? "2" : "1", "--format", "jsonl", f.toString());
            assertSane(r, "cut at " + n);
            for (String line : r.outLines()) {
                assertTrue(line.startsWith("{\"ts\":") && line.endsWith("}"), line);
                if (line.contains("\"type\":\"flow_start\"")) {
                    assertTrue(full.contains(line), "cut at " + n + ": " + line);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flippedBytes(Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SamplesTest.capture(dir));
        Random rnd = new Random(dir.getFileName().toString().hashCode());
        Path f = tmp.resolve("flipped");
        for (int i = 0; i < FLIPS; i++) {
            byte[] b = whole.clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            Files.write(f, b);
            assertSane(Run.of("read", "--threads", "1", "--format", "jsonl", f.toString()), "variant " + i);
            assertSane(Run.of("read", "--threads", "2", "--stats", f.toString()), "variant " + i + " --stats");
        }
    }

    private static void assertSane(Run r, String what) {
        assertTrue(r.code() == ExitCodes.OK || r.code() == ExitCodes.INPUT_ERROR, what + ": exit " + r.code() + " " + r.err());
        assertFalse(r.err().contains("internal error"), what + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what + ": " + r.err());
        for (String line : r.errLines()) {
            assertTrue(line.startsWith("msnscope: error: ") || line.startsWith("msnscope: warning: "), what + ": " + line);
        }
        if (r.code() == ExitCodes.INPUT_ERROR) {
            assertEquals(1, Arrays.stream(r.errLines()).filter(l -> l.startsWith("msnscope: error: ")).count(), what);
        }
    }
}
