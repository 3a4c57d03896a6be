package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Generate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scenarioAndBulk() throws Exception {
        Path scn = dir.resolve("a.scn");
        Files.writeString(scn, "conn a 10.0.0.1:1025 10.0.0.2:1863 2009-06-01T12:00:00Z\na +0.1 c2s \"PNG\\r\\n\"\n");
        Path pcap = dir.resolve("a.pcap");
        assertEquals(0, run("scenario", scn.toString(), "--out", pcap.toString()), err());
        // handshake, the line, and the ACK the server delays by 40 ms
        assertEquals(5, new PcapRecords(Files.readAllBytes(pcap)).records.size());
        Path bulk = dir.resolve("b.pcap");
        assertEquals(0, run("bulk", "--bytes", "64K", "--flows", "10", "--seed", "3", "--out", bulk.toString()), err());
        assertTrue(Files.size(bulk) >= 65536);
    }

    @Test
    void errorsAreOneLineWithExitCodes() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("bulk", "--bytes", "1X", "--flows", "1", "--out", "x"));
        assertEquals("generate: --bytes must be a number, not 1X\n", err().lines().skip(1).findFirst().orElse("") + "\n");
        Path scn = dir.resolve("bad.scn");
        Files.writeString(scn, "option nope 1\n");
        err.reset();
        assertEquals(1, run("scenario", scn.toString(), "--out", dir.resolve("o.pcap").toString()));
        assertEquals("generate: " + scn + ":1: unknown option nope\n", err());
        err.reset();
        assertEquals(1, run("scenario", dir.resolve("missing.scn").toString(), "--out", "o.pcap"));
        assertEquals(1, err().lines().count());
        assertEquals(2, run("frobnicate"));
    }

    @Test
    void pressureWritesEveryConnectionItCounts() throws Exception {
        Path cap = dir.resolve("p.pcap");
        assertEquals(0, run("pressure", "--flows", "30", "--sessions", "10", "--transfers", "5", "--out",
                cap.toString()), err());
        PressureGenerator g = new PressureGenerator(30, 10, 5);
        // 30 plain flows, 10 switchboards, 10 notification connections, 5 carriers
        assertEquals(55, g.tcpFlows());
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith(" 55 connections\n"), out.toString(StandardCharsets.UTF_8));
        var records = new PcapRecords(Files.readAllBytes(cap)).records;
        // each flow a handshake; plain flows 2 lines, switchboards 1, every cookie 1-2, every transfer 3
        assertTrue(records.size() > 55 * 3 + 30 * 2 + 10 + 10 + 5 * 3, "records " + records.size());
        assertEquals(2, run("pressure", "--flows", "30", "--out", cap.toString()));
        assertEquals(2, run("pressure", "--flows", "-1", "--sessions", "1", "--transfers", "1", "--out", "x"));
        assertEquals(2, run("pressure", "--flow", "1"));
    }

    @Test
    void sizes() {
        assertEquals(1L << 30, Generate.size("1G"));
        assertEquals(3L << 20, Generate.size("3m"));
        assertEquals(1000, Generate.size("1000"));
    }
}
