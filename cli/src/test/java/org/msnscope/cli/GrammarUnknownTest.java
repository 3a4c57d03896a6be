package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.ScenarioFile;

/**
 * A capture with what msnscope does not know (a verb, an error code without a meaning, a MIME type,
 * a datacast ID): each is listed under "Unknown", before everything else, in both formats.
 */
class GrammarUnknownTest {
    @TempDir
    Path tmp;
    private Path capture;

    private static String msg(String head, String contentType, String body) {
        String payload = "MIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body;
        return head + " " + payload.getBytes(StandardCharsets.UTF_8).length + "\r\n" + payload;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    @BeforeEach
    void writeCapture() throws Exception {
        List<String> scn = new ArrayList<>(List.of("option seed 7", "option link ethernet", "option format pcap",
                "conn ns 10.1.2.3:40000 10.9.9.9:1863 2006-01-01T00:00:00.000000Z"));
        String[][] ns = {{"c2s", "VER 1 MSNP11 CVR0\r\n"}, {"s2c", "VER 1 MSNP11\r\n"}, {"c2s", "CHG 2 NLN 0\r\n"},
            {"s2c", "CHG 2 NLN 0\r\n"}, {"c2s", "XYZ 3 foo\r\n"}, {"s2c", "999 3\r\n"}};
        double t = 0;
        for (String[] l : ns) {
            scn.add("ns +" + String.format(java.util.Locale.ROOT, "%.6f", t += 0.1) + " " + l[0] + " " + quoted(l[1]));
        }
        scn.add("ns +1.000000 close c2s fin");
        scn.add("conn sb 10.1.2.3:40001 10.9.9.8:1863 2006-01-01T00:00:02.000000Z");
        String[][] sb = {{"c2s", "USR 1 zed@example.org 1234.5678.90\r\n"}, {"s2c", "USR 1 OK zed@example.org Zed\r\n"},
            {"c2s", msg("MSG 2 U", "text/x-mystery", "what is this")},
            {"s2c", msg("MSG yan@example.org Yan", "text/x-msnmsgr-datacast", "ID: 9\r\n\r\n")}};
        t = 0;
        for (String[] l : sb) {
            scn.add("sb +" + String.format(java.util.Locale.ROOT, "%.6f", t += 0.1) + " " + l[0] + " " + quoted(l[1]));
        }
        scn.add("sb +1.000000 close c2s fin");
        Path f = tmp.resolve("unknown.scn");
        Files.write(f, scn, StandardCharsets.UTF_8);
        capture = tmp.resolve("unknown.pcap");
        ScenarioFile.parse(f).writeTo(capture);
    }

    @Test
    void jsonListsEveryUnknownValue() throws Exception {
        Run r = Run.of("grammar", "--format", "json", capture.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode u = new ObjectMapper().readTree(r.out()).get("unknown");
        assertEquals(2, u.get("verbs").size(), u.toString());
        JsonNode code = u.get("verbs").get(0);
        assertEquals("999", code.get("verb").asText());
        assertTrue(code.get("known").asBoolean());
        assertTrue(code.get("error").isNull());
        assertEquals("[\"MSNP11 NS s2c\"]", code.get("where").toString());
        JsonNode verb = u.get("verbs").get(1);
        assertEquals("XYZ", verb.get("verb").asText());
        assertFalse(verb.get("known").asBoolean());
        assertEquals("[\"MSNP11 NS c2s\"]", verb.get("where").toString());
        assertEquals("text/x-mystery", u.get("content_types").get(0).get("value").asText());
        assertEquals(1, u.get("content_types").size());
        assertEquals("9", u.get("datacast_ids").get(0).get("value").asText());
    }

    @Test
    void markdownPutsTheUnknownFirst() {
        Run r = Run.of("grammar", capture.toString());
        assertEquals(0, r.code(), r.err());
        String md = r.out();
        int unknown = md.indexOf("## Unknown");
        int contents = md.indexOf("## Contents");
        assertTrue(unknown > 0 && contents > unknown, md);
        String section = md.substring(unknown, contents);
        assertTrue(section.contains("| verb | `XYZ` | 1 |"), section);
        assertTrue(section.contains("| error code | `999` | 1 |"), section);
        assertTrue(section.contains("| MIME Content-Types (MSG) | `text/x-mystery` | 1 |"), section);
        assertTrue(section.contains("| Datacast IDs | `9` | 1 |"), section);
        assertFalse(md.contains("zed@") || md.contains("yan@") || md.contains("Zed") || md.contains("1234.5678"), md);
    }
}
