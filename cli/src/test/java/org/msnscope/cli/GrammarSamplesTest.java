package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inventories in docs/protocol/ are what {@code grammar} makes of each sample today, byte for
 * byte, in both formats, of all samples decoded together, and the diff example.
 * {@code MSNSCOPE_UPDATE_BASELINES=1} rewrites them instead of comparing (review the diff before
 * committing); so does docs/protocol/regenerate.sh.
 */
class GrammarSamplesTest {
    static final Path DOCS = SamplesTest.SAMPLES.getParent().resolve("docs").resolve("protocol");
    static final String ALL = "all-samples";
    static final String DIFF = "diff-msnp8-msnp15";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.msnscope.cli.SamplesTest#cases")
    void markdownIsCurrent(Path dir) throws IOException {
        compare(dir.getFileName() + ".md", "md", SamplesTest.capture(dir).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.msnscope.cli.SamplesTest#cases")
    void jsonIsCurrent(Path dir) throws IOException {
        compare(dir.getFileName() + ".json", "json", SamplesTest.capture(dir).toString());
    }

    @Test
    void allSamplesTogetherAreCurrent() throws IOException {
        compare(ALL + ".md", "md", GrammarDiffTest.allCaptures());
        compare(ALL + ".json", "json", GrammarDiffTest.allCaptures());
    }

    /** The worked example of --diff in docs/protocol/. */
    @Test
    void theDiffExampleIsCurrent() throws IOException {
        compare(DIFF + ".md", "md", "--diff", SamplesTest.capture(SamplesTest.SAMPLES.resolve("msnp8-login")).toString(),
                SamplesTest.capture(SamplesTest.SAMPLES.resolve("msnp15-sso-gcf")).toString());
    }

    /** No inventory is left behind for a sample that is gone, and none is missing. */
    @Test
    void oneInventoryPerSample() throws IOException {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> s = SamplesTest.cases()) {
            s.forEach(d -> {
                expected.add(d.getFileName() + ".md");
                expected.add(d.getFileName() + ".json");
            });
        }
        expected.add(ALL + ".md");
        expected.add(ALL + ".json");
        expected.add(DIFF + ".md");
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(DOCS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") || n.endsWith(".json"))
                    .filter(n -> !n.equals("README.md")).forEach(present::add);
        }
        assertEquals(expected, present, "docs/protocol/ holds exactly one inventory per sample (and " + ALL + ")");
    }

    private static void compare(String baseline, String format, String... files) throws IOException {
        String[] args = new String[files.length + 3];
        args[0] = "grammar";
        args[1] = "--format";
        args[2] = format;
        System.arraycopy(files, 0, args, 3, files.length);
        Run run = Run.of(args);
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        Path expected = DOCS.resolve(baseline);
        if (System.getenv("MSNSCOPE_UPDATE_BASELINES") != null) {
            Files.writeString(expected, run.out(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(expected), "missing " + expected + " (docs/protocol/regenerate.sh writes it)");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), run.out(),
                baseline + " is not what grammar prints now; run docs/protocol/regenerate.sh and review the diff");
    }
}
