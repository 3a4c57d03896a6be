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
 * them) while {@code live} captures it with libpcap. The events decoded live, and those decoded
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
        assumeTrue(LiveErrorsTest.libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        assumeTrue(LiveErrorsTest.root(), "capturing on lo needs root (or CAP_NET_RAW/CAP_NET_ADMIN)");
        Path dir = SamplesTest.SAMPLES.resolve(sample);
        Path written = tmp.resolve("live.pcapng");
        AtomicReference<Run> live = new AtomicReference<>();
        Thread t = new Thread(() -> live.set(Run.of("live", "-i", "lo", "--format", "jsonl", "--filter",
                "tcp and portrange 1863-1870", "--write", written.toString(), "--duration", "6s")));
        t.start();
        Thread.sleep(2500); // the JIT-cold capture thread opens the device
        Replay.Result r = Replay.of(dir.resolve("scenario.scn")).run(InetAddress.getLoopbackAddress(), 0);
        assertTrue(r.localPorts().values().stream().allMatch(p -> p >= 1863 && p <= 1870), r.localPorts().toString());
        t.join(20_000);
        Run run = live.get();
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("decoder queue dropped 0"), run.err());

        List<String> expected = protocolEvents(Run.of("read", "--format", "jsonl", SamplesTest.capture(dir).toString()).out());
        List<String> got = protocolEvents(run.out());
        assertFalse(expected.isEmpty());
        assertEquals(String.join("\n", expected), String.join("\n", got), sample + ": live events differ from the sample's");
        List<String> reread = protocolEvents(Run.of("read", "--format", "jsonl", written.toString()).out());
        assertEquals(String.join("\n", got), String.join("\n", reread), sample + ": the --write file decodes differently");
    }
}
