package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code grammar}: no identity from a capture in its output, damaged and missing inputs, --out, the JSON shape. */
class GrammarCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    @TempDir
    Path tmp;

    static Path sample(String name) throws IOException {
        return SamplesTest.capture(SamplesTest.SAMPLES.resolve(name));
    }

    /**
     * Every account, IP address and friendly name the decoder reports for a sample (its JSON Lines)
     * is absent from the grammar output in both formats: the examples are pseudonymised.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.msnscope.cli.SamplesTest#cases")
    void noIdentityFromTheCaptureInTheOutput(Path dir) throws IOException {
        String cap = SamplesTest.capture(dir).toString();
        Set<String> secrets = new TreeSet<>();
        for (String line : Run.of("read", "--format", "jsonl", cap).outLines()) {
            JsonNode e = JSON.readTree(line);
            Matcher m = EMAIL.matcher(line);
            while (m.find()) {
                secrets.add(m.group());
            }
            if (e.path("type").asText().equals("flow_start")) {
                for (String k : List.of("client", "server")) {
                    String a = e.get(k).asText();
                    secrets.add(a.substring(0, a.lastIndexOf(':')).replace("[", "").replace("]", ""));
                }
            }
            for (String k : List.of("friendly_name", "group_name")) {
                if (e.hasNonNull(k) && e.get(k).asText().length() >= 3) {
                    secrets.add(e.get(k).asText());
                }
            }
        }
        assertFalse(secrets.isEmpty(), "the sample names someone");
        for (String format : List.of("md", "json")) {
            Run r = Run.of("grammar", "--format", format, cap);
            assertEquals(0, r.code(), r.err());
            for (String s : secrets) {
                Pattern whole = Pattern.compile("(?<![A-Za-z0-9.])" + Pattern.quote(s) + "(?![A-Za-z0-9])");
                assertFalse(!s.endsWith("@example.com") && whole.matcher(r.out()).find(),
                        dir.getFileName() + " " + format + ": " + s + " appears in the grammar output");
            }
        }
    }

    @Test
    void aMissingFileIsOneLineAndExit1AndTheOtherFilesAreStillInventoried() throws IOException {
        Run r = Run.of("grammar", "--format", "json", tmp.resolve("nope.pcap").toString(),
                sample("msnp8-login").toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertArrayEquals(new String[] {"msnscope: error: " + tmp.resolve("nope.pcap") + ": offset 0: no such file"},
                r.errLines());
        JsonNode inv = JSON.readTree(r.out());
        assertEquals("MSNP8", inv.get("groups").get(0).get("version").asText());
        assertEquals(34, inv.get("summary").get("commands").asInt());
    }

    /** A record length past the limit halfway through: exit 1, the usual line, and the inventory of what came before. */
    /** Sets the 41st record's captured length of a classic pcap to 0x7fffffff; returns the record's offset. */
    private static int damageRecord40(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int off = 24;
        for (int i = 0; i < 40; i++) {
            off += 16 + bb.getInt(off + 8);
        }
        bb.putInt(off + 8, 0x7fffffff);
        return off;
    }

    @Test
    void aDamagedRecordIsSkippedAndTheRestInventoried() throws IOException {
        byte[] b = Files.readAllBytes(sample("msnp8-login"));
        int off = damageRecord40(b);
        Path cut = tmp.resolve("damaged.pcap");
        Files.write(cut, b);
        Run whole = Run.of("grammar", "--format", "json", sample("msnp8-login").toString());
        Run r = Run.of("grammar", "--format", "json", cut.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("msnscope: warning: " + cut + ": offset " + off + ": "), r.err());
        long after = JSON.readTree(r.out()).get("summary").get("commands").asLong();
        long all = JSON.readTree(whole.out()).get("summary").get("commands").asLong();
        // one record lost: at most the commands it carried (a few lines of one segment) are missing
        assertTrue(after >= all - 3 && after <= all, "commands with one record skipped: " + after + " of " + all);
    }

    @Test
    void aDamagedCaptureWithNothingReadableAfterTheDamageGivesWhatDecodedAndExit1() throws IOException {
        byte[] b = Files.readAllBytes(sample("msnp8-login"));
        int off = damageRecord40(b);
        Path cut = tmp.resolve("damaged.pcap");
        Files.write(cut, java.util.Arrays.copyOf(b, off + 40)); // 24 bytes of the damaged record, then the end
        Run whole = Run.of("grammar", "--format", "json", sample("msnp8-login").toString());
        Run r = Run.of("grammar", "--format", "json", cut.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("msnscope: error: " + cut + ": offset " + off + ": "), r.err());
        long before = JSON.readTree(r.out()).get("summary").get("commands").asLong();
        assertTrue(before > 10 && before < JSON.readTree(whole.out()).get("summary").get("commands").asLong(),
                "commands before the damage: " + before);
    }

    @Test
    void outWritesTheSameBytesAsStandardOutput() throws IOException {
        Path f = tmp.resolve("inv.md");
        Run r = Run.of("grammar", "--out", f.toString(), sample("msnp9-msnobject-typing").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(Run.of("grammar", sample("msnp9-msnobject-typing").toString()).out(),
                Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void anUnwritableOutIsExit3() throws IOException {
        Run r = Run.of("grammar", "--out", tmp.resolve("no/such/dir/x.md").toString(), sample("msnp8-login").toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, r.code());
        assertTrue(r.err().startsWith("msnscope: error: cannot write "), r.err());
    }

    @Test
    void noFileIsAUsageError() {
        Run r = Run.of("grammar");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
    }

    @Test
    void versionsWithoutDiffIsAUsageError() throws IOException {
        Run r = Run.of("grammar", "--versions", "MSNP8,MSNP9", sample("msnp8-login").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("msnscope: error: --versions needs --diff\n", r.err());
    }

    /** The JSON has the documented top-level fields, in order, and what is unknown comes before the groups. */
    @Test
    void jsonHasTheDocumentedShapeAndListsTheUnknownFirst() throws IOException {
        Run r = Run.of("grammar", "--format", "json", sample("p2p-hostile").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode inv = JSON.readTree(r.out());
        List<String> fields = new ArrayList<>();
        inv.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("grammar_format", "inputs", "summary", "unknown", "groups", "catalogues"), fields);
        assertEquals("p2p-hostile/capture.pcap", inv.get("inputs").get(0).asText());
        JsonNode guid = inv.get("unknown").get("euf_guids").get(0);
        assertEquals("{DEADBEEF-0000-4000-8000-0123456789AB}", guid.get("value").asText());
        assertFalse(guid.get("known").asBoolean());
        assertEquals("99", inv.get("unknown").get("app_ids").get(0).get("value").asText());
        Run md = Run.of("grammar", sample("p2p-hostile").toString());
        assertTrue(md.out().indexOf("`{DEADBEEF-0000-4000-8000-0123456789AB}`") < md.out().indexOf("## Contents"));
    }
}
