package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msnscope.testkit.ScenarioFile;

/**
 * Every case in samples/: the committed capture is exactly what its scenario generates, and its
 * decode equals the stored expected output. {@code MSNSCOPE_UPDATE_BASELINES=1} rewrites the
 * expected files instead of comparing (then review the diff before committing).
 */
class SamplesTest {
    static final Path SAMPLES = locateSamples();

    static Path locateSamples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("samples/ not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("samples");
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            List<Path> dirs = s.filter(d -> Files.isRegularFile(d.resolve("scenario.scn"))).sorted().toList();
            assertFalse(dirs.isEmpty(), "no samples found");
            return dirs.stream();
        }
    }

    static Path capture(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> caps = s.filter(f -> f.getFileName().toString().startsWith("capture.")).toList();
            assertEquals(1, caps.size(), "exactly one capture.* in " + dir);
            return caps.get(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void captureIsWhatItsScenarioGenerates(Path dir) throws Exception {
        ByteArrayOutputStream regenerated = new ByteArrayOutputStream();
        ScenarioFile.parse(dir.resolve("scenario.scn")).writeTo(regenerated);
        byte[] committed = Files.readAllBytes(capture(dir));
        assertEquals(sha1(committed), sha1(regenerated.toByteArray()),
                dir.getFileName() + ": capture differs from what scenario.scn generates (see samples/README.md)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonLinesMatchExpected(Path dir) throws Exception {
        compareWithBaseline(dir, "expected.jsonl", "--format", "jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void textTimelineMatchesExpected(Path dir) throws Exception {
        compareWithBaseline(dir, "expected.txt", "--format", "text");
    }

    private static void compareWithBaseline(Path dir, String baseline, String... options) throws IOException {
        String[] args = new String[options.length + 2];
        args[0] = "read";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = capture(dir).toString();
        Run run = Run.of(args);
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        Path expectedFile = dir.resolve(baseline);
        if (System.getenv("MSNSCOPE_UPDATE_BASELINES") != null) {
            Files.writeString(expectedFile, run.out(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(expectedFile), "missing " + expectedFile);
        String[] expected = Files.readString(expectedFile, StandardCharsets.UTF_8).split("\n");
        assertArrayEquals(expected, run.outLines(), dir.getFileName() + ": output differs from " + baseline);
    }

    static String sha1(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
