package org.msnscope.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.p2p.P2pLayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * P2Pv1 header parse and data placement: the 1202-byte chunks of 64 KiB objects (small enough to
 * stay in memory, no spill file) as a switchboard relays them, each object a new session id.
 * Reported per P2P message.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class P2pHeaderBench extends Bench {
    static final int CHUNK = 1202;
    static final int OBJECT = 64 << 10;
    static final int CHUNKS = (OBJECT + CHUNK - 1) / CHUNK;
    private final byte[][] messages = new byte[CHUNKS][];
    private P2pLayer layer;
    private final P2pLayer.Origin origin = new P2pLayer.Origin();
    private int next;
    private int session = 1;

    @Setup
    public void setup() {
        for (int i = 0; i < CHUNKS; i++) {
            int len = Math.min(CHUNK, OBJECT - i * CHUNK);
            ByteBuffer b = ByteBuffer.allocate(48 + len + 4).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0).putInt(7).putLong((long) i * CHUNK).putLong(OBJECT).putInt(len).putInt(0x01000030)
                    .putInt(i).putInt(0).putLong(0);
            for (int k = 0; k < len; k++) {
                b.put((byte) (k * 31 + i));
            }
            b.order(ByteOrder.BIG_ENDIAN).putInt(2);
            messages[i] = b.array();
        }
        layer = new P2pLayer(Limits.defaults().p2p(), new Emitter(EventSink.DISCARD));
    }

    @Benchmark
    public long chunk() {
        byte[] m = messages[next];
        if (next == 0) {
            session++;
        }
        // the session id is the first field: each object gets a new one
        m[0] = (byte) session;
        m[1] = (byte) (session >>> 8);
        m[2] = (byte) (session >>> 16);
        m[3] = (byte) ((session >>> 24) | 1);
        origin.set("F1", "C1", "s2c", "alice@hotmail.com", "bob@hotmail.com", "switchboard", next);
        layer.switchboard(origin, "bob@hotmail.com", "alice@hotmail.com", m, 0, m.length);
        next = next + 1 == CHUNKS ? 0 : next + 1;
        return layer.objectBytes();
    }
}
