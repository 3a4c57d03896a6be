package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.decoder.net.PacketView;

/**
 * Whole-pipeline fuzz targets. {@code captureFile}: the bytes are a capture file, read and decoded
 * with MSNP on (readers, link/IP/TCP, reassembly, every layer above). {@code tcpStreams}: the bytes
 * are the payloads of one TCP connection on a port the fuzzer picks (MSNP 1863, HTTP gateway 80,
 * MSNFTP 6891, direct P2P 1864), cut into segments in either direction with holes and reordering, so
 * every layer above TCP sees hostile streams: commands, MIME, MSNP21 blocks, XML, P2P, SLP, HTTP.
 * Contract: nothing but a one-line {@link CaptureException} escapes; every packet read is counted;
 * every flow that starts ends; every anomaly has a code; nothing is held after {@code finish}.
 */
class DecoderFuzzTest {
    private static Limits limits() {
        return Limits.defaults().withFlows(64, 4_000_000L, 1_000_000L).withOutOfOrder(4000, 20_000, 16)
                .withIpFragments(8, 4000, 1_000_000L);
    }

    private static final class Counts {
        long starts;
        long ends;

        void accept(Event e) {
            if (e instanceof FlowStartEvent) {
                starts++;
            } else if (e instanceof FlowEndEvent) {
                ends++;
            } else if (e instanceof AnomalyEvent a) {
                assertNotNull(a.code(), "an anomaly without a code: " + a.detail());
            }
        }
    }

    @FuzzTest
    void captureFile(byte[] file) {
        Counts counts = new Counts();
        Decoder d = new Decoder(limits(), counts::accept);
        d.enableMsnp();
        long packets = 0;
        try (CaptureFileReader r = CaptureFiles.open(new ByteArrayInputStream(file), "fuzz", null)) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                d.packet(p);
                packets++;
            }
        } catch (CaptureException e) {
            assertTrue(e.getMessage().matches("[^\\r\\n]*: offset \\d+: [^\\r\\n]+"), "message: " + e.getMessage());
        } catch (IOException e) {
            fail("an I/O exception other than CaptureException from bytes in memory: " + e, e);
        }
        d.finish();
        assertEquals(packets, d.stats().packets(), "packets read and packets decoded");
        assertEquals(counts.starts, counts.ends, "flows started and ended");
        assertEquals(0, d.heldBytes(), "bytes held after finish");
    }

    private static final int[] PORTS = {1863, 80, 6891, 1864};

    @FuzzTest
    void tcpStreams(FuzzedDataProvider data) {
        Counts counts = new Counts();
        Decoder d = new Decoder(limits(), counts::accept);
        d.enableMsnp();
        int port = PORTS[data.consumeInt(0, PORTS.length - 1)];
        Conversation c = new Conversation("10.0.0.1", 40000, "10.0.0.2", port);
        int[] seq = {1000, 5000}; // next sequence number, client then server
        if (data.consumeBoolean()) { // a handshake, or picked up midstream
            d.packet(c.c(PacketView.SYN, seq[0] - 1, 0));
            d.packet(c.s(PacketView.SYN | PacketView.ACK, seq[1] - 1, seq[0]));
            d.packet(c.c(PacketView.ACK, seq[0], seq[1]));
        }
        byte[] held = null;
        boolean heldFromClient = false;
        int heldSeq = 0;
        while (data.remainingBytes() > 0) {
            boolean fromClient = data.consumeBoolean();
            int mode = data.consumeInt(0, 15);
            byte[] payload = data.consumeBytes(data.consumeInt(1, 1400));
            int i = fromClient ? 0 : 1;
            if (mode == 0) { // lost: the receiver sees a hole
                seq[i] += payload.length;
                continue;
            }
            if (mode == 1 && held == null) { // delayed: sent after the next segment
                held = payload;
                heldFromClient = fromClient;
                heldSeq = seq[i];
                seq[i] += payload.length;
                continue;
            }
            d.packet(fromClient ? c.c(PacketView.ACK, seq[0], seq[1], payload)
                    : c.s(PacketView.ACK, seq[1], seq[0], payload));
            seq[i] += payload.length;
            if (held != null) {
                d.packet(heldFromClient ? c.c(PacketView.ACK, heldSeq, seq[1], held)
                        : c.s(PacketView.ACK, heldSeq, seq[0], held));
                held = null;
            }
        }
        d.packet(c.c(PacketView.FIN | PacketView.ACK, seq[0], seq[1]));
        d.packet(c.s(PacketView.FIN | PacketView.ACK, seq[1], seq[0] + 1));
        d.finish();
        assertEquals(counts.starts, counts.ends, "flows started and ended");
        assertEquals(0, d.heldBytes(), "bytes held after finish");
    }
}
