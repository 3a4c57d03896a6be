package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msnscope.testkit.live.Replay;

/**
 * Live capture for real: a sample's dialogue is replayed over real sockets on the loopback
 * interface (the notification server on 1863, the switchboard on 1864 and up, as Escargot runs
 * them, or on ports announced at run time) while {@code live} captures it with libpcap. The events decoded live, and those decoded
 * from the pcapng file {@code --write} saved, must equal the events of the sample's own capture,
 * apart from what the network changes (times, addresses, ports, frame and flow numbers). Skipped,
 * with the reason, without libpcap or root.
 */
class LiveLoopbackTest {
    @TempDir
    Path tmp;

    /** Fields that depend on the capture, not on the protocol. */
    static final Set<String> NETWORK_FIELDS = Set.of("ts", "frame", "flow", "client", "server", "parent_flow",
            "message_frame");
    /** Events that describe the network rather than MSNP. */
    static final Set<String> NETWORK_EVENTS = Set.of("flow_start", "flow_end");

    static List<String> protocolEvents(String jsonl) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode o = (ObjectNode) m.readTree(line);
            if (NETWORK_EVENTS.contains(o.get("type").asText())) {
                continue;
            }
            o.remove(NETWORK_FIELDS);
            out.add(o.toString());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"msnp2-md5-chat", "p2p-v1-file-accept"})
    void liveDecodeEqualsTheSampleAndTheWrittenFile(String sample) throws Exception {
        Path dir = SamplesTest.SAMPLES.resolve(sample);
        Run run = liveWhileReplaying(dir.resolve("scenario.scn"), SamplesTest.capture(dir), sample, "--filter",
                "tcp and portrange 1863-1870");
        assertFalse(run.err().contains("following"), "an explicit --filter is used as is: " + run.err());
    }

    /**
     * The default filter: nothing but the well-known ports is followed at the start, so the switchboard
     * on a port only its XFR names, and the direct connections on the ports their transport negotiation
     * names, are kept only because their first packets are held until the announcement is decoded
     * (the replay connects within a millisecond of it) or because they open like MSN traffic.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"msnp2-md5-chat:41864:XFR SB", "p2p-direct-file:2741:direct connection",
        "p2p-v2-direct-file:43821:direct connection"})
    void theDefaultFilterFollowsAnnouncedPortsFromTheirFirstPacket(String spec) throws Exception {
        String[] parts = spec.split(":");
        Path dir = SamplesTest.SAMPLES.resolve(parts[0]);
        Path scenario = dir.resolve("scenario.scn");
        Path capture = SamplesTest.capture(dir);
        if (parts[0].equals("msnp2-md5-chat")) {
            // the sample's switchboard shares 1863; move it where only the XFR tells
            String text = java.nio.file.Files.readString(scenario).replace("207.46.108.43:1863", "207.46.108.43:" + parts[1]);
            assertTrue(text.contains("XFR 10 SB 207.46.108.43:" + parts[1]));
            scenario = tmp.resolve("moved.scn");
            java.nio.file.Files.writeString(scenario, text);
            capture = tmp.resolve("moved.pcap");
            org.msnscope.testkit.ScenarioFile.parse(scenario).writeTo(capture);
        }
        Run run = liveWhileReplaying(scenario, capture, parts[0]);
        assertTrue(run.err().contains("following port " + parts[1] + " (" + parts[2] + " announced "), run.err());
    }

    private Run liveWhileReplaying(Path scenario, Path expectedCapture, String what, String... extra) throws Exception {
        assumeTrue(LiveErrorsTest.libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        assumeTrue(LiveErrorsTest.root(), "capturing on lo needs root (or CAP_NET_RAW/CAP_NET_ADMIN)");
        Path written = tmp.resolve("live.pcapng");
        List<String> args = new ArrayList<>(List.of("live", "-i", "lo", "--format", "jsonl", "--write", written.toString(),
                "--duration", "6s"));
        args.addAll(List.of(extra));
        AtomicReference<Run> live = new AtomicReference<>();
        Thread t = new Thread(() -> live.set(Run.of(args.toArray(new String[0]))));
        t.start();
        Thread.sleep(2500); // the JIT-cold capture thread opens the device
        Replay.of(scenario).run(InetAddress.getLoopbackAddress(), 0);
        t.join(20_000);
        Run run = live.get();
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("dropped by kernel 0,"), run.err());
        assertTrue(run.err().contains("decoder queue dropped 0"), run.err());

        List<String> expected = protocolEvents(Run.of("read", "--format", "jsonl", expectedCapture.toString()).out());
        List<String> got = protocolEvents(run.out());
        assertFalse(expected.isEmpty());
        assertEquals(String.join("\n", expected), String.join("\n", got), what + ": live events differ from the sample's");
        List<String> reread = protocolEvents(Run.of("read", "--format", "jsonl", written.toString()).out());
        assertEquals(String.join("\n", got), String.join("\n", reread), what + ": the --write file decodes differently");
        return run;
    }
}
