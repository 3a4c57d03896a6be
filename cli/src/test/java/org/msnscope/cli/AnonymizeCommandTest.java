package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anonymize}: --keep-text, the report, standard input, and the one-line errors with their exit codes. */
class AnonymizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Path sample(String name) throws Exception {
        return SamplesTest.capture(SamplesTest.SAMPLES.resolve(name));
    }

    /** The text of every text message, in order. */
    private static List<String> texts(Path capture) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : AnonymizeSamplesTest.decode(capture).split("\n")) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asText().equals("message") && e.hasNonNull("text")) {
                out.add(e.get("text").asText());
            }
        }
        return out;
    }

    @Test
    void messageTextIsReplacedBySameLengthTextUnlessKept() throws Exception {
        Path in = sample("msnp9-msnobject-typing");
        List<String> original = texts(in);
        assertTrue(original.size() >= 3, "the sample has text messages");

        Path replaced = tmp.resolve("replaced.pcapng");
        assertEquals(0, Run.of("anonymize", in.toString(), replaced.toString()).code());
        List<String> fillers = texts(replaced);
        assertEquals(original.size(), fillers.size());
        for (int i = 0; i < original.size(); i++) {
            assertNotEquals(original.get(i), fillers.get(i));
            assertEquals(original.get(i).getBytes(StandardCharsets.UTF_8).length,
                    fillers.get(i).getBytes(StandardCharsets.UTF_8).length, "message " + i + " keeps its length");
            assertEquals(original.get(i).chars().filter(c -> c == '\n').count(),
                    fillers.get(i).chars().filter(c -> c == '\n').count(), "message " + i + " keeps its line breaks");
        }

        Path kept = tmp.resolve("kept.pcapng");
        Run run = Run.of("anonymize", "--keep-text", in.toString(), kept.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(original, texts(kept));
    }

    @Test
    void reportsCountsNeverValues() throws Exception {
        Path out = tmp.resolve("out.pcapng");
        Run run = Run.of("anonymize", sample("msnp15-sso-gcf").toString(), out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("anonymised "), run.out());
        assertTrue(run.out().matches("(?s).*\\n  accounts +[1-9]\\d* +[1-9]\\d*\\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  tickets, SSO tokens and nonces +[1-9]\\d* +[1-9]\\d*\\n.*"), run.out());
        for (String id : AnonymizeIdentities.of(AnonymizeSamplesTest.decode(sample("msnp15-sso-gcf"))).keySet()) {
            assertFalse(run.out().contains(id), "the report names " + id);
        }
    }

    @Test
    void readsStandardInput() throws Exception {
        Path in = sample("msnp8-login");
        Path fromFile = tmp.resolve("file.pcapng");
        Path fromStdin = tmp.resolve("stdin.pcapng");
        assertEquals(0, Run.of("anonymize", in.toString(), fromFile.toString()).code());
        InputStream saved = System.in;
        try (InputStream s = Files.newInputStream(in)) {
            System.setIn(s);
            Run run = Run.of("anonymize", "-", fromStdin.toString());
            assertEquals(0, run.code(), run.err());
        } finally {
            System.setIn(saved);
        }
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(fromFile), Files.readAllBytes(fromStdin)));
    }

    @Test
    void missingInputIsReadsErrorAndWritesNothing() {
        Path missing = tmp.resolve("missing.pcap");
        Path out = tmp.resolve("out.pcapng");
        Run read = Run.of("read", missing.toString());
        Run run = Run.of("anonymize", missing.toString(), out.toString());
        assertEquals(ExitCodes.INPUT_ERROR, run.code());
        assertEquals(read.code(), run.code());
        assertEquals(List.of(read.errLines()), List.of(run.errLines()));
        assertEquals(1, run.errLines().length);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void notACaptureIsReadsError() throws Exception {
        Path junk = tmp.resolve("junk.pcap");
        Files.writeString(junk, "hello, this is not a capture\n");
        Path out = tmp.resolve("out.pcapng");
        Run read = Run.of("read", junk.toString());
        Run run = Run.of("anonymize", junk.toString(), out.toString());
        assertEquals(ExitCodes.INPUT_ERROR, run.code());
        assertEquals(List.of(read.errLines()), List.of(run.errLines()));
        assertFalse(Files.exists(out));
    }

    @Test
    void truncatedLastRecordWarnsAndWritesWhatWasRead() throws Exception {
        byte[] whole = Files.readAllBytes(sample("msnp8-login"));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        Path out = tmp.resolve("out.pcapng");
        Run read = Run.of("read", cut.toString());
        Run run = Run.of("anonymize", cut.toString(), out.toString());
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals(List.of(read.errLines()), List.of(run.errLines()));
        assertTrue(run.err().startsWith("msnscope: warning: "), run.err());
        assertEquals(0, Run.of("read", out.toString()).code());
    }

    @Test
    void damageMidFileIsSkippedAndEverythingElseIsWritten() throws Exception {
        byte[] b = Files.readAllBytes(sample("msnp8-login"));
        int at = 24;
        int records = 0;
        int damagedAt = -1;
        while (at < b.length) { // classic pcap: 16-byte record headers, caplen at +8
            int next = at + 16 + java.nio.ByteBuffer.wrap(b, at + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            if (records == 20) {
                damagedAt = at;
            }
            records++;
            at = next;
        }
        java.nio.ByteBuffer.wrap(b, damagedAt + 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFFF);
        Path damaged = tmp.resolve("damaged.pcap");
        Files.write(damaged, b);
        Path out = tmp.resolve("out.pcapng");
        Run read = Run.of("read", damaged.toString());
        Run run = Run.of("anonymize", damaged.toString(), out.toString());
        assertEquals(ExitCodes.OK, read.code(), read.err());
        assertEquals(ExitCodes.OK, run.code(), run.err());
        assertEquals(List.of(read.errLines()), List.of(run.errLines()));
        assertTrue(run.errLines()[0].startsWith("msnscope: warning: " + damaged + ": offset " + damagedAt
                + ": record length 2147483647 exceeds the limit"), run.err());
        // the damaged record is lost, the records after it are read and written
        assertTrue(run.out().contains("packets: " + (records - 1) + " read, " + (records - 1) + " written"), run.out());
        Run decoded = Run.of("read", out.toString());
        assertEquals(ExitCodes.OK, decoded.code(), decoded.err());
    }

    @Test
    void refusesAnExistingOutputUnlessOverwrite() throws Exception {
        Path out = tmp.resolve("out.pcapng");
        Files.writeString(out, "precious");
        Run run = Run.of("anonymize", sample("msnp8-login").toString(), out.toString());
        assertEquals(ExitCodes.USAGE, run.code());
        assertEquals(1, run.errLines().length);
        assertTrue(run.err().contains("--overwrite"), run.err());
        assertEquals("precious", Files.readString(out));

        Run again = Run.of("anonymize", "--overwrite", sample("msnp8-login").toString(), out.toString());
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertEquals(0, Run.of("read", out.toString()).code());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void unwritableOutputIsAnOutputError() throws Exception {
        Path out = tmp.resolve("no-such-dir").resolve("out.pcapng");
        Run run = Run.of("anonymize", sample("msnp8-login").toString(), out.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, run.code());
        assertEquals(1, run.errLines().length);
        assertTrue(run.err().startsWith("msnscope: error: cannot write " + out), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCodes.USAGE, Run.of("anonymize", "only-one-argument.pcap").code());
        assertEquals(ExitCodes.USAGE, Run.of("anonymize", "a.pcap", "b.pcapng", "--no-such-option").code());
    }

    /** Temporary files the command left in the directory. */
    private List<Path> leftovers() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
