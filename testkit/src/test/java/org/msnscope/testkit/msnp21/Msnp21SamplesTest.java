package org.msnscope.testkit.msnp21;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.Generate;
import org.msnscope.testkit.ScenarioFile;
import org.msnscope.testkit.p2p.Reflow;
import org.msnscope.testkit.p2p.SampleCase;

class Msnp21SamplesTest {
    @TempDir
    Path dir;

    @Test
    void payloadLengthsAreCountedInBytes() {
        byte[] sdg = RoutedPayload.to("1:b@c.d", "1:a@c.d;epid={x}").block("Messaging", "2.0").contentLength()
                .header("Message-Type", "Text").body("h\u00e9").command("SDG 3").bytes();
        String text = new String(sdg, StandardCharsets.UTF_8);
        int crlf = text.indexOf("\r\n");
        // the command's length counts the payload's bytes, the Content-Length the body's (é is two)
        assertEquals("SDG 3 " + (sdg.length - crlf - 2), text.substring(0, crlf));
        assertEquals("\r\nRouting: 1.0\r\nTo: 1:b@c.d\r\nFrom: 1:a@c.d;epid={x}\r\n\r\nReliability: 1.0\r\n\r\n"
                + "Messaging: 2.0\r\nContent-Length: 3\r\nMessage-Type: Text\r\n\r\nh\u00e9", text.substring(crlf));
        assertEquals("Version: 1\r\nXfrCount: 2\r\n", new String(java.util.Base64.getDecoder().decode(
                NsClient.xfrCount(2)), StandardCharsets.US_ASCII));
    }

    @Test
    void everyCaseIsDeterministicParsesAndMatchesTheCommittedSample() throws Exception {
        List<SampleCase> a = Msnp21Samples.all();
        List<SampleCase> b = Msnp21Samples.all();
        assertEquals(3, a.size());
        Path samples = Path.of("..", "samples");
        for (int i = 0; i < a.size(); i++) {
            SampleCase x = a.get(i);
            assertEquals(x.scenario(), b.get(i).scenario(), x.name());
            Path f = dir.resolve(x.name() + ".scn");
            Files.writeString(f, x.scenario(), StandardCharsets.UTF_8);
            ScenarioFile.parse(f);
            assertFalse(x.readme().matches("(?s).*%[sdn].*"), x.name());
            Path folder = samples.resolve(x.name());
            assertEquals(x.scenario(), Files.readString(folder.resolve("scenario.scn"), StandardCharsets.UTF_8),
                    x.name() + ": regenerate with msnp21-samples");
            assertEquals(Reflow.markdown(x.readme()), Files.readString(folder.resolve("README.md"),
                    StandardCharsets.UTF_8), x.name());
        }
    }

    @Test
    void theSubcommandWritesEveryFolder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Generate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "msnp21-samples", "--out", dir.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        for (String name : List.of("msnp21-login-presence", "msnp21-sdg-chat", "msnp21-multiparty")) {
            assertTrue(Files.exists(dir.resolve(name).resolve("scenario.scn")), name);
            assertTrue(Files.exists(dir.resolve(name).resolve("README.md")), name);
            assertFalse(Files.exists(dir.resolve(name).resolve("sources.sha1")), name);
        }
        assertEquals(2, Generate.run(new PrintStream(out), new PrintStream(err), "msnp21-samples"));
    }
}
