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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grammar --diff}: real differences between versions, version selection, JSON inventories, bad arguments. */
class GrammarDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Every sample's capture, in the samples' order. */
    static String[] allCaptures() throws IOException {
        List<String> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = SamplesTest.cases()) {
            for (Path d : (Iterable<Path>) s::iterator) {
                files.add(SamplesTest.capture(d).toString());
            }
        }
        return files.toArray(String[]::new);
    }

    private static String cap(String sample) throws IOException {
        return GrammarCommandTest.sample(sample).toString();
    }

    private static JsonNode diff(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("grammar", "--diff", "--format", "json"));
        a.addAll(List.of(args));
        Run r = Run.of(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return JSON.readTree(r.out());
    }

    private static List<String> verbs(JsonNode d, String list) {
        List<String> out = new ArrayList<>();
        d.get(list).forEach(v -> out.add(v.get("role").asText() + " " + v.get("dir").asText() + " " + v.get("verb").asText()));
        return out;
    }

    private static JsonNode changed(JsonNode d, String key) {
        for (JsonNode v : d.get("verbs_changed")) {
            if ((v.get("role").asText() + " " + v.get("dir").asText() + " " + v.get("verb").asText()).equals(key)) {
                return v;
            }
        }
        throw new AssertionError(key + " not among the changed verbs");
    }

    private static JsonNode change(JsonNode verb, String what) {
        for (JsonNode c : verb.get("changes")) {
            if (c.get("what").asText().equals(what)) {
                return c;
            }
        }
        throw new AssertionError(what + " not among the changes of " + verb.get("verb"));
    }

    /** MSNP8's Passport login and SYN/LST lists against MSNP15's SSO, ADL and GCF. */
    @Test
    void msnp8AgainstMsnp15() throws IOException {
        JsonNode d = diff(cap("msnp8-login"), cap("msnp15-sso-gcf"));
        assertFalse(d.get("identical").asBoolean());
        assertEquals("MSNP8", d.get("a").get("versions").get(0).asText());
        assertEquals("MSNP15", d.get("b").get("versions").get(0).asText());
        List<String> added = verbs(d, "verbs_added");
        List<String> removed = verbs(d, "verbs_removed");
        for (String v : List.of("NS c2s ADL", "NS c2s UUX", "NS s2c GCF", "NS s2c SBS", "NS s2c UBX")) {
            assertTrue(added.contains(v), v + " added: " + added);
        }
        for (String v : List.of("NS c2s SYN", "NS s2c SYN", "NS s2c LST", "NS s2c LSG", "NS s2c GTC")) {
            assertTrue(removed.contains(v), v + " removed: " + removed);
        }
        assertFalse(added.contains("NS c2s USR") || removed.contains("NS c2s USR"));
        JsonNode usr = changed(d, "NS c2s USR");
        JsonNode pkg = change(usr, "argument 2 literal values");
        assertEquals("[\"SSO\"]", pkg.get("added").toString());
        assertEquals("[\"TWN\"]", pkg.get("removed").toString());
        assertEquals("[5]", change(usr, "arity").get("added").toString().replace("\"", ""));
        assertTrue(usr.get("examples_b").get(0).asText().startsWith("USR 3 SSO I user"), usr.toString());
        JsonNode ver = changed(d, "NS c2s VER");
        assertTrue(change(ver, "argument 2 literal values").get("added").toString().contains("MSNP15"));
    }

    @Test
    void markdownNamesTheSameDifferences() throws IOException {
        Run r = Run.of("grammar", "--diff", cap("msnp8-login"), cap("msnp15-sso-gcf"));
        assertEquals(0, r.code(), r.err());
        String md = r.out();
        int added = md.indexOf("## Verbs added");
        int removed = md.indexOf("## Verbs removed");
        assertTrue(added >= 0 && removed > added, md);
        assertTrue(md.substring(added, removed).contains("| NS | s2c | `GCF` | 1 | `GCF 0 1036` |"), md);
        assertTrue(md.substring(removed).contains("| NS | c2s | `SYN` | 1 | `SYN 8 0` |"), md);
        assertTrue(md.contains("| argument 2 literal values | `SSO` | `TWN` |"), md);
    }

    /** An inventory compared with its own JSON: nothing differs, so the JSON carries everything the diff reads. */
    @Test
    void aCaptureAndItsJsonInventoryAreIdentical() throws IOException {
        Path inv = tmp.resolve("inv.json");
        Run r = Run.of("grammar", "--format", "json", "--out", inv.toString(), cap("msnp18-mpop"));
        assertEquals(0, r.code(), r.err());
        JsonNode d = diff(cap("msnp18-mpop"), inv.toString());
        assertTrue(d.get("identical").asBoolean(), d.toString());
        assertEquals(0, d.get("verbs_changed").size());
    }

    /** Two versions within one inventory, by FILE@VERSION and by --versions: the same answer. */
    @Test
    void versionsWithinOneInventory() throws IOException {
        Path all = tmp.resolve("all.json");
        List<String> a = new ArrayList<>(List.of("grammar", "--format", "json", "--out", all.toString()));
        a.addAll(List.of(allCaptures()));
        assertEquals(0, Run.of(a.toArray(String[]::new)).code());
        JsonNode byAt = diff(all + "@MSNP8", all + "@MSNP18");
        JsonNode byOption = diff(all.toString(), "--versions", "MSNP8,MSNP18");
        assertEquals(byAt.get("verbs_added"), byOption.get("verbs_added"));
        assertEquals(byAt.get("verbs_removed"), byOption.get("verbs_removed"));
        assertEquals("[\"MSNP8\"]", byAt.get("a").get("versions").toString());
        assertEquals("[\"MSNP18\"]", byAt.get("b").get("versions").toString());
        assertTrue(verbs(byAt, "verbs_added").contains("NS c2s UUN"), byAt.toString());
        assertTrue(verbs(byAt, "verbs_removed").contains("NS c2s SYN"), byAt.toString());
        JsonNode same = diff(all + "@msnp15", all + "@MSNP15");
        assertTrue(same.get("identical").asBoolean());
    }

    @Test
    void badDiffArguments() throws IOException {
        String a = cap("msnp8-login");
        usage("--diff compares two inputs (A B), or one with --versions A,B", "--diff", a);
        usage("--diff compares two inputs, not 3", "--diff", a, a, a);
        usage("--versions takes two versions, e.g. --versions MSNP12,MSNP15", "--diff", a, "--versions", "MSNP8");
        usage(a + "@MSNP8: a version is given both with @ and --versions", "--diff", a + "@MSNP8", a, "--versions",
                "MSNP8,MSNP9");
        usage(a + "@MSNP99: no version MSNP99 in it (it has MSNP8)", "--diff", a + "@MSNP99", a);
    }

    private static void usage(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("grammar"));
        all.addAll(List.of(args));
        Run r = Run.of(all.toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals("msnscope: error: " + message + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingInputIsExit1WithoutADiff() throws IOException {
        Path none = tmp.resolve("none.pcap");
        Run r = Run.of("grammar", "--diff", none.toString(), cap("msnp8-login"));
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertEquals("msnscope: error: " + none + ": offset 0: no such file\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void jsonThatIsNotAnInventoryIsExit1() throws IOException {
        Path notInv = tmp.resolve("x.json");
        Files.writeString(notInv, "{\"type\":\"stats\"}", StandardCharsets.UTF_8);
        Run r = Run.of("grammar", "--diff", notInv.toString(), cap("msnp8-login"));
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertEquals("msnscope: error: " + notInv + ": not a grammar inventory (no grammar_format field)\n", r.err());
        Files.writeString(notInv, "{\"grammar_format\":1,", StandardCharsets.UTF_8);
        r = Run.of("grammar", "--diff", notInv.toString(), cap("msnp8-login"));
        assertEquals(ExitCodes.INPUT_ERROR, r.code());
        assertTrue(r.err().startsWith("msnscope: error: " + notInv + ": not a grammar inventory: "), r.err());
    }
}
