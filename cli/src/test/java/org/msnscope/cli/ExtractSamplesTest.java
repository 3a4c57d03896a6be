package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample that transfers objects: {@code extract} writes a manifest equal to the stored
 * {@code expected-manifest.json}, and every source object the scenario sent whole (sources.sha1)
 * is among the extracted files, byte for byte (by SHA-1, both the manifest's and the file's).
 */
class ExtractSamplesTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(SamplesTest.SAMPLES)) {
            List<Path> dirs = s.filter(d -> Files.isRegularFile(d.resolve("sources.sha1"))).sorted().toList();
            return dirs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extractedObjectsAreTheSourceBytes(Path dir) throws Exception {
        Path out = tmp.resolve("out");
        Run run = Run.of("extract", SamplesTest.capture(dir).toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        String manifest = Files.readString(out.resolve("manifest.json"), StandardCharsets.UTF_8);
        Path expectedFile = dir.resolve("expected-manifest.json");
        if (System.getenv("MSNSCOPE_UPDATE_BASELINES") != null) {
            Files.writeString(expectedFile, manifest, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(expectedFile), "missing " + expectedFile);
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), manifest,
                dir.getFileName() + ": manifest.json differs from expected-manifest.json");

        JsonNode objects = new ObjectMapper().readTree(manifest).get("objects");
        List<String> extracted = new ArrayList<>();
        for (JsonNode o : objects) {
            if (o.get("complete").asBoolean() && !o.get("path").isNull()) {
                byte[] bytes = Files.readAllBytes(out.resolve(o.get("path").asText()));
                assertEquals(o.get("sha1").asText(), SamplesTest.sha1(bytes), o.get("path").asText());
                assertEquals(o.get("size").asLong(), bytes.length);
                extracted.add(o.get("sha1").asText());
            }
        }
        for (String line : Files.readAllLines(dir.resolve("sources.sha1"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String sha = line.substring(0, 40);
            String source = line.substring(42).trim();
            assertEquals(sha, SamplesTest.sha1(Files.readAllBytes(dir.resolve(source))), "sources.sha1 is stale for " + source);
            assertTrue(extracted.contains(sha), dir.getFileName() + ": " + source + " (" + sha + ") was not extracted whole; got "
                    + extracted);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporary files left in " + out);
        }
    }
}
