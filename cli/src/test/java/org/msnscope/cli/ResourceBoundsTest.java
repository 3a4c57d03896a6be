package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msnscope.decoder.Limits;
import org.msnscope.testkit.PressureGenerator;

/**
 * The real CLI in a JVM of its own with {@code -Xmx256m} decodes a capture that pushes the flow table,
 * the switchboard cookies and the open transfers past their limits at once ({@link PressureGenerator}):
 * it ends normally, every eviction is an anomaly, the counts are the ones the limits give, and what
 * comes after the evictions is still decoded. The counts are smaller than the full run's
 * (docs/robustness.md, "Resource bounds under pressure") but pass every limit, and memory is at
 * its bound once the tables are full; {@code -Dmsnscope.pressure.flows=1000000
 * -Dmsnscope.pressure.sessions=100000 -Dmsnscope.pressure.transfers=100000} runs the full size.
 */
class ResourceBoundsTest {
    private static final Limits LIMITS = Limits.defaults();
    private static final int FLOWS = Integer.getInteger("msnscope.pressure.flows", LIMITS.maxFlows() + 40_000);
    private static final int SESSIONS = Integer.getInteger("msnscope.pressure.sessions",
            LIMITS.msnp().maxExpectations() + 14_000);
    private static final int TRANSFERS = Integer.getInteger("msnscope.pressure.transfers",
            LIMITS.p2p().maxOpenTransfers() * 3);
    private static final PressureGenerator GENERATOR = new PressureGenerator(FLOWS, SESSIONS, TRANSFERS);

    @TempDir
    static Path tmp;
    private static Path capture;

    @BeforeAll
    static void generate() throws IOException {
        capture = tmp.resolve("pressure.pcap");
        GENERATOR.writeTo(capture);
    }

    /** What the test counts in the JSON Lines output. */
    private static final class Tally {
        final Map<String, Long> anomalies = new HashMap<>();
        final Map<String, Long> flowEnds = new HashMap<>();
        final Map<String, Long> transfers = new HashMap<>();
        long flowStarts;
        long parentedSwitchboards;
        String lastFlowId;
        boolean lastFlowCommand;
        boolean lastTransferOffered;
        boolean lastTransferData;

        void line(String l) {
            String type = field(l, "type");
            switch (type) {
                case "anomaly" -> anomalies.merge(field(l, "code"), 1L, Long::sum);
                case "flow_end" -> flowEnds.merge(field(l, "reason"), 1L, Long::sum);
                case "flow_start" -> {
                    flowStarts++;
                    if (l.contains("\"client\":\"" + PressureGenerator.flowClient(FLOWS - 1) + "\"")) {
                        lastFlowId = field(l, "flow");
                    }
                }
                case "command" -> lastFlowCommand |= lastFlowId != null && lastFlowId.equals(field(l, "flow"))
                        && l.contains("\"cmd\":\"VER\"");
                case "session_start" -> parentedSwitchboards += l.contains("\"role\":\"SB\"")
                        && !l.contains("\"parent_flow\":null") ? 1 : 0;
                case "transfer" -> {
                    String state = field(l, "state");
                    transfers.merge(state, 1L, Long::sum);
                    if (l.contains("\"session_id\":" + PressureGenerator.sessionId(TRANSFERS - 1) + ",")) {
                        lastTransferOffered |= state.equals("offered");
                        lastTransferData |= state.equals("transferring") && l.contains("\"received\":1202,");
                    }
                }
                default -> {
                }
            }
        }

        long anomaly(String code) {
            return anomalies.getOrDefault(code, 0L);
        }
    }

    /** The value of a string field (none of the fields read here holds a quote). */
    static String field(String line, String name) {
        String key = "\"" + name + "\":\"";
        int i = line.indexOf(key);
        if (i < 0) {
            return "";
        }
        int s = i + key.length();
        return line.substring(s, line.indexOf('"', s));
    }

    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(ints = {1, 2})
    void everyTableStaysAtItsLimitUnder256Megabytes(int threads) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = tmp.resolve("stderr-" + threads + ".txt");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:-HeapDumpOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "org.msnscope.cli.Main", "read", "--format", "jsonl",
                "--threads", Integer.toString(threads), capture.toString())
                .redirectError(err.toFile()).start();
        Tally t = new Tally();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8),
                1 << 16)) {
            for (String l; (l = r.readLine()) != null;) {
                t.line(l);
            }
        } finally {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        }
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        for (String bad : List.of("OutOfMemoryError", "Exception", "\tat ")) {
            assertFalse(stderr.contains(bad), stderr);
        }

        // flows: nothing closes, so everything past the table's size is evicted, each eviction reported
        long tcpFlows = GENERATOR.tcpFlows();
        assertEquals(tcpFlows, t.flowStarts);
        long evicted = tcpFlows - LIMITS.maxFlows();
        assertEquals(evicted, t.anomaly("flow_table_full"), "flow_table_full");
        assertEquals(evicted, t.flowEnds.getOrDefault("evicted", 0L), "flows ended 'evicted'");
        assertEquals(LIMITS.maxFlows(), t.flowEnds.getOrDefault("capture_end", 0L), "flows open at the end");
        assertEquals(tcpFlows, t.flowEnds.values().stream().mapToLong(Long::longValue).sum());

        // cookies: all announced before the first switchboard presents one; the oldest are dropped
        int cookies = LIMITS.msnp().maxExpectations();
        long dropped = SESSIONS - cookies;
        assertTrue(t.anomaly("msnp_expectation_limit") >= dropped, t.anomalies.toString());
        assertTrue(t.anomaly("msnp_expectation_limit") <= dropped + threads * 2_000L, t.anomalies.toString());
        assertEquals(SESSIONS - t.anomaly("msnp_expectation_limit"), t.parentedSwitchboards,
                "switchboards whose cookie was still held find their notification connection");
        if (threads == 1) {
            assertEquals(dropped, t.anomaly("msnp_expectation_limit"));
        }

        // transfers: every one offered and started; past the limit the least recently active is closed
        // (each thread may hold the whole count of open transfers: Limits.perShard)
        long closed = TRANSFERS - LIMITS.p2p().maxOpenTransfers();
        assertTrue(t.anomaly("p2p_transfer_limit") <= closed, t.anomalies.toString());
        assertTrue(t.anomaly("p2p_transfer_limit") >= TRANSFERS - threads * LIMITS.p2p().maxOpenTransfers(),
                t.anomalies.toString());
        if (threads == 1) {
            assertEquals(closed, t.anomaly("p2p_transfer_limit"));
        }
        assertEquals(TRANSFERS, t.transfers.getOrDefault("offered", 0L));
        assertEquals(TRANSFERS, t.transfers.getOrDefault("transferring", 0L));
        assertEquals(TRANSFERS, t.transfers.getOrDefault("incomplete", 0L), "each ends incomplete, evicted or not");

        // eviction removed old state, not the ability to decode what came after it
        assertTrue(t.lastFlowId != null && t.lastFlowCommand, "the last flow's VER is decoded");
        assertTrue(t.lastTransferOffered && t.lastTransferData, "the last transfer's INVITE and data are decoded");
    }
}
