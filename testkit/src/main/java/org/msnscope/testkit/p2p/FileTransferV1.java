package org.msnscope.testkit.p2p;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A P2Pv1 file transfer between a sending client (SC) and a receiving client (RC), step by step. Both
 * number their messages from the SC's BaseIdentifier B as the NINA File transfer page says: the SC sends
 * the INVITE as B, then B+1, B+2, ...; the RC sends B+1, B+2, ...
 */
final class FileTransferV1 {
    static final long APP_ID = 2;

    private final CaseKit k;
    private final Chat chat;
    private final Party sc;
    private final Party rc;
    final long base;
    final long sessionId;
    final String callId;
    private long scNext;
    private long rcNext;
    private SlpMessage invite;

    FileTransferV1(CaseKit k, Chat chat, Party sc, Party rc) {
        this.k = k;
        this.chat = chat;
        this.sc = sc;
        this.rc = rc;
        this.base = k.baseId();
        this.sessionId = k.sessionId();
        this.callId = k.random.guid();
        this.scNext = base;
        this.rcNext = base + 1;
    }

    long scId() {
        return scNext++;
    }

    long rcId() {
        return rcNext++;
    }

    private String scName() {
        return Chat.name(sc);
    }

    private String rcName() {
        return Chat.name(rc);
    }

    private P2pV1Header slp(Party from, SlpMessage m, long id, String comment) {
        return k.sendV1(chat, from, P2pV1.message(0, id, 0, k.random.nextU32(), P2pV1.slpPayload(m), 0,
                P2pV1.SB_CHUNK, true), comment);
    }

    private void ack(Party from, P2pV1Header acked, long id, String comment) {
        chat.p2p(from, P2pV1.ack(acked, id, 0, true).wire(), comment);
    }

    /** SC offers the file; RC acknowledges the INVITE. */
    void offer(String fileName, long size) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", Guids.EUF_FILE_TRANSFER);
        body.put("SessionID", Long.toString(sessionId));
        body.put("AppID", Long.toString(APP_ID));
        body.put("Context", FileContext.base64(fileName, size));
        invite = SlpMessage.request("INVITE", rc.handle(), sc.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, body);
        P2pV1Header h = slp(sc, invite, scId(), scName() + " offers \"" + fileName + "\" (" + size
                + " bytes): MSNSLP INVITE, EUF-GUID " + Guids.EUF_FILE_TRANSFER + ", AppID 2, SessionID " + sessionId
                + ",\nContext = the 574-byte file context (size, UTF-16LE name) in base64; P2P Identifier " + base
                + " (the BaseIdentifier), footer 0");
        CaseKit.react(chat);
        ack(rc, h, rcId(), rcName() + " acknowledges the INVITE");
    }

    /** RC answers the INVITE with {@code status} ({@code 200 OK} or {@code 603 Decline}); SC acknowledges. */
    void answer(String status, long thinkMicros) {
        chat.after(thinkMicros);
        SlpMessage reply = invite.reply(status, Map.of("SessionID", Long.toString(sessionId)));
        P2pV1Header h = slp(rc, reply, rcId(), rcName() + (status.startsWith("200") ? " accepts" : " declines")
                + ": MSNSLP/1.0 " + status + ", SessionID " + sessionId + ", CSeq 1, same Call-ID and branch");
        CaseKit.react(chat);
        ack(sc, h, scId(), scName() + " acknowledges the " + status);
    }

    /**
     * SC asks for a direct connection (transreqbody with {@code nonce}); RC answers that it listens at
     * {@code rcIp:rcPort}; both are acknowledged.
     */
    void directConnection(String nonce, String externalIp, int port) {
        chat.after(20_000);
        Map<String, String> req = new LinkedHashMap<>();
        req.put("Bridges", "TCPv1");
        req.put("NetID", "0");
        req.put("Conn-Type", "Direct-Connect");
        req.put("UPnPNat", "false");
        req.put("ICF", "false");
        req.put("Nonce", nonce);
        SlpMessage treq = SlpMessage.request("INVITE", rc.handle(), sc.handle(), k.random.guid(), 0, callId,
                SlpMessage.TRANSPORT_REQUEST, req);
        P2pV1Header h = slp(sc, treq, scId(), scName() + " proposes a direct connection: INVITE with a transreqbody"
                + " (Bridges TCPv1, Conn-Type, Nonce " + nonce + "), same Call-ID, new branch");
        CaseKit.react(chat);
        ack(rc, h, rcId(), rcName() + " acknowledges the transport request");
        chat.after(25_000);
        Map<String, String> resp = new LinkedHashMap<>();
        resp.put("Bridge", "TCPv1");
        resp.put("Listening", "true");
        resp.put("Nonce", nonce);
        resp.put("IPv4External-Addrs", externalIp);
        resp.put("IPv4External-Port", Integer.toString(port));
        resp.put("IPv4Internal-Addrs", rc.ip());
        resp.put("IPv4Internal-Port", Integer.toString(port));
        SlpMessage tresp = treq.reply("200 OK", resp);
        tresp = new SlpMessage(tresp.startLine(), tresp.to(), tresp.from(), tresp.branch(), tresp.cseq(),
                tresp.callId(), SlpMessage.TRANSPORT_RESPONSE, resp);
        P2pV1Header r = slp(rc, tresp, rcId(), rcName() + " listens: 200 OK with a transrespbody (Bridge TCPv1,"
                + " Listening true, the same Nonce, internal " + rc.ip() + ":" + port + ", external " + externalIp
                + ":" + port + ")");
        CaseKit.react(chat);
        ack(sc, r, scId(), scName() + " acknowledges the transport response");
    }

    /** The file data over the switchboard, or only its first {@code limit} bytes; returns the last header sent. */
    P2pV1Header sendData(byte[] data, int limit) {
        chat.after(50_000);
        long id = scId();
        List<P2pV1.Packet> chunks = P2pV1.message(sessionId, id, P2pV1Header.FLAG_FILE_DATA, k.random.nextU32(),
                Wire.bin(data), APP_ID, P2pV1.SB_CHUNK, true);
        List<P2pV1.Packet> sent = chunks;
        if (limit < data.length) {
            int n = 0;
            int bytes = 0;
            while (n < chunks.size() && bytes + chunks.get(n).header().length() <= limit) {
                bytes += (int) chunks.get(n).header().length();
                n++;
            }
            sent = chunks.subList(0, n);
        }
        return k.sendV1(chat, sc, sent, "the file data: SessionID " + sessionId + ", Identifier " + id
                + ", flags 0x01000030, footer AppID 2, TotalSize " + data.length);
    }

    /** RC acknowledges the data, sends BYE; SC acknowledges the BYE. */
    void finish(P2pV1Header lastData, boolean ackData) {
        if (ackData) {
            CaseKit.react(chat);
            ack(rc, lastData, rcId(), rcName() + " has the whole file and acknowledges it once (AckDataSize "
                    + lastData.totalSize() + ")");
        }
        bye();
    }

    /** RC closes the session with BYE over the switchboard; SC acknowledges. */
    void bye() {
        chat.after(250_000);
        SlpMessage bye = SlpMessage.request("BYE", sc.handle(), rc.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of());
        P2pV1Header h = slp(rc, bye, rcId(), rcName() + " closes the session: MSNSLP BYE (sessionclosebody)");
        CaseKit.react(chat);
        ack(sc, h, scId(), scName() + " acknowledges the BYE");
    }

    SlpMessage invite() {
        return invite;
    }
}
