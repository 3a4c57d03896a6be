package org.msnscope.testkit.p2p;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The P2Pv1 MSNObject transfer (display picture or custom emoticon) as the NINA Display pictures page
 * lays it out: INVITE, ACK, 200 OK, ACK, data preparation, ACK, the data in chunks, one ACK, BYE, ACK.
 * The receiving client (RC) picks the BaseIdentifier B and numbers its messages B, B+1, ...; the sending
 * client (SC) numbers its own B-3, B-2, B-1, then B+1, B+2, ...
 */
final class ObjectFetchV1 {
    /** What the flow used, for the README. */
    record Result(long baseId, long sessionId, String callId, int chunks, long dataIdentifier) {
    }

    private final CaseKit k;
    private final Chat chat;
    private final Party rc;
    private final Party sc;
    private long rcNext;
    private final long[] scIds;
    private int scUsed;

    ObjectFetchV1(CaseKit k, Chat chat, Party rc, Party sc) {
        this.k = k;
        this.chat = chat;
        this.rc = rc;
        this.sc = sc;
        long base = k.baseId();
        this.rcNext = base;
        this.scIds = new long[] {base - 3, base - 2, base - 1, base + 1, base + 2, base + 3};
    }

    private long rcId() {
        return rcNext++;
    }

    private long scId() {
        return scIds[scUsed++];
    }

    /**
     * Plays the flow for {@code object} (its bytes {@code data}); {@code order} may rearrange the data
     * chunks as they go on the wire (null: in order). {@code what} names the object in comments.
     */
    Result run(MsnObject object, byte[] data, long appId, String what,
            UnaryOperator<List<P2pV1.Packet>> order) {
        long base = rcNext;
        long sid = k.sessionId();
        String callId = k.random.guid();
        String rcName = Chat.name(rc);
        String scName = Chat.name(sc);

        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", Guids.EUF_MSN_OBJECT);
        body.put("SessionID", Long.toString(sid));
        body.put("AppID", Long.toString(appId));
        body.put("Context", object.context());
        SlpMessage invite = SlpMessage.request("INVITE", sc.handle(), rc.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, body);
        P2pV1Header inv = k.sendV1(chat, rc, P2pV1.message(0, rcId(), 0, k.random.nextU32(),
                P2pV1.slpPayload(invite), 0, P2pV1.SB_CHUNK, true),
                rcName + " asks " + scName + " for " + what + ": MSNSLP INVITE, EUF-GUID " + Guids.EUF_MSN_OBJECT
                        + " (MSNObject), AppID " + appId + ", SessionID " + sid
                        + ", Context = the MSNObject in base64\nP2P header: SessionID 0, Identifier "
                        + base + " (the BaseIdentifier), flags 0, footer 0");
        CaseKit.react(chat);
        chat.p2p(sc, P2pV1.ack(inv, scId(), 0, true).wire(),
                scName + " acknowledges the INVITE (flags 0x2, AckSessionID = the INVITE's Identifier)");
        chat.after(15_000);
        SlpMessage ok = invite.reply("200 OK", Map.of("SessionID", Long.toString(sid)));
        P2pV1Header okh = k.sendV1(chat, sc, P2pV1.message(0, scId(), 0, k.random.nextU32(), P2pV1.slpPayload(ok), 0,
                P2pV1.SB_CHUNK, true), scName + " accepts: MSNSLP/1.0 200 OK, same Call-ID and branch, CSeq 1");
        CaseKit.react(chat);
        chat.p2p(rc, P2pV1.ack(okh, rcId(), 0, true).wire(), rcName + " acknowledges the 200 OK");
        CaseKit.react(chat);
        P2pV1Header prep = k.sendV1(chat, sc, P2pV1.message(sid, scId(), 0, k.random.nextU32(),
                Wire.bin(new byte[4]), appId, P2pV1.SB_CHUNK, true),
                "data preparation: SessionID " + sid + ", four zero bytes, flags 0, footer AppID " + appId);
        CaseKit.react(chat);
        chat.p2p(rc, P2pV1.ack(prep, rcId(), 0, true).wire(), rcName + " acknowledges the data preparation");
        CaseKit.react(chat);
        long dataId = scId();
        long flags = P2pV1Header.FLAG_MSN_OBJECT;
        List<P2pV1.Packet> chunks = P2pV1.message(sid, dataId, flags, k.random.nextU32(), Wire.bin(data), appId,
                P2pV1.SB_CHUNK, true);
        int count = chunks.size();
        String dataComment = "the data: " + data.length + " bytes in chunks of up to " + P2pV1.SB_CHUNK
                + " (SessionID " + sid + ", Identifier " + dataId + ", flags 0x20, footer AppID " + appId + ")";
        P2pV1Header lastData;
        if (order == null) {
            lastData = k.sendV1(chat, sc, chunks, dataComment);
        } else {
            List<P2pV1.Packet> wire = order.apply(chunks);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < wire.size(); i++) {
                if (i > 0) {
                    chat.after(CaseKit.CHUNK_GAP_MICROS);
                }
                P2pV1Header h = wire.get(i).header();
                String c = "chunk at offset " + h.offset() + ", " + h.length() + " bytes" + describe(chunks, h)
                        + (seen.add(h.offset()) ? "" : ", sent again (a duplicate)");
                chat.p2p(sc, wire.get(i).wire(), i == 0 ? dataComment + "; on the wire out of order\n" + c : c);
            }
            lastData = chunks.get(count - 1).header();
        }
        CaseKit.react(chat);
        chat.p2p(rc, P2pV1.ack(lastData, rcId(), 0, true).wire(),
                rcName + " has all " + data.length + " bytes and acknowledges the data once (AckDataSize "
                        + data.length + ")");
        chat.after(400_000);
        SlpMessage bye = SlpMessage.request("BYE", sc.handle(), rc.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of());
        P2pV1Header byeh = k.sendV1(chat, rc, P2pV1.message(0, rcId(), 0, k.random.nextU32(), P2pV1.slpPayload(bye),
                0, P2pV1.SB_CHUNK, true), rcName + " ends the session: MSNSLP BYE (sessionclosebody, Content-Length 3)");
        CaseKit.react(chat);
        chat.p2p(sc, P2pV1.ack(byeh, scId(), 0, true).wire(), scName + " acknowledges the BYE");
        return new Result(base, sid, callId, count, dataId);
    }

    /** Says which in-order chunk a piece is, or that it overlaps two. */
    private static String describe(List<P2pV1.Packet> chunks, P2pV1Header h) {
        for (int i = 0; i < chunks.size(); i++) {
            P2pV1Header c = chunks.get(i).header();
            if (c.offset() == h.offset() && c.length() == h.length()) {
                return " (chunk " + (i + 1) + " of " + chunks.size() + ")";
            }
        }
        return " (a re-send overlapping two chunks, same bytes)";
    }
}
