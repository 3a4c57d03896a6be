package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by Wireshark's editcap and tshark read back as exactly the packets they were made from. */
class WiresharkWrittenTest {
    private record Packet(long tsNanos, int linkType, int originalLength, byte[] bytes, String comment) {
    }

    private static List<Packet> read(Path file) throws IOException {
        List<Packet> out = new ArrayList<>();
        List<CaptureProblem> problems = new ArrayList<>();
        try (PacketSource s = CaptureFiles.open(file, file.toString(), problems::add)) {
            RawPacket p = new RawPacket();
            while (s.next(p)) {
                out.add(new Packet(p.timestampNanos, p.linkType, p.originalLength,
                        Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength), p.comment));
            }
        }
        assertEquals(List.of(), problems);
        return out;
    }

    private static Path original() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) {
            p = p.getParent();
        }
        return p.resolve("samples/msnp8-login/capture.pcap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"login-editcap-comment.pcapng", "login-tshark.pcapng.gz", "login-editcap-nsec.pcap"})
    void samePacketsAsTheOriginal(String name) throws IOException, URISyntaxException {
        Path file = Path.of(WiresharkWrittenTest.class.getResource("/wireshark/" + name).toURI());
        List<Packet> expected = read(original());
        List<Packet> actual = read(file);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Packet e = expected.get(i);
            Packet a = actual.get(i);
            assertEquals(e.tsNanos(), a.tsNanos(), "packet " + (i + 1));
            assertEquals(e.linkType(), a.linkType());
            assertEquals(e.originalLength(), a.originalLength());
            assertArrayEquals(e.bytes(), a.bytes(), "packet " + (i + 1));
            if (name.contains("comment") && i == 4) {
                assertEquals("a packet comment from editcap", a.comment());
            } else {
                assertNull(a.comment(), "packet " + (i + 1));
            }
        }
    }
}
