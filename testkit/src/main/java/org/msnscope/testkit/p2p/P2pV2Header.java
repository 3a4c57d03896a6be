package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;

/**
 * A P2Pv2 (MSNP16 and later) header, all big-endian: the transport header (header length, opcode,
 * message length, identifier, TLVs padded to a multiple of 4) and, when there is a payload, the data
 * header (data header length, TF combination, package number, SessionID, TLVs padded to 4).
 *
 * @param opcode {@link #OP_NONE}, {@link #OP_SYN}, {@link #OP_RAK} or both
 * @param identifier this chunk's identifier; the next one is {@code identifier + messageLength}
 * @param peerInfo the 12-byte peer info TLV value (type 1), or null
 * @param ackIdentifier the acknowledged id (TLV type 2, acked identifier + acked message length), or -1
 * @param tf the TF combination (bit 0 first chunk; 0x00 SLP, 0x04 MSNObject, 0x06 file), for payloads
 * @param packageNumber shared by every chunk of one blob
 * @param sessionId 0 for MSNSLP
 * @param dataRemaining bytes of the blob after this chunk (TLV type 1 of the data header, left out when 0)
 * @param payloadLength bytes of payload after the data header (0: no data header at all)
 */
public record P2pV2Header(int opcode, long identifier, byte[] peerInfo, long ackIdentifier, int tf,
        int packageNumber, long sessionId, long dataRemaining, int payloadLength) {
    public static final int OP_NONE = 0x0;
    public static final int OP_SYN = 0x1;
    public static final int OP_RAK = 0x2;

    public static final int TF_FIRST = 0x01;
    public static final int TF_SLP = 0x00;
    public static final int TF_MSN_OBJECT = 0x04;
    public static final int TF_FILE = 0x06;

    /** Peer info: protocol version 0x0200, implementation 0, version 0x0E00, reserved 0, capabilities 0x10F. */
    public static byte[] defaultPeerInfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(12);
        Bytes.be16(out, 0x0200);
        Bytes.be16(out, 0);
        Bytes.be16(out, 0x0E00);
        Bytes.be16(out, 0);
        Bytes.be32(out, 0x0000010F);
        return out.toByteArray();
    }

    /** A header carrying payload. */
    public static P2pV2Header data(int opcode, long identifier, byte[] peerInfo, int tf, int packageNumber,
            long sessionId, long dataRemaining, int payloadLength) {
        return new P2pV2Header(opcode, identifier, peerInfo, -1, tf, packageNumber, sessionId, dataRemaining,
                payloadLength);
    }

    /** An acknowledgement (no payload): TLV 2 with the acked chunk's identifier plus its message length. */
    public static P2pV2Header ack(int opcode, long identifier, byte[] peerInfo, long ackedNextId) {
        return new P2pV2Header(opcode, identifier, peerInfo, ackedNextId, 0, 0, 0, 0, 0);
    }

    /** The acknowledgement value for a received chunk: its identifier plus its message length. */
    public long nextIdentifier() {
        return (identifier + messageLength()) & 0xFFFFFFFFL;
    }

    /** Transport header length, padded to a multiple of 4. */
    public int headerLength() {
        int n = 8;
        if (peerInfo != null) {
            n += 2 + peerInfo.length;
        }
        if (ackIdentifier >= 0) {
            n += 6;
        }
        return pad4(n);
    }

    /** Data header length, padded to a multiple of 4, or 0 without payload. */
    public int dataHeaderLength() {
        if (payloadLength == 0) {
            return 0;
        }
        return pad4(8 + (dataRemaining > 0 ? 10 : 0));
    }

    /** The transport header's message length: data header plus payload. */
    public int messageLength() {
        return dataHeaderLength() + payloadLength;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    /** The header bytes (transport header, then the data header if any). */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int hl = headerLength();
        out.write(hl);
        out.write(opcode);
        Bytes.be16(out, messageLength());
        Bytes.be32(out, identifier);
        if (peerInfo != null) {
            out.write(0x01);
            out.write(peerInfo.length);
            out.writeBytes(peerInfo);
        }
        if (ackIdentifier >= 0) {
            out.write(0x02);
            out.write(4);
            Bytes.be32(out, ackIdentifier);
        }
        while (out.size() < hl) {
            out.write(0);
        }
        if (payloadLength > 0) {
            int dhl = dataHeaderLength();
            out.write(dhl);
            out.write(tf);
            Bytes.be16(out, packageNumber);
            Bytes.be32(out, sessionId);
            if (dataRemaining > 0) {
                out.write(0x01);
                out.write(8);
                Bytes.be64(out, dataRemaining);
            }
            while (out.size() < hl + dhl) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }
}
