package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extract}: what it writes, what it refuses, and its exit codes. */
class ExtractCommandTest {
    static final Path SAMPLES = SamplesTest.SAMPLES;
    static final String FILE_ACCEPT = SAMPLES.resolve("p2p-v1-file-accept/capture.pcap").toString();

    @TempDir
    Path tmp;

    @Test
    void writesGeneratedNamesAndAManifestAndSaysWhat() throws Exception {
        Path out = tmp.resolve("objects");
        Run run = Run.of("extract", FILE_ACCEPT, SAMPLES.resolve("p2p-v1-display-picture/capture.pcap").toString(),
                "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.outLines();
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith("T1 display_picture \"TFR2C2.tmp\" bob@hotmail.com -> alice@hotmail.com 37028 bytes via switchboard: completed sha1 b9845f874e3340cc4c7c9db31d5ee6d5c69d8819 verified -> "), lines[0]);
        assertTrue(lines[0].endsWith("T1-display_picture.png"), lines[0]);
        assertTrue(lines[1].endsWith("T2-file.bin"), lines[1]);
        assertEquals("2 transfers, 2 written to " + out + " (manifest.json lists them)", lines[2]);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("T1-display_picture.png", "T2-file.bin", "manifest.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedUnlessOverwriteIsGiven() throws Exception {
        Path out = tmp.resolve("objects");
        assertEquals(0, Run.of("extract", FILE_ACCEPT, "--out", out.toString()).code());
        long before = Files.getLastModifiedTime(out.resolve("manifest.json")).toMillis();
        Run again = Run.of("extract", FILE_ACCEPT, "--out", out.toString());
        assertEquals(2, again.code());
        assertEquals("msnscope: error: " + out + " already holds an extraction (manifest.json or T*- objects); choose an empty directory or pass --overwrite\n", again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("manifest.json")).toMillis());
        Run forced = Run.of("extract", FILE_ACCEPT, "--out", out.toString(), "--overwrite");
        assertEquals(0, forced.code(), forced.err());
        assertEquals("2e2dececf0f3377b8c2a8d4507817e169417c239", SamplesTest.sha1(Files.readAllBytes(out.resolve("T1-file.bin"))));
    }

    @Test
    void maxSizeCutsObjectsOffAndMarksThemPartial() throws Exception {
        Path out = tmp.resolve("objects");
        Run run = Run.of("extract", FILE_ACCEPT, "--out", out.toString(), "--max-size", "10K");
        assertEquals(0, run.code(), run.err());
        JsonNode o = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("objects").get(0);
        assertEquals("incomplete", o.get("state").asText());
        assertTrue(o.get("cut_off").asBoolean());
        assertEquals("T1-file.bin.partial", o.get("path").asText());
        assertEquals(10240, Files.size(out.resolve("T1-file.bin.partial")));
        byte[] source = Files.readAllBytes(SAMPLES.resolve("p2p-v1-file-accept/source").toFile().listFiles()[0].toPath());
        assertEquals(SamplesTest.sha1(java.util.Arrays.copyOf(source, 10240)),
                SamplesTest.sha1(Files.readAllBytes(out.resolve("T1-file.bin.partial"))));
    }

    @Test
    void aBadMaxSizeIsAUsageError() {
        Run run = Run.of("extract", FILE_ACCEPT, "--out", tmp.resolve("o").toString(), "--max-size", "lots");
        assertEquals(2, run.code());
        assertEquals("msnscope: error: --max-size: \"lots\" is not a size (bytes, or a number with K, M or G)\n", run.err());
    }

    @Test
    void anUnreadableInputStillExtractsTheOthersAndExitsOne() throws Exception {
        Path out = tmp.resolve("objects");
        Run run = Run.of("extract", tmp.resolve("missing.pcap").toString(), FILE_ACCEPT, "--out", out.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("msnscope: error: " + tmp.resolve("missing.pcap")), run.err());
        assertTrue(Files.isRegularFile(out.resolve("T1-file.bin")));
    }

    @Test
    void anOutputThatIsAFileIsAnOutputError() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Run run = Run.of("extract", FILE_ACCEPT, "--out", file.toString());
        assertEquals(3, run.code());
        assertTrue(run.err().startsWith("msnscope: error: " + file + ": cannot create the output directory"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
