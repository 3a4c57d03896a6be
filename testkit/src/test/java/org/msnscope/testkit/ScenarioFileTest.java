package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.LinkType;

class ScenarioFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("s.scn");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void parsesOptionsConnectionsDataAndClose() throws Exception {
        Files.write(dir.resolve("blob.bin"), new byte[] {1, 2, 3});
        Scenario s = ScenarioFile.parse(write("""
                # a login
                option seed 5
                option link sll2
                option mss 536
                option format pcapng
                conn ns 10.0.0.2:1025 207.46.104.20:1863 2009-06-01T12:00:00Z drop=1 retransmit=0.5 midstream=0
                ns +0.010 c2s "VER 1 MSNP8 CVR0\\r\\n"   # the client speaks first
                ns +0.5 s2c "tab\\t\\"q\\" \\\\ \\x41"
                ns +1 c2s hex:0a0B
                ns +1.000000001 c2s @blob.bin
                ns +2 close s2c rst
                """));
        assertEquals(5, s.seed());
        assertEquals(LinkType.LINUX_SLL2, s.linkType());
        TcpConnection c = s.connections().get(0);
        assertArrayEquals("VER 1 MSNP8 CVR0\r\n\n\u000b\u0001\u0002\u0003".getBytes(StandardCharsets.ISO_8859_1),
                c.truth(Direction.C2S));
        assertArrayEquals("tab\t\"q\" \\ A".getBytes(StandardCharsets.US_ASCII), c.truth(Direction.S2C));
        assertEquals(1_243_857_600_000_000_000L, c.startNanos);
        assertEquals(1_243_857_602_000_000_000L, c.closeAtNanos);
        assertEquals(Close.RST, c.closeKind);
        assertArrayEquals(new int[] {1}, c.explicitKnobs.get(Knob.DROP));
        assertEquals(0.5, c.knobRates.get(Knob.RETRANSMIT));
    }

    @Test
    void severalDataPiecesOnOneLineAreJoinedInOrder() throws Exception {
        Files.write(dir.resolve("tail.bin"), new byte[] {9, 8});
        Scenario s = ScenarioFile.parse(write("""
                conn sb 10.0.0.2:1025 207.46.108.37:1863 2009-06-01T12:00:00Z
                sb +1 c2s "MSG 5 D 4\\r\\n" hex:0001 "a b" @tail.bin   # four pieces
                sb +2 c2s "one"
                """));
        TcpConnection c = s.connections().get(0);
        assertEquals(2, c.chunks.size());
        assertArrayEquals(new byte[] {'M', 'S', 'G', ' ', '5', ' ', 'D', ' ', '4', '\r', '\n', 0, 1, 'a', ' ', 'b', 9, 8},
                c.chunks.get(0).data());
        assertArrayEquals("one".getBytes(StandardCharsets.US_ASCII), c.chunks.get(1).data());
    }

    @Test
    void joinedPiecesGiveTheSameCaptureAsOnePiece() throws Exception {
        String head = "option seed 3\nconn a 10.0.0.2:1025 207.46.108.37:1863 2009-06-01T12:00:00Z\n";
        Path one = write(head + "a +1 c2s \"MSG 1 D 3\\r\\nxyz\"\n");
        Path a = dir.resolve("a.pcap");
        ScenarioFile.parse(one).writeTo(a);
        Path split = write(head + "a +1 c2s \"MSG 1 D 3\\r\\n\" hex:78 \"yz\"\n");
        Path b = dir.resolve("b.pcap");
        ScenarioFile.parse(split).writeTo(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void ipv6Endpoints() throws Exception {
        Scenario s = ScenarioFile.parse(write("conn a [2001:db8::1]:1025 [2001:db8::2]:1863 2009-06-01T12:00:00Z\n"));
        assertEquals(16, s.connections().get(0).clientIp.length);
    }

    private void assertError(String text, String message) throws IOException {
        Path f = write(text);
        ScenarioParseException e = assertThrows(ScenarioParseException.class, () -> ScenarioFile.parse(f));
        assertEquals(f + ":" + message, e.getMessage());
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        String conn = "conn a 10.0.0.1:1 10.0.0.2:1863 2009-06-01T12:00:00Z\n";
        assertError("option colour blue\n", "1: unknown option colour");
        assertError("\n# x\nconn a 10.0.0.1:1 10.0.0.2:1863 yesterday\n",
                "3: not an ISO-8601 instant (like 2009-06-01T12:00:00Z): yesterday");
        assertError(conn + "a +1 c2s \"abc\n", "2: unterminated string");
        assertError(conn + "a +1 c2s \"\\q\"\n", "2: unknown escape \\q");
        assertError(conn + "a +1 c2s \"\\x4\"\n", "2: \\x needs two hex digits");
        assertError(conn + "b +1 c2s \"x\"\n", "2: unknown connection or keyword: b");
        assertError(conn + "a +1 sideways \"x\"\n", "2: expected c2s or s2c, not sideways");
        assertError(conn + "a -1 c2s \"x\"\n",
                "2: expected: NAME +SECONDS c2s|s2c DATA or NAME +SECONDS close c2s|s2c fin|rst");
        assertError(conn + "a +1 c2s hex:abc\n", "2: hex: needs an even, non-zero number of digits");
        assertError(conn + "a +1 c2s \"ok\" hex:abc\n", "2: hex: needs an even, non-zero number of digits");
        assertError(conn + "a +1 c2s \"ok\" plain\n", "2: data must be \"quoted\", hex:... or @file");
        assertError(conn + "a +1 c2s\n", "2: expected: NAME +SECONDS c2s|s2c DATA [DATA...]");
        assertError(conn + "a +1 c2s @../etc/passwd\n", "2: @../etc/passwd is outside the scenario's directory");
        assertError(conn + "a +1 close c2s maybe\n", "2: close needs fin or rst, not maybe");
        assertError(conn + "option mss 100\n", "2: options must come before the first conn line");
        assertError("conn a 10.0.0.1:1 10.0.0.300:1863 2009-06-01T12:00:00Z\n", "1: not an IP address: 10.0.0.300");
        assertError("conn a 10.0.0.1:1 10.0.0.2:1863 2009-06-01T12:00:00Z wobble=1\n", "1: unknown knob wobble");
        assertError("option link token-ring\nconn a 10.0.0.1:1 10.0.0.2:1863 2009-06-01T12:00:00Z\n",
                "2: unknown link type token-ring (ethernet, sll, sll2, raw, null)");
        assertError(conn + "a +2 close c2s fin\na +3 c2s \"late\"\n", "3: connection 0 is already closed");
    }

    @Test
    void tokensKeepQuotedStringsWhole() {
        assertEquals(List.of("a", "+1", "c2s", "\"x # y\""), ScenarioTokens.split("a +1 c2s \"x # y\" # comment"));
    }
}
