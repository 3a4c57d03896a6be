package org.msnscope.testkit.p2p;

import java.util.List;

/**
 * P2Pv2 exchanges between the two parties of a {@link Chat}: each side has its own identifier sequence
 * and package numbers; the first chunk of the link carries SYN|RAK and the peer info, and every chunk
 * with RAK is acknowledged by the other side (the answer to a SYN being a SYN|RAK that is acknowledged
 * in turn).
 */
final class FlowV2 {
    private final CaseKit k;
    private final P2pCarrier chat;
    private final P2pV2.Sender aSender;
    private final P2pV2.Sender bSender;
    /** Largest payload of one chunk: 1202 on a switchboard, 1024 in SDG. */
    private final int chunk;
    private int aPackage;
    private int bPackage;
    private boolean synced;

    FlowV2(CaseKit k, P2pCarrier chat) {
        this(k, chat, P2pV2.SB_CHUNK);
    }

    FlowV2(CaseKit k, P2pCarrier chat, int chunk) {
        this.chunk = chunk;
        this.k = k;
        this.chat = chat;
        this.aSender = new P2pV2.Sender(k.baseId());
        this.bSender = new P2pV2.Sender(k.baseId());
        this.aPackage = 1 + k.random.nextInt(0x3000);
        this.bPackage = 1 + k.random.nextInt(0x3000);
    }

    long nextId(Party p) {
        return sender(p).nextId();
    }

    /** The identifier sequence of {@code p}, shared by the switchboard and a direct connection. */
    P2pV2.Sender sender(Party p) {
        return p == chat.a() ? aSender : bSender;
    }

    int nextPackage(Party p) {
        return p == chat.a() ? aPackage++ : bPackage++;
    }

    private Party other(Party p) {
        return p == chat.a() ? chat.b() : chat.a();
    }

    /** An MSNSLP message from {@code from}, then the acknowledgements it asks for. Returns its chunks' headers. */
    List<P2pV2Header> slp(Party from, SlpMessage m, String comment) {
        boolean syn = !synced;
        synced = true;
        List<P2pV2.Packet> packets = P2pV2.blob(sender(from), syn, P2pV2Header.TF_SLP, nextPackage(from), 0,
                P2pV1.slpPayload(m), true, 0, chunk);
        String c = comment + (syn ? "\nthe link's first message: SYN|RAK with the peer info TLV on its first chunk" : "");
        List<P2pV2Header> headers = k.sendV2(chat, from, packets, c);
        acknowledge(other(from), headers);
        return headers;
    }

    /** A data blob (TF {@code type}, first chunk {@code type | 1}), RAK on its last chunk, then its ACK. */
    List<P2pV2Header> data(Party from, int type, long sessionId, byte[] data, long appId, String comment) {
        List<P2pV2.Packet> packets = P2pV2.blob(sender(from), false, type, nextPackage(from), sessionId,
                Wire.bin(data), true, appId, chunk);
        List<P2pV2Header> headers = k.sendV2(chat, from, packets, comment);
        acknowledge(other(from), headers);
        return headers;
    }

    /** Every chunk in {@code headers} that asks for one gets an ACK from {@code by}; a SYN answer is acked back. */
    private void acknowledge(Party by, List<P2pV2Header> headers) {
        CaseKit.react(chat);
        boolean first = true;
        for (P2pV2Header h : headers) {
            if ((h.opcode() & P2pV2Header.OP_RAK) == 0) {
                continue;
            }
            if (!first) {
                chat.after(3_000);
            }
            first = false;
            P2pV2.Packet ack = P2pV2.ack(sender(by), h);
            boolean synAck = (ack.header().opcode() & P2pV2Header.OP_SYN) != 0;
            chat.p2p(by, ack.wire(), Chat.name(by) + (synAck
                    ? " answers the SYN: SYN|RAK with a copy of the peer info and TLV 2 (ACK) = "
                    : " acknowledges: TLV 2 (ACK) = ") + h.nextIdentifier() + " (Identifier " + h.identifier()
                    + " + message length " + h.messageLength() + ")");
            if (synAck) {
                CaseKit.react(chat);
                P2pV2.Packet back = P2pV2.ack(sender(other(by)), ack.header());
                chat.p2p(other(by), back.wire(), Chat.name(other(by)) + " acknowledges the SYN answer");
                chat.after(3_000);
            }
        }
        chat.after(Chat.RELAY_MICROS);
    }
}
