package org.msnscope.testkit.p2p;

import java.util.ArrayList;
import java.util.List;

/** P2Pv1 packets: a message cut into chunks, acknowledgements, and direct-connection framing. */
public final class P2pV1 {
    /** Largest payload of one chunk on a switchboard. */
    public static final int SB_CHUNK = 1202;
    /** Largest payload of one chunk on a direct connection. */
    public static final int DC_CHUNK = 1352;

    /** One chunk: its header and its bytes (header, payload and, on a switchboard, the footer). */
    public record Packet(P2pV1Header header, Wire wire) {
    }

    private P2pV1() {
    }

    /**
     * A message cut into chunks of at most {@code maxChunk} bytes: every chunk has the same SessionID,
     * Identifier, Flags, TotalSize and AckID ({@code ackSessionId}), with Offset and Length of its piece.
     * A footer with {@code appId} is appended when {@code footer} is set (switchboard, not direct connection).
     */
    public static List<Packet> message(long sessionId, long identifier, long flags, long ackSessionId, Wire payload,
            long appId, int maxChunk, boolean footer) {
        List<Packet> out = new ArrayList<>();
        int total = payload.length();
        int off = 0;
        do {
            int n = Math.min(maxChunk, total - off);
            P2pV1Header h = P2pV1Header.data(sessionId, identifier, off, total, n, flags, ackSessionId);
            Wire w = Wire.bin(h.bytes());
            if (n > 0) {
                w = w.then(payload.slice(off, n));
            }
            if (footer) {
                w = w.thenBin(P2pV1Header.footer(appId));
            }
            out.add(new Packet(h, w));
            off += n;
        } while (off < total);
        return out;
    }

    /** An MSNSLP message: the text, then its closing NUL as a separate piece. */
    public static Wire slpPayload(SlpMessage m) {
        return Wire.text(m.headText() + m.bodyText()).thenBin(new byte[] {0});
    }

    /** The acknowledgement of {@code acked} (the last chunk of a message). */
    public static Packet ack(P2pV1Header acked, long identifier, long appId, boolean footer) {
        P2pV1Header h = P2pV1Header.ackOf(acked, identifier);
        Wire w = Wire.bin(h.bytes());
        if (footer) {
            w = w.thenBin(P2pV1Header.footer(appId));
        }
        return new Packet(h, w);
    }

    /**
     * The direct-connection handshake: SessionID 0, Flags 0x100, and the nonce GUID (Microsoft byte layout)
     * in bytes 32 to 47, where AckID, AckUID and AckDataSize would be.
     */
    public static P2pV1Header handshake(long identifier, String nonce) {
        byte[] n = Guids.msBytes(nonce);
        long ackId = le32(n, 0);
        long ackUid = le32(n, 4);
        long ackSize = le32(n, 8) | (le32(n, 12) << 32);
        return new P2pV1Header(0, identifier, 0, 0, 0, P2pV1Header.FLAG_DIRECT_HANDSHAKE, ackId, ackUid, ackSize);
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    /** Direct-connection framing: a 4-byte little-endian length, then the packet. */
    public static Wire dcFrame(Wire packet) {
        java.io.ByteArrayOutputStream len = new java.io.ByteArrayOutputStream(4);
        Bytes.le32(len, packet.length());
        return Wire.bin(len.toByteArray()).then(packet);
    }

    /** The first bytes on a direct connection, from the connecting side: length 4, then {@code foo\0}. */
    public static Wire dcFoo() {
        return dcFrame(Wire.bin(new byte[] {'f', 'o', 'o', 0}));
    }
}
