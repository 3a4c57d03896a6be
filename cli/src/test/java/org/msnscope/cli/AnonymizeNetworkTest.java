package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msnscope.testkit.ScenarioFile;

/**
 * The packet layer under other network conditions than the samples show: link types, IPv6, a short
 * snap length, wrong checksums, keep-alives, zero-window probes, sequence numbers that wrap, and IP
 * fragments (written as one datagram each, so only frame numbers move). The MSNP9 sample's dialogue
 * with each disturbance still decodes to the same structure, leaves no identity and has right checksums.
 */
class AnonymizeNetworkTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"link raw", "link null", "link sll2", "ipv6 true", "snaplen 200",
        "ns badchecksum=2,5 keepalive=3 zerowindowprobe=6 isnwrap=true", "sb fragment=1,4,7 fragments=3 duplicate=2"})
    void variant(String variant) throws Exception {
        String scenario = Files.readString(SamplesTest.SAMPLES.resolve("msnp9-msnobject-typing/scenario.scn"));
        String[] words = variant.split(" ", 2);
        if (words[0].equals("ns") || words[0].equals("sb")) {
            scenario = scenario.replaceFirst("(?m)^(conn " + words[0] + " .*)$", "$1 " + words[1]);
        } else if (words[0].equals("link")) {
            scenario = scenario.replaceFirst("(?m)^option link ethernet$", "option " + variant);
        } else {
            scenario = scenario.replaceFirst("(?m)^option link ethernet$", "option link ethernet\noption " + variant);
        }
        Path scn = tmp.resolve("variant.scn");
        Files.writeString(scn, scenario);
        Path in = tmp.resolve("in.pcapng");
        try (OutputStream os = Files.newOutputStream(in)) {
            ScenarioFile.parse(scn).writeTo(os);
        }
        Path out = tmp.resolve("out.pcapng");
        Run run = Run.of("anonymize", in.toString(), out.toString());
        assertEquals(0, run.code(), run.err());

        boolean fragments = variant.contains("fragment=");
        List<String> original = structure(AnonymizeSamplesTest.decode(in), fragments);
        List<String> anonymised = structure(AnonymizeSamplesTest.decode(out), fragments);
        assertEquals(original, anonymised);
        Map<String, String> identities = AnonymizeIdentities.of(AnonymizeSamplesTest.decode(in));
        assertEquals(List.of(), AnonymizeIdentities.foundIn(Files.readAllBytes(out), identities));
        AnonymizeChecksums.Counts c = AnonymizeChecksums.verify(out);
        assertTrue(c.tcp() > 0);
        assertEquals(List.of(), c.wrong());
        if (fragments) {
            assertTrue(run.out().contains("IP fragments 6"), run.out());
        }
    }

    /** The structure; with fragments rejoined, frame numbers and packet counts do not take part. */
    private static List<String> structure(String jsonl, boolean withoutFrames) throws Exception {
        List<String> s = AnonymizeStructure.of(jsonl);
        if (!withoutFrames) {
            return s;
        }
        List<String> out = new ArrayList<>();
        for (String line : s) {
            out.add(line.replaceAll("\"(frame|message_frame|packets)\":\\d+", "\"$1\":\"#\""));
        }
        return out;
    }
}
