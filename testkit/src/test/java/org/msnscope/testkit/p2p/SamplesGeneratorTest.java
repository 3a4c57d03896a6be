package org.msnscope.testkit.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.Direction;
import org.msnscope.testkit.Generate;
import org.msnscope.testkit.Scenario;
import org.msnscope.testkit.ScenarioFile;

class SamplesGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void writerOutputParsesBackToTheSameBytes() throws Exception {
        ScenarioWriter w = new ScenarioWriter(Instant.parse("2009-01-02T03:04:05Z"));
        w.option("seed", "1");
        ScenarioWriter.Conn c = w.conn("sb", "10.0.0.2:1025", "207.46.108.37:1863", 0, "a connection");
        Wire data = Wire.text("MSG 1 D 9\r\n\"q\"\t\\ é\u0001").thenBin(new byte[] {0, (byte) 0xff}).thenText("x");
        w.send(c, 1_500, true, data, "one\ntwo");
        w.send(c, 2_000_000, false, Wire.text("ACK 1\r\n"), null);
        w.close(c, 3_000_000, true, true, null);
        String text = w.render();
        assertTrue(text.contains("# one\n# two\nsb +0.001500 c2s \"MSG 1 D 9\\r\\n\\\"q\\\"\\t\\\\ é\\x01\" hex:00ff \"x\"\n"),
                text);
        Path f = dir.resolve("w.scn");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Scenario s = ScenarioFile.parse(f);
        assertArrayEquals(data.bytes(), s.connections().get(0).truth(Direction.C2S));
    }

    @Test
    void slicesKeepTextReadable() {
        Wire w = Wire.text("héllo").thenBin(new byte[] {0});
        List<Wire.Piece> p = w.slice(0, 2).pieces();
        assertEquals(1, p.size());
        assertFalse(p.get(0).text());
        assertTrue(w.slice(0, 3).pieces().get(0).text());
        assertEquals(2, w.slice(5, 2).pieces().size());
    }

    @Test
    void everyCaseIsDeterministicAndItsScenarioParses() throws Exception {
        List<SampleCase> a = P2pSamples.all();
        List<SampleCase> b = P2pSamples.all();
        assertEquals(14, a.size());
        for (int i = 0; i < a.size(); i++) {
            SampleCase x = a.get(i);
            assertEquals(x.scenario(), b.get(i).scenario(), x.name());
            assertEquals(x.readme(), b.get(i).readme(), x.name());
            Path f = dir.resolve(x.name() + ".scn");
            Files.writeString(f, x.scenario(), StandardCharsets.UTF_8);
            ScenarioFile.parse(f);
            assertFalse(x.readme().matches("(?s).*%[sdn].*"), x.name());
        }
    }

    @Test
    void hashedNonceMatchesTheKnownVector() {
        assertEquals("{2B95F56D-9CA0-9A64-82CE-ADC1F3C55845}",
                Guids.hashedNonce("{122D2937-5C86-4C7B-81F5-0E05017880C2}"));
        assertEquals("{122D2937-5C86-4C7B-81F5-0E05017880C2}",
                Guids.fromMsBytes(Bytes.unhex("37292d12865c7b4c81f50e05017880c2"), 0));
    }

    @Test
    void generatedFoldersMatchTheCommittedSamples() throws Exception {
        Path samples = Path.of("..", "samples");
        for (SampleCase c : P2pSamples.all()) {
            Path folder = samples.resolve(c.name());
            assertEquals(c.scenario(), Files.readString(folder.resolve("scenario.scn"), StandardCharsets.UTF_8),
                    c.name() + ": regenerate with p2p-samples");
            assertEquals(Reflow.markdown(c.readme()), Files.readString(folder.resolve("README.md"),
                    StandardCharsets.UTF_8), c.name());
        }
    }

    @Test
    void theSubcommandWritesEveryFolder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Generate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "p2p-samples", "--out", dir.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Path accept = dir.resolve("p2p-v1-file-accept");
        assertTrue(Files.exists(accept.resolve("scenario.scn")));
        assertTrue(Files.exists(accept.resolve("README.md")));
        byte[] file = Files.readAllBytes(accept.resolve("source/holiday notes.txt"));
        assertEquals(java.util.HexFormat.of().formatHex(MsnObject.sha1(file)) + "  source/holiday notes.txt\n",
                Files.readString(accept.resolve("sources.sha1")));
        assertEquals("", Files.readString(dir.resolve("p2p-truncated/sources.sha1")));
        assertTrue(Files.readString(dir.resolve("p2p-truncated/partial.txt")).startsWith("source/report draft.txt: "));
        assertFalse(Files.exists(dir.resolve("p2p-v1-file-decline/source")));
        assertEquals(2, Generate.run(new PrintStream(out), new PrintStream(err), "p2p-samples"));
    }
}
