package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample anonymised: its decode has the structure of the original's (the same events, frames,
 * verbs, arities, states, sizes and hashes; only identities differ), none of the original's
 * identities is left anywhere in the output's bytes (plain, URL-encoded, base64, UTF-16LE), every
 * IPv4 header and TCP checksum is right, tshark reads it without complaint, and two runs write the
 * same bytes.
 */
class AnonymizeSamplesTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        return SamplesTest.cases();
    }

    private Path anonymize(Path dir, String name, String... options) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("anonymize", SamplesTest.capture(dir).toString(), out.toString()));
        args.addAll(List.of(options));
        Run run = Run.of(args.toArray(new String[0]));
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(Files.size(out) > 0);
        return out;
    }

    static String decode(Path capture) {
        Run run = Run.of("read", "--format", "jsonl", capture.toString());
        assertEquals(0, run.code(), run.err());
        return run.out();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesToTheSameStructure(Path dir) throws Exception {
        Path out = anonymize(dir, "out.pcapng");
        List<String> original = AnonymizeStructure.of(decode(SamplesTest.capture(dir)));
        List<String> anonymised = AnonymizeStructure.of(decode(out));
        for (int i = 0; i < Math.min(original.size(), anonymised.size()); i++) {
            assertEquals(original.get(i), anonymised.get(i), dir.getFileName() + ": event " + (i + 1) + " differs");
        }
        assertEquals(original.size(), anonymised.size(), dir.getFileName() + ": number of events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leavesNoOriginalIdentity(Path dir) throws Exception {
        Path out = anonymize(dir, "out.pcapng");
        Map<String, String> identities = AnonymizeIdentities.of(decode(SamplesTest.capture(dir)));
        assertTrue(identities.size() >= 3, dir.getFileName() + ": too few identities found to test: " + identities);
        byte[] bytes = Files.readAllBytes(out);
        List<String> leaks = AnonymizeIdentities.foundIn(bytes, identities);
        assertEquals(List.of(), leaks, dir.getFileName() + ": original identities in the output");
        // and the decode of the output names none of them either (words of texts aside: they may be
        // protocol words there, such as display_picture)
        Map<String, String> named = new java.util.LinkedHashMap<>(identities);
        named.values().removeIf("message word"::equals);
        List<String> decoded = AnonymizeIdentities.foundIn(decode(out).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                named);
        assertEquals(List.of(), decoded, dir.getFileName() + ": original identities in the output's decode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyChecksumIsRight(Path dir) throws Exception {
        Path out = anonymize(dir, "out.pcapng");
        AnonymizeChecksums.Counts c = AnonymizeChecksums.verify(out);
        assertTrue(c.tcp() > 0, "no TCP packet checked");
        assertEquals(List.of(), c.wrong(), dir.getFileName() + ": packets with a wrong checksum");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoRunsWriteTheSameBytes(Path dir) throws Exception {
        byte[] first = Files.readAllBytes(anonymize(dir, "first.pcapng"));
        byte[] second = Files.readAllBytes(anonymize(dir, "second.pcapng"));
        assertArrayEquals(first, second, dir.getFileName() + ": output differs between runs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tsharkReadsItCleanly(Path dir) throws Exception {
        Assumptions.assumeTrue(TsharkOracleTest.tsharkAvailable(), "tshark is not installed: the external check did not run");
        Path out = anonymize(dir, "out.pcapng");
        // a sample that is damaged on purpose (gateway-hostile's giant chunk) is malformed for tshark already:
        // the output may be flagged only where the original is
        java.util.Set<String> before = java.util.Set.of(tsharkFlags(SamplesTest.capture(dir)).split("\\s+"));
        List<String> extra = java.util.Arrays.stream(tsharkFlags(out).split("\\s+"))
                .filter(f -> !f.isEmpty() && !before.contains(f)).toList();
        assertEquals(List.of(), extra, dir.getFileName() + ": frames tshark flags (bad checksum or malformed) that it does not flag in the original");
    }

    private static String tsharkFlags(Path capture) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-r", capture.toString(), "-Y", "tcp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed",
                "-T", "fields", "-e", "frame.number").redirectErrorStream(false).start();
        String flagged = new String(p.getInputStream().readAllBytes()).trim();
        String err = new String(p.getErrorStream().readAllBytes()).replaceAll("(?m)^.*(Running as user|dangerous).*$\\R?", "")
                .trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish");
        }
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "tshark complained about " + capture);
        return flagged;
    }
}
