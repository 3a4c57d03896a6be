package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;

/**
 * The 48-byte P2Pv1 binary header (MSNC1 to MSNC9): six DWORDs and three QWORDs, all little-endian.
 * Over a switchboard it is followed by the payload and a 4-byte big-endian footer (the AppID); over a
 * direct connection there is no footer.
 */
public record P2pV1Header(long sessionId, long identifier, long offset, long totalSize, long length, long flags,
        long ackSessionId, long ackIdentifier, long ackDataSize) {
    public static final int SIZE = 48;

    public static final long FLAG_NONE = 0x0;
    public static final long FLAG_NAK = 0x1;
    public static final long FLAG_ACK = 0x2;
    public static final long FLAG_WAITING = 0x4;
    public static final long FLAG_ERROR = 0x8;
    public static final long FLAG_FILE = 0x10;
    public static final long FLAG_MSN_OBJECT = 0x20;
    public static final long FLAG_CLOSE = 0x40;
    public static final long FLAG_TRANSPORT_ERROR = 0x80;
    public static final long FLAG_DIRECT_HANDSHAKE = 0x100;
    public static final long FLAG_FILE_DATA = 0x01000030;

    /** A header for one chunk of a message: offset and length of this piece, total size of the message. */
    public static P2pV1Header data(long sessionId, long identifier, long offset, long totalSize, long length,
            long flags, long ackSessionId) {
        return new P2pV1Header(sessionId, identifier, offset, totalSize, length, flags, ackSessionId, 0, 0);
    }

    /**
     * The acknowledgement of a whole received message {@code acked} (its last chunk or its only one):
     * same SessionID, a new Identifier of the acknowledging side, TotalSize and AckDataSize the size of
     * the acknowledged message, AckSessionID its Identifier and AckIdentifier its AckSessionID.
     */
    public static P2pV1Header ackOf(P2pV1Header acked, long identifier) {
        return new P2pV1Header(acked.sessionId, identifier, 0, acked.totalSize, 0, FLAG_ACK,
                acked.identifier, acked.ackSessionId, acked.totalSize);
    }

    /** The 48 header bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        Bytes.le32(out, sessionId);
        Bytes.le32(out, identifier);
        Bytes.le64(out, offset);
        Bytes.le64(out, totalSize);
        Bytes.le32(out, length);
        Bytes.le32(out, flags);
        Bytes.le32(out, ackSessionId);
        Bytes.le32(out, ackIdentifier);
        Bytes.le64(out, ackDataSize);
        return out.toByteArray();
    }

    /** The 4-byte big-endian footer carrying the application identifier. */
    public static byte[] footer(long appId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4);
        Bytes.be32(out, appId);
        return out.toByteArray();
    }
}
