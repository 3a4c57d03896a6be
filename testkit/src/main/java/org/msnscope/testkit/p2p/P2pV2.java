package org.msnscope.testkit.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * P2Pv2 packets. Each side numbers its chunks: the next Identifier is the previous one plus its message
 * length, so a chunk without payload (an ACK) does not move the sequence on.
 */
public final class P2pV2 {
    /** Largest payload of one chunk on a switchboard. */
    public static final int SB_CHUNK = 1202;
    /** Largest payload of one chunk in MSNP21's SDG (MSNPSharp {@code SDGBridge.MaxDataSize}). */
    public static final int SDG_CHUNK = 1024;

    /** One chunk: its header and its bytes (headers, payload, footer). */
    public record Packet(P2pV2Header header, Wire wire) {
    }

    /** The sending state of one side: its next Identifier. */
    public static final class Sender {
        private long nextId;

        public Sender(long baseIdentifier) {
            this.nextId = baseIdentifier & 0xFFFFFFFFL;
        }

        public long nextId() {
            return nextId;
        }
    }

    private P2pV2() {
    }

    /**
     * A blob cut into chunks: one package number, TF {@code type | 0x01} on the first chunk and {@code type}
     * on the others, DataRemaining on every chunk but the last. The first chunk carries SYN|RAK and the peer
     * info when {@code syn}; the last one RAK when {@code rakOnLast}.
     */
    public static List<Packet> blob(Sender s, boolean syn, int type, int packageNumber, long sessionId, Wire payload,
            boolean rakOnLast, long appId, int maxChunk) {
        return blob(s, syn, type, packageNumber, sessionId, payload, rakOnLast, appId, maxChunk, true);
    }

    /** As {@link #blob(Sender, boolean, int, int, long, Wire, boolean, long, int)}; no footer when {@code footer} is false (direct connection). */
    public static List<Packet> blob(Sender s, boolean syn, int type, int packageNumber, long sessionId, Wire payload,
            boolean rakOnLast, long appId, int maxChunk, boolean footer) {
        List<Packet> out = new ArrayList<>();
        int total = payload.length();
        int off = 0;
        while (off < total) {
            int n = Math.min(maxChunk, total - off);
            boolean first = off == 0;
            boolean last = off + n == total;
            int op = (first && syn ? P2pV2Header.OP_SYN | P2pV2Header.OP_RAK : 0)
                    | (last && rakOnLast ? P2pV2Header.OP_RAK : 0);
            P2pV2Header h = P2pV2Header.data(op, s.nextId, first && syn ? P2pV2Header.defaultPeerInfo() : null,
                    type | (first ? P2pV2Header.TF_FIRST : 0), packageNumber, sessionId, total - off - n, n);
            s.nextId = h.nextIdentifier();
            Wire w = Wire.bin(h.bytes()).then(payload.slice(off, n));
            if (footer) {
                w = w.thenBin(P2pV1Header.footer(appId));
            }
            out.add(new Packet(h, w));
            off += n;
        }
        return out;
    }

    /**
     * The acknowledgement of {@code acked}: TLV 2 with its identifier plus its message length. The answer to
     * a SYN copies the peer info and asks for an ACK itself (SYN|RAK).
     */
    public static Packet ack(Sender s, P2pV2Header acked) {
        return ack(s, acked, true);
    }

    /** As {@link #ack(Sender, P2pV2Header)}; no footer when {@code footer} is false (direct connection). */
    public static Packet ack(Sender s, P2pV2Header acked, boolean footer) {
        boolean synAck = (acked.opcode() & P2pV2Header.OP_SYN) != 0 && acked.ackIdentifier() < 0;
        P2pV2Header h = P2pV2Header.ack(synAck ? P2pV2Header.OP_SYN | P2pV2Header.OP_RAK : P2pV2Header.OP_NONE,
                s.nextId, synAck ? acked.peerInfo() : null, acked.nextIdentifier());
        Wire w = Wire.bin(h.bytes());
        return new Packet(h, footer ? w.thenBin(P2pV1Header.footer(0)) : w);
    }
}
