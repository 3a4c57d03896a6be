package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An external oracle for framing: Wireshark's MSN dissector (tshark) shows the first command line
 * of every MSNP segment on port 1863. Per connection and direction, the verbs it shows must be a
 * subsequence of the commands msnscope decodes. Samples whose scenario disturbs TCP (reordering,
 * retransmission, loss) make tshark show segments in capture order and twice, so there every verb
 * tshark shows must merely be among ours. Skipped, with the reason, where tshark is not installed
 * (.ci/run installs it).
 */
class TsharkOracleTest {
    private static final JsonFactory JSON = new JsonFactory();

    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static java.util.stream.Stream<Path> cases() throws IOException {
        return SamplesTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tsharksCommandsAreASubsequenceOfOurs(Path dir) throws Exception {
        Assumptions.assumeTrue(tsharkAvailable(), "tshark is not installed: the external framing oracle did not run");
        Path capture = SamplesTest.capture(dir);
        boolean disturbed = Files.readString(dir.resolve("scenario.scn"))
                .matches("(?s).*\\b(reorder|duplicate|retransmit|overlap|drop|midstream)=.*");

        // ours: verbs per connection (endpoints + occurrence) and direction
        Run run = Run.of("read", "--format", "jsonl", capture.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, String> flowKey = new HashMap<>();
        Map<String, Integer> seenPairs = new HashMap<>();
        Map<String, String> clientOf = new HashMap<>();
        Map<String, List<String>> ours = new LinkedHashMap<>();
        for (String line : run.outLines()) {
            Map<String, String> f = fields(line);
            if ("flow_start".equals(f.get("type"))) {
                String pair = pair(f.get("client"), f.get("server"));
                int n = seenPairs.merge(pair, 1, Integer::sum);
                flowKey.put(f.get("flow"), pair + "#" + n);
                clientOf.put(pair + "#" + n, f.get("client"));
            } else if ("command".equals(f.get("type"))) {
                String key = flowKey.get(f.get("flow")) + " " + f.get("dir");
                ours.computeIfAbsent(key, k -> new ArrayList<>()).add(f.get("cmd"));
            }
        }

        // tshark's: the first token of each msnms frame's Info column
        Process p = new ProcessBuilder("tshark", "-r", capture.toString(), "-Y", "msnms", "-T", "fields",
                "-E", "separator=|", "-e", "tcp.stream", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport",
                "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.dstport", "-e", "_ws.col.Info")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        Map<String, String> streamKey = new HashMap<>();
        Map<String, Integer> tsharkPairs = new HashMap<>();
        Map<String, List<String>> theirs = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] c = line.split("\\|", -1);
            if (c.length < 8) {
                continue;
            }
            String src = endpoint(c[1].isEmpty() ? c[2] : c[1], c[3]);
            String dst = endpoint(c[4].isEmpty() ? c[5] : c[4], c[6]);
            String pair = pair(src, dst);
            String key = streamKey.computeIfAbsent(c[0], s -> pair + "#" + tsharkPairs.merge(pair, 1, Integer::sum));
            String info = c[7].trim();
            String verb = info.length() >= 3 ? info.substring(0, 3) : info;
            if (!verb.matches("[A-Z]{3}|[0-9]{3}") || (info.length() > 3 && info.charAt(3) != ' ')) {
                continue; // a segment that starts inside a payload
            }
            String direction = src.equals(clientOf.get(key)) ? "c2s" : "s2c";
            theirs.computeIfAbsent(key + " " + direction, k -> new ArrayList<>()).add(verb);
        }
        assertTrue(!theirs.isEmpty() || out.isBlank(), "tshark output not understood: " + out);
        for (Map.Entry<String, List<String>> t : theirs.entrySet()) {
            List<String> mine = ours.get(t.getKey());
            if (mine == null) {
                fail(dir.getFileName() + ": tshark shows MSNP on " + t.getKey() + " where msnscope decoded none; ours: "
                        + ours.keySet());
            }
            if (disturbed) {
                for (String v : t.getValue()) {
                    assertTrue(mine.contains(v), dir.getFileName() + " " + t.getKey() + ": tshark shows " + v
                            + ", msnscope never decoded it: " + mine);
                }
            } else {
                assertTrue(isSubsequence(t.getValue(), mine), dir.getFileName() + " " + t.getKey()
                        + ": tshark " + t.getValue() + " is not a subsequence of msnscope " + mine);
            }
        }
    }

    static boolean isSubsequence(List<String> small, List<String> big) {
        int j = 0;
        for (String s : small) {
            while (j < big.size() && !big.get(j).equals(s)) {
                j++;
            }
            if (j == big.size()) {
                return false;
            }
            j++;
        }
        return true;
    }

    private static String endpoint(String ip, String port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** The top-level string and number fields of one JSON line. */
    static Map<String, String> fields(String line) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (t != JsonToken.VALUE_NULL) {
                    out.put(name, p.getText());
                }
            }
        }
        return out;
    }
}
