package org.msnscope.decoder.p2p;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * A direct TCP connection between two clients carrying P2P: every packet is a 32-bit
 * little-endian length and the packet. The connecting side first sends {@code foo\0}; then each
 * side sends its nonce (v1: a 48-byte header with flag 0x100 and the nonce in bytes 32-47; v2: the
 * 16 bytes of the nonce alone), which also says the P2P version. After that, v1 packets are a
 * header and data and v2 packets a transport header, data header and data, none with a footer.
 * docs/p2p.md, "Direct connections".
 */
public final class DirectConnection {
    /** Largest packet believed: the documented 1352-byte body plus headers, with room to spare. */
    static final int MAX_PACKET = 64 << 10;

    /** One direction's reading state. */
    private enum State {
        /** reading the 4-byte length */
        LENGTH,
        /** reading a packet of known length */
        PACKET,
        /** a gap or a bad length: the rest of this direction is not read */
        LOST
    }

    private final P2pLayer layer;
    private final String flow;
    /** the negotiation this connection belongs to: by address and port, else found by its nonce; may stay null */
    private P2pLayer.Listener listener;
    private final Side c2s = new Side(true);
    private final Side s2c = new Side(false);
    private int version;
    private final P2pLayer.Origin origin = new P2pLayer.Origin();

    public DirectConnection(P2pLayer layer, String flow, P2pLayer.Listener listener) {
        this.layer = layer;
        this.flow = flow;
        this.listener = listener;
    }

    /** True when a stream starts with the connecting side's {@code 04 00 00 00 'f' 'o' 'o' 00}. */
    public static boolean startsLikeDirect(byte[] b, int off, int len) {
        return len >= 8 && b[off] == 4 && b[off + 1] == 0 && b[off + 2] == 0 && b[off + 3] == 0 && b[off + 4] == 'f'
                && b[off + 5] == 'o' && b[off + 6] == 'o' && b[off + 7] == 0;
    }

    private final class Side {
        final boolean fromClient;
        State state = State.LENGTH;
        final byte[] lenBuf = new byte[4];
        int lenFill;
        byte[] packet;
        int fill;
        long packetStart;
        int packets;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void data(byte[] b, int off, int len, long streamOffset) {
            int p = off;
            int end = off + len;
            long pos = streamOffset;
            while (p < end) {
                switch (state) {
                    case LOST -> {
                        return;
                    }
                    case LENGTH -> {
                        int n = Math.min(4 - lenFill, end - p);
                        System.arraycopy(b, p, lenBuf, lenFill, n);
                        lenFill += n;
                        p += n;
                        pos += n;
                        if (lenFill == 4) {
                            lenFill = 0;
                            long l = FileContext.u32(lenBuf, 0);
                            if (l > MAX_PACKET) {
                                layer.anomaly(flow, AnomalyCode.P2P_DIRECT_BAD_PACKET, dir() + ": packet length " + l
                                        + " at stream offset " + (pos - 4) + " is above " + MAX_PACKET
                                        + "; the rest of this direction is not read");
                                state = State.LOST;
                                return;
                            }
                            packet = new byte[(int) l];
                            fill = 0;
                            packetStart = pos - 4;
                            state = State.PACKET;
                            if (l == 0) {
                                state = State.LENGTH;
                            }
                        }
                    }
                    case PACKET -> {
                        int n = Math.min(packet.length - fill, end - p);
                        System.arraycopy(b, p, packet, fill, n);
                        fill += n;
                        p += n;
                        pos += n;
                        if (fill == packet.length) {
                            state = State.LENGTH;
                            byte[] pk = packet;
                            packet = null;
                            packet(this, pk, packetStart);
                        }
                    }
                }
            }
        }

        void gap(long streamOffset, long length) {
            if (state != State.LOST) {
                layer.anomaly(flow, AnomalyCode.P2P_DIRECT_BAD_PACKET, dir() + ": " + length
                        + " bytes missing at stream offset " + streamOffset
                        + "; the packet framing is lost for the rest of this direction");
            }
            state = State.LOST;
            packet = null;
        }

        String dir() {
            return fromClient ? "c2s" : "s2c";
        }
    }

    public void data(boolean fromClient, byte[] b, int off, int len, long streamOffset) {
        (fromClient ? c2s : s2c).data(b, off, len, streamOffset);
    }

    public void gap(boolean fromClient, long streamOffset, long length) {
        (fromClient ? c2s : s2c).gap(streamOffset, length);
    }

    private void packet(Side side, byte[] pk, long at) {
        int n = side.packets++;
        if (n == 0 && side.fromClient && pk.length == 4 && pk[0] == 'f' && pk[1] == 'o' && pk[2] == 'o' && pk[3] == 0) {
            return;
        }
        if (version == 0 || (!nonceCheckedFor(side) && (pk.length == 16 || isV1Handshake(pk)))) {
            if (pk.length == 16) {
                version = 2;
                checkNonce(side, pk, 0);
                return;
            }
            if (isV1Handshake(pk)) {
                version = 1;
                checkNonce(side, pk, 32);
                return;
            }
            if (version == 0) {
                version = P2pLayer.v2Shaped(pk, 0, pk.length, false) ? 2 : 1;
            }
        }
        String listenerAccount = listener != null ? listener.listenerAccount() : null;
        String connectorAccount = listener != null ? listener.connectorAccount() : null;
        String sender = side.fromClient ? connectorAccount : listenerAccount;
        String receiver = side.fromClient ? listenerAccount : connectorAccount;
        origin.set(flow, listener != null && listener.transfer() != null ? listener.transfer().conversation : null,
                side.dir(), emptyToNull(sender), emptyToNull(receiver), "direct", at);
        layer.directMessage(origin, version, pk);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private boolean c2sNonce;
    private boolean s2cNonce;

    private boolean nonceCheckedFor(Side side) {
        return side.fromClient ? c2sNonce : s2cNonce;
    }

    private static boolean isV1Handshake(byte[] pk) {
        return pk.length == 48 && (FileContext.u32(pk, 28) & 0x100) != 0;
    }

    private void checkNonce(Side side, byte[] pk, int off) {
        if (side.fromClient) {
            c2sNonce = true;
        } else {
            s2cNonce = true;
        }
        if (listener == null) {
            // not at an announced address (NAT, or the negotiation went by another path): the nonce says whose it is
            listener = layer.listenerByNonce(guid(pk, off), hashed(pk, off));
            return;
        }
        if (listener.nonce() == null) {
            return;
        }
        String sent = guid(pk, off);
        String expected = listener.nonce().trim().toUpperCase(Locale.ROOT);
        if (!expected.startsWith("{")) {
            expected = "{" + expected + "}";
        }
        if (!sent.equals(expected) && !hashed(pk, off).equals(expected)) {
            layer.anomaly(flow, AnomalyCode.P2P_NONCE_MISMATCH, side.dir() + ": the handshake nonce " + sent
                    + " is not the " + expected + " the negotiation announced");
        }
    }

    /** A GUID in the Microsoft binary layout (Data1, Data2, Data3 little-endian, Data4 as is), braced upper case. */
    static String guid(byte[] b, int o) {
        return String.format("{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", FileContext.u32(b, o),
                (b[o + 4] & 0xFF) | (b[o + 5] & 0xFF) << 8, (b[o + 6] & 0xFF) | (b[o + 7] & 0xFF) << 8,
                b[o + 8] & 0xFF, b[o + 9] & 0xFF, b[o + 10] & 0xFF, b[o + 11] & 0xFF, b[o + 12] & 0xFF,
                b[o + 13] & 0xFF, b[o + 14] & 0xFF, b[o + 15] & 0xFF);
    }

    /** The Hashed-Nonce form: SHA-1 of the nonce's 16 bytes, its first 16 bytes read as a GUID. */
    static String hashed(byte[] b, int o) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(b, o, 16);
            return guid(sha.digest(), 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
