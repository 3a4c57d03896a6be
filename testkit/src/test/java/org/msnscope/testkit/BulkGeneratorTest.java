package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkGeneratorTest {
    private static byte[] run(long bytes, int flows, long seed, double web) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulkGenerator.Stats stats = new BulkGenerator(bytes, flows, seed, web).writeTo(out);
        assertEquals(out.size(), stats.fileBytes());
        return out.toByteArray();
    }

    @Test
    void twoMegabytesHaveTheConcurrencyAndPacketSize() throws IOException {
        byte[] file = run(2 << 20, 200, 1, 0);
        assertTrue(file.length >= 2 << 20 && file.length < (2 << 20) + 2000);
        PcapRecords r = new PcapRecords(file);
        Set<String> open = new HashSet<>();
        int maxOpen = 0;
        long frameBytes = 0;
        int closes = 0;
        long previous = 0;
        for (PcapRecords.Rec rec : r.records) {
            TcpView v = TcpView.parse(r.linkType, rec.frame());
            assertTrue(v.tcpChecksumOk);
            assertTrue(rec.tsNanos() > previous);
            previous = rec.tsNanos();
            frameBytes += rec.frame().length;
            boolean fromClient = v.dstPort == 1863;
            assertTrue(fromClient || v.srcPort == 1863);
            // client address, server address, client port
            String key = fromClient ? Arrays.toString(Arrays.copyOfRange(rec.frame(), 26, 34)) + v.srcPort : "";
            if (v.flags == PacketBuilder.SYN) {
                open.add(key);
            } else if ((v.flags & PacketBuilder.FIN) != 0 && fromClient) {
                open.remove(key);
                closes++;
            }
            maxOpen = Math.max(maxOpen, open.size());
        }
        assertEquals(200, maxOpen);
        assertTrue(closes > 10, "flows close over time: " + closes);
        double average = (double) frameBytes / r.records.size();
        assertTrue(Math.abs(average - 170) < 170 * 0.15, "average packet " + average);
    }

    @Test
    void deterministicAndWebShare() throws IOException {
        assertArrayEquals(run(300_000, 50, 7, 0), run(300_000, 50, 7, 0));
        byte[] web = run(1 << 20, 50, 7, 0.8);
        PcapRecords r = new PcapRecords(web);
        long webBytes = 0;
        for (PcapRecords.Rec rec : r.records) {
            TcpView v = TcpView.parse(r.linkType, rec.frame());
            if (v.srcPort == 80 || v.dstPort == 80) {
                webBytes += 16 + rec.frame().length;
            }
        }
        double share = (double) webBytes / web.length;
        assertTrue(Math.abs(share - 0.8) < 0.02, "web share " + share);
    }
}
