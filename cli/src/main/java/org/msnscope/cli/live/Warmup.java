package org.msnscope.cli.live;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.sink.OutputSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;

/**
 * Decodes a made-up switchboard exchange before the capture starts, through a throwaway decoder and
 * an output sink of the kind the run uses, writing nowhere. The first packets of a live capture then
 * meet compiled code: without it, the first burst waited some 150 ms while the JIT caught up.
 */
final class Warmup {
    /** Sessions and messages per session decoded. */
    static final int SESSIONS = 40;
    static final int MESSAGES = 60;

    private Warmup() {
    }

    static void run(Function<OutputStream, OutputSink> sinks) {
        OutputSink sink = sinks.apply(OutputStream.nullOutputStream());
        Decoder d = new Decoder(Limits.defaults(), sink);
        d.enableMsnp();
        RawPacket p = new RawPacket();
        long[] frame = {0};
        long ts = 1_000_000_000_000_000_000L;
        for (int s = 0; s < SESSIONS; s++) {
            int cport = 40_000 + s;
            int[] seq = {1000, 5000};
            Emit c2s = (flags, text) -> packet(d, p, frame, ts + frame[0] * 1000, cport, 1863, seq, 0, flags, text);
            Emit s2c = (flags, text) -> packet(d, p, frame, ts + frame[0] * 1000, 1863, cport, seq, 1, flags, text);
            c2s.send(0x02, "");
            s2c.send(0x12, "");
            c2s.send(0x10, "");
            c2s.send(0x18, "USR 1 warm" + s + "@warmup.invalid 1.2\r\n");
            s2c.send(0x18, "USR 1 OK warm" + s + "@warmup.invalid Warm\r\n");
            c2s.send(0x18, "CAL 2 peer@warmup.invalid\r\n");
            s2c.send(0x18, "CAL 2 RINGING 1\r\nJOI peer@warmup.invalid Peer\r\n");
            String mime = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\nhello";
            for (int m = 0; m < MESSAGES; m++) {
                c2s.send(0x18, "MSG " + (3 + m) + " A " + mime.length() + "\r\n" + mime);
                s2c.send(0x18, "ACK " + (3 + m) + "\r\n");
                s2c.send(0x18, "MSG peer@warmup.invalid Peer " + mime.length() + "\r\n" + mime);
            }
            c2s.send(0x18, "OUT\r\n");
            c2s.send(0x11, "");
            s2c.send(0x11, "");
        }
        d.finish();
        try {
            sink.flush();
        } catch (java.io.IOException e) {
            // writes nowhere: cannot fail
        }
    }

    private interface Emit {
        void send(int flags, String text);
    }

    /**
     * An Ethernet/IPv4/TCP frame (checksums zero: the decoder does not check them) from {@code src} to
     * {@code dst}, IPv4 addresses of four bytes.
     */
    static byte[] frame(byte[] src, byte[] dst, int sport, int dport, int seq, int ack, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(54 + payload.length);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0).put(src).put(dst);
        b.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
        b.put(payload);
        return b.array();
    }

    /** One Ethernet/IPv4/TCP packet between 10.255.0.1 (client) and 10.255.0.2, advancing the sequence numbers. */
    private static void packet(Decoder d, RawPacket p, long[] frame, long ts, int sport, int dport, int[] seq, int dir,
            int flags, String text) {
        byte[] pl = text.getBytes(StandardCharsets.ISO_8859_1);
        p.data = frame(new byte[] {10, (byte) 255, 0, (byte) (1 + dir)}, new byte[] {10, (byte) 255, 0, (byte) (2 - dir)},
                sport, dport, seq[dir], (flags & 0x10) != 0 ? seq[1 - dir] : 0, flags, pl);
        seq[dir] += pl.length + ((flags & 0x03) != 0 ? 1 : 0);
        p.offset = 0;
        p.capturedLength = p.data.length;
        p.originalLength = p.data.length;
        p.timestampNanos = ts;
        p.timestampDigits = 6;
        p.linkType = 1;
        p.frameNumber = ++frame[0];
        d.packet(p);
    }
}
