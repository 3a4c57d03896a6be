package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.ScenarioFile;
import org.msnscope.testkit.p2p.HostileNames;

/**
 * {@code extract} and {@code chats} on a capture whose file names are hostile ({@code ../../etc/passwd},
 * absolute paths, device names, a NUL, terminal escapes, 10,000 characters) and whose chat text
 * carries terminal control sequences: every file written is inside {@code --out} under a name
 * msnscope made, every object's bytes are right, and no control character reaches a transcript.
 */
class OutputSafetyTest {
    @TempDir
    static Path shared;

    static Path capture;
    static HostileNames.Case hostile;

    @BeforeAll
    static void generate() throws Exception {
        hostile = HostileNames.build();
        Path scn = Files.writeString(shared.resolve("hostile.scn"), hostile.scenario());
        capture = shared.resolve("hostile.pcap");
        try (OutputStream os = Files.newOutputStream(capture)) {
            ScenarioFile.parse(scn).writeTo(os);
        }
    }

    /** Every regular file and directory under {@code root}, relative, in order. */
    static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void extractWritesOnlyItsOwnNamesInsideOut(@TempDir Path box) throws IOException {
        Path out = box.resolve("deep/er/out");
        Run r = Run.of("extract", capture.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Set<String> all = tree(box);
        List<String> outside = all.stream().filter(p -> !p.startsWith("deep/er/out/") && !"deep".equals(p)
                && !"deep/er".equals(p) && !"deep/er/out".equals(p)).toList();
        assertEquals(List.of(), outside, "written outside --out");
        Set<String> names = tree(out);
        for (String n : names) {
            assertTrue(n.matches("T\\d+-[a-z_]+\\.[a-z0-9]+(\\.partial)?|T\\d+-preview\\.[a-z0-9]+|manifest\\.json"),
                    "a name msnscope did not make: " + n);
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        Map<String, byte[]> files = hostile.files();
        List<String> wanted = new ArrayList<>(files.keySet());
        int written = 0;
        for (JsonNode o : manifest.get("objects")) {
            if (o.get("path").isNull()) {
                continue;
            }
            written++;
            byte[] bytes = Files.readAllBytes(out.resolve(o.get("path").asText()));
            String sha = sha1(bytes);
            assertTrue(files.values().stream().anyMatch(f -> sha1(f).equals(sha)), o.get("path") + ": bytes of no file sent");
            String shown = o.get("name").asText();
            assertFalse(shown.contains("/") || shown.contains("\\") || shown.contains("\u0000")
                    || shown.chars().anyMatch(c -> c < 0x20), "the manifest's name is not sanitised: " + shown);
        }
        assertEquals(wanted.size(), written, "every file sent whole is extracted: " + names);
    }

    @Test
    void chatsWritesOnlyTranscriptsInsideOutWithControlCharactersShown(@TempDir Path box) throws IOException {
        Path out = box.resolve("chats");
        Run r = Run.of("chats", capture.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        StringBuilder all = new StringBuilder();
        for (String n : tree(box)) {
            assertTrue(n.equals("chats") || n.matches("chats/C\\d+\\.txt"), "a name msnscope did not make: " + n);
            if (!n.equals("chats")) {
                all.append(Files.readString(box.resolve(n), StandardCharsets.UTF_8));
            }
        }
        // alice's and bob's switchboard connections are both in the capture: one transcript each
        assertEquals(Set.of("chats", "chats/C1.txt", "chats/C2.txt"), tree(box), all.toString());
        String t = all.toString();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            assertTrue(c == '\n' || c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && !(c >= 0x202A && c <= 0x202E)
                    && !(c >= 0x2066 && c <= 0x2069), String.format("control character U+%04X in the transcript at %d:%n%s",
                    (int) c, i, t));
        }
        assertTrue(t.contains("bob@hotmail.com: \\x1b]0;window title\\x07\\x1b[31mred\\x1b[0m"), t);
        assertTrue(t.contains("innocent\\rFORGED"), t);
        assertFalse(t.lines().anyMatch(l -> l.startsWith("FORGED")), t);
    }

    /** A tmpfs of {@code kib} KiB mounted on {@code dir} (root only); false when this machine cannot. */
    static boolean mountTmpfs(Path dir, int kib) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor() == 0;
        if (!ok && System.getenv("CI") != null) {
            throw new AssertionError("CI must be able to mount a tmpfs (it runs as root): " + said);
        }
        return ok;
    }

    static void unmount(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskDuringExtractEndsWithAClearErrorAndAValidPartialExtraction(@TempDir Path box) throws Exception {
        Path out = box.resolve("full");
        org.junit.jupiter.api.Assumptions.assumeTrue(mountTmpfs(out, 96), "cannot mount a tmpfs here (not root?)");
        try {
            Run r = Run.of("extract", capture.toString(), "--out", out.toString());
            assertEquals(ExitCodes.OUTPUT_ERROR, r.code(), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.errLines()[0].matches("msnscope: error: " + java.util.regex.Pattern.quote(out.toString())
                    + ": cannot write an object: .*No space left on device.*; stopped after \\d+ objects, listed in"
                    + " manifest.json"), r.err());
            JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
            Set<String> listed = new TreeSet<>();
            for (JsonNode o : manifest.get("objects")) {
                if (!o.get("path").isNull()) {
                    listed.add(o.get("path").asText());
                    byte[] bytes = Files.readAllBytes(out.resolve(o.get("path").asText()));
                    assertEquals(o.get("written_bytes").asLong(), bytes.length);
                    String sha = sha1(bytes);
                    assertTrue(hostile.files().values().stream().anyMatch(f -> sha1(f).equals(sha)),
                            o.get("path") + ": not the bytes of a file sent");
                }
            }
            assertFalse(listed.isEmpty(), "some objects fit before the disk was full");
            Set<String> present = tree(out);
            present.remove("manifest.json");
            assertEquals(listed, present, "exactly the objects the manifest lists are there (no half-written file)");
        } finally {
            unmount(out);
        }
    }
}
