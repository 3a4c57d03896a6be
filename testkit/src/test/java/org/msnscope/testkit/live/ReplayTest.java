package org.msnscope.testkit.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.Direction;
import org.msnscope.testkit.Generate;
import org.msnscope.testkit.TcpConnection;

class ReplayTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path dir;

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    /** Replays a sample and checks that every side read exactly what the other side wrote. */
    private static Replay.Result replayExactly(Path scn, int offset) throws Exception {
        Replay replay = Replay.of(scn);
        Replay.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> replay.run(loopback(), offset));
        List<TcpConnection> conns = replay.scenario().connections();
        assertEquals(conns.size(), result.connections().size());
        for (TcpConnection c : conns) {
            Replay.ConnectionResult r = result.connections().get(c.index());
            assertEquals(c.serverEndpoint(), r.serverEndpoint());
            assertEquals((int) result.localPorts().get(c.serverEndpoint()), r.serverLocalPort());
            assertArrayEquals(c.truth(Direction.C2S), r.serverReceived(), "c2s bytes of connection " + c.index());
            assertArrayEquals(c.truth(Direction.S2C), r.clientReceived(), "s2c bytes of connection " + c.index());
        }
        return result;
    }

    @Test
    void msnp8LoginArrivesByteForByte() throws Exception {
        Replay.Result r = replayExactly(SAMPLES.resolve("msnp8-login/scenario.scn"), 20000);
        assertEquals(Map.of("65.54.239.140:1863", 21863, "207.46.106.79:1863", 21864), r.localPorts());
    }

    @Test
    void msnp2ChatGivesEachServerOnPort1863ItsOwnPort() throws Exception {
        Replay.Result r = replayExactly(SAMPLES.resolve("msnp2-md5-chat/scenario.scn"), 20100);
        assertEquals(List.of(21963, 21964, 21965), List.copyOf(r.localPorts().values()));
        assertEquals(List.of("207.46.104.20:1863", "207.46.106.57:1863", "207.46.108.43:1863"),
                List.copyOf(r.localPorts().keySet()));
    }

    @Test
    void twoClientsOfOneSwitchboardShareItsListener() throws Exception {
        Replay.Result r = replayExactly(SAMPLES.resolve("p2p-v1-emoticon/scenario.scn"), 20200);
        assertEquals(Map.of("207.46.108.37:1863", 22063), r.localPorts());
    }

    @Test
    void resetAndReusedClientPort() throws Exception {
        replayExactly(SAMPLES.resolve("sll-rst-reuse/scenario.scn"), 20300);
    }

    @Test
    void resetFinAndMissingCloseAllEnd() throws Exception {
        Path scn = dir.resolve("ends.scn");
        Files.writeString(scn, String.join("\n",
                "conn a 10.0.0.1:1025 10.0.0.9:1863 2009-06-01T12:00:00Z",
                "conn b 10.0.0.1:1026 10.0.0.9:1863 2009-06-01T12:00:00.001Z",
                "conn c 10.0.0.1:1027 10.0.0.8:1864 2009-06-01T12:00:00.002Z",
                "a +0 c2s \"VER 1 MSNP8 CVR0\\r\\n\"",
                "b +0 c2s \"PNG\\r\\n\"",
                "a +0.01 s2c \"VER 1 MSNP8\\r\\n\" hex:00ff",
                "c +0.01 s2c \"OUT\\r\\n\"",
                "b +0.02 close s2c rst",
                "a +0.03 close s2c fin",
                ""));
        Replay.Result r = replayExactly(scn, 20400);
        assertEquals(Map.of("10.0.0.9:1863", 21863 + 400, "10.0.0.8:1864", 21864 + 400), r.localPorts());
    }

    @Test
    void knobsAndMidstreamAreRefused() {
        for (String sample : List.of("lossy-reordered", "lossy-conversation", "p2p-lossy-file", "msnp12-midstream",
                "midstream-ipv6-vlan")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Replay.of(SAMPLES.resolve(sample).resolve("scenario.scn")), sample);
            assertTrue(e.getMessage().contains("cannot replay over real sockets"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Replay.of(SAMPLES.resolve("p2p-lossy-file/scenario.scn")));
        assertTrue(e.getMessage().contains("connection 0 (10.0.0.2:1388 -> 207.46.108.37:1863) uses drop"),
                e.getMessage());
    }

    @Test
    void portsStayInRange() throws Exception {
        Replay replay = Replay.of(SAMPLES.resolve("p2p-direct-file/scenario.scn"));
        assertEquals(Map.of("207.46.108.37:1863", 1863, "10.0.0.3:2741", 2741), replay.localPorts(0));
        assertThrows(IllegalArgumentException.class, () -> replay.localPorts(65000));
        assertThrows(IllegalArgumentException.class, () -> replay.run(InetAddress.getByName("192.0.2.1"), 20000));
    }

    @Test
    void busyPortIsReportedClearly() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, loopback())) {
            Path scn = dir.resolve("busy.scn");
            Files.writeString(scn, "conn a 10.0.0.1:1025 10.0.0.9:" + busy.getLocalPort()
                    + " 2009-06-01T12:00:00Z\na +0 c2s \"PNG\\r\\n\"\n");
            IOException e = assertThrows(IOException.class, () -> Replay.of(scn).run(loopback(), 0));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1 port " + busy.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void replaySubcommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Generate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "replay",
                SAMPLES.resolve("msnp8-login/scenario.scn").toString(), "--port-offset", "20500");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("65.54.239.140:1863 listened on 127.0.0.1:22363"), text);
        assertTrue(text.contains("replayed 2 connections"), text);
        err.reset();
        code = Generate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "replay",
                SAMPLES.resolve("lossy-reordered/scenario.scn").toString());
        assertEquals(1, code);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }
}
