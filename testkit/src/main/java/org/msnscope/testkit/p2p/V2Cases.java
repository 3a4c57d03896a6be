package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MSNP18 P2Pv2 samples: a file accepted, a file declined, a display picture. */
final class V2Cases {
    private V2Cases() {
    }

    static final String V2_PROVENANCE = Text.fmt("""
            the P2Pv2 layout (big-endian transport header: header length, opcode, message length, identifier,
            TLVs padded to 4; data header: length, TF combination, package number, SessionID, TLVs) follows the
            NINA P2Pv2 headers page (%s). The TLV meanings the page leaves open follow public client source:
            type 1 in the transport header is the 12-byte peer info (papyon `TLPv2.py`, MSNPSharp
            `P2PHeader.cs`), type 2 the ACK (acked identifier + acked message length), type 1 in the data
            header DataRemaining; the next identifier is this one plus the message length; the link's first
            chunk carries SYN|RAK and the peer info, the answer to it copies the peer info with SYN|RAK and is
            acknowledged in turn; MSNSLP messages ask for an ACK (RAK) on their last chunk (papyon
            `MessageChunk.create`, MSNPSharp `CreateAck`). TF values: 0x01 for the first chunk of an MSNSLP
            message (0x00 after), 0x05/0x04 for MSNObject data, 0x07/0x06 for file data. The switchboard MIME
            head has `P2P-Dest: email;{guid}` and `P2P-Src: email;{guid}`, and MSNSLP addresses carry the
            same `;{guid}` endpoints (MSNPSharp `SBBridge.cs`, Miranda `msn_p2p.cpp`); the 4-byte footer
            stays (papyon, libpurple). The MSNP18 switchboard (USR and ANS with `handle;{guid}`, IRO and JOI
            once plain and once with the endpoint, with `caps:extcaps`) follows `msnp18-mpop`.""", 
            Sources.P2PV2);

    static final String V2_CHOICES = """
            Where sources differ: the peer info is written big-endian (papyon: `02 00 00 00 0E 00 00 00 00 00 01
            0F`; MSNPSharp writes it little-endian); package numbers count up per sender and blob; the last
            chunk of a data blob also asks for an ACK (RAK), so that the receiver's one ACK is visible as in
            P2Pv1; chunks carry at most 1202 payload bytes (MSNPSharp `SBBridge.MaxDataSize`); ACKs have footer
            0. The BYE body is a bare CRLF and NUL (Content-Length 3), as libpurple's `msn_dc_send_bye`.""";

    static Map<String, String> inviteBody(String euf, long sid, long appId, String context) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", euf);
        body.put("SessionID", Long.toString(sid));
        body.put("SChannelState", "0");
        body.put("Capabilities-Flags", "1");
        body.put("AppID", Long.toString(appId));
        body.put("Context", context);
        return body;
    }

    static Map<String, String> replyBody(long sid) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("SessionID", Long.toString(sid));
        body.put("SChannelState", "0");
        body.put("Capabilities-Flags", "1");
        return body;
    }

    private static CaseKit kit(String when, long seed, int alicePort, int bobPort) {
        return new CaseKit(Instant.parse(when), seed, true, alicePort, bobPort);
    }

    private static String accounts(CaseKit k) {
        return "alice@hotmail.com;" + k.alice.endpoint() + " and bob@hotmail.com;" + k.bob.endpoint();
    }

    static SampleCase fileAccept() {
        CaseKit k = kit("2010-02-19T18:27:41.338105Z", 0x2F11E001L, 51_772, 50_213);
        k.writer.header("MSNP18 (Windows Live Messenger 2009, 14.0, 2010): alice sends bob a file over the switchboard");
        k.writer.header("with P2Pv2 headers: endpoints handle;{guid} in P2P-Dest/P2P-Src and in the MSNSLP To/From, SYN|RAK");
        k.writer.header("with the peer info on the link's first chunk, ACKs as TLV 2, data in TF 0x07/0x06 chunks.");
        k.writer.header("Dialogue after the NINA P2Pv2 headers, File transfer and MSNSLP pages, papyon and MSNPSharp.");
        k.writer.option("seed", "1801");
        k.writer.option("format", "pcap");
        String name = "lake-house-photos.zip";
        byte[] file = SampleObjects.random(0x1A4E5EL, 36_000);
        Chat chat = k.chat(Chat.Dialect.MPOP, 0);
        chat.after(2_100_000);
        chat.say(k.alice, "The photos from the lake house, zipped", CaseKit.ALICE_FONT, 1_700_000);
        chat.after(900_000);
        FlowV2 flow = new FlowV2(k, chat);
        long sid = k.sessionId();
        String callId = k.random.guid();
        long aliceBase = flow.nextId(k.alice);
        SlpMessage invite = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, inviteBody(Guids.EUF_FILE_TRANSFER, sid, 2,
                        FileContext.base64(name, file.length)));
        List<P2pV2Header> inv = flow.slp(k.alice, invite, "alice offers \"" + name + "\": MSNSLP INVITE to "
                + k.bob.handle() + ", EUF-GUID " + Guids.EUF_FILE_TRANSFER + ", AppID 2, SessionID " + sid);
        chat.after(2_800_000);
        flow.slp(k.bob, invite.reply("200 OK", replyBody(sid)), "bob accepts: MSNSLP/1.0 200 OK");
        chat.after(60_000);
        List<P2pV2Header> data = flow.data(k.alice, P2pV2Header.TF_FILE, sid, file, 2,
                "the file: " + file.length + " bytes, TF 0x07 then 0x06, SessionID " + sid
                        + ", DataRemaining on all but the last chunk, footer AppID 2");
        chat.after(200_000);
        flow.slp(k.bob, SlpMessage.request("BYE", k.alice.handle(), k.bob.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of()), "bob closes the session: MSNSLP BYE");
        chat.after(1_500_000);
        chat.say(k.bob, "Downloaded, they look great", CaseKit.BOB_FONT, 1_400_000);
        chat.after(4_000_000);
        chat.close(k.bob, 3_000_000);
        String readme = Text.fmt("""
                # p2p-v2-file-accept

                An MSNP18 (Windows Live Messenger 2009) switchboard conversation in which alice sends bob
                "%s" (%d bytes) with P2Pv2 headers, captured on both clients' switchboard connections. The
                endpoints are %s.

                1. alice → bob: `INVITE MSNMSGR:%s MSNSLP/1.0` with `To: <msnmsgr:%s>`, `From:
                   <msnmsgr:%s>`, sessionreqbody `EUF-GUID: %s`, `SessionID: %d`, `SChannelState: 0`,
                   `Capabilities-Flags: 1`, `AppID: 2`, `Context:` (the 574-byte file context in base64). The
                   INVITE is %s (TF 0x01, then 0x00), one package number; the first chunk is the link's
                   first: opcode SYN|RAK with the peer info TLV (alice's first Identifier is %d); the last asks
                   for an ACK (RAK).
                2. bob answers the SYN with SYN|RAK, the same peer info and an ACK TLV; alice acknowledges that;
                   bob acknowledges the INVITE's last chunk.
                3. bob → alice: `MSNSLP/1.0 200 OK`; alice acknowledges.
                4. alice → bob: the file in %d chunks of up to 1202 bytes (TF 0x07 on the first, 0x06 after,
                   SessionID %d, DataRemaining TLV on all but the last, footer AppID 2), RAK on the last; bob
                   sends one ACK.
                5. bob → alice: `BYE`; alice acknowledges. bob thanks alice and leaves.

                Every switchboard MSG has `P2P-Dest:` and `P2P-Src:` with the `;{guid}` endpoints; the server
                relays it as `MSG alice@hotmail.com Alice len` (or bob's) with the same body.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:51772 and bob 10.0.0.3:50213 to the switchboard 207.46.108.37:1863.
                - Object: `source/%s`, %d pseudo-random bytes from a fixed seed; SHA-1 in `sources.sha1`.

                Provenance: %s The file flow and context follow the NINA File transfer page (%s) and libpurple
                (`gen_context`, 574 bytes, version 2; WLM 2009 itself may write version 3). %s

                %s

                Accounts, endpoint GUIDs, addresses, cookies, SessionIDs and identifiers are invented; the file is
                generated.
                """, name, file.length, accounts(k), k.bob.handle(), k.bob.handle(), k.alice.handle(),
                Guids.EUF_FILE_TRANSFER, sid, CaseKit.chunks(inv.size()), aliceBase, data.size(), sid, name, file.length,
                V2_PROVENANCE, Sources.FILES, SLP_NOTE, V2_CHOICES);
        return new SampleCase("p2p-v2-file-accept", k.writer.render(), Map.of(name, file), List.of(name), null,
                readme);
    }

    static final String SLP_NOTE = "MSNSLP framing, with the closing NUL counted in Content-Length, follows the NINA "
            + "MSNSLP page (" + Sources.SLP + "); the SChannelState and Capabilities-Flags body keys follow "
            + "papyon's `SLP.py` and MSNPSharp.";

    static SampleCase fileDecline() {
        CaseKit k = kit("2010-03-04T08:55:10.901462Z", 0x2F11E002L, 52_018, 50_877);
        k.writer.header("MSNP18 (Windows Live Messenger 2009, 14.0, 2010): alice offers bob a file with P2Pv2 headers;");
        k.writer.header("bob declines with 603 Decline. SYN|RAK and the peer info on the link's first chunk, ACKs as TLV 2.");
        k.writer.header("Dialogue after the NINA P2Pv2 headers, File transfer and MSNSLP pages, papyon and MSNPSharp.");
        k.writer.option("seed", "1802");
        k.writer.option("format", "pcap");
        String name = "budget 2010.xlsx";
        long size = 184_320;
        Chat chat = k.chat(Chat.Dialect.MPOP, 0);
        chat.after(1_900_000);
        chat.say(k.alice, "Can you check the budget sheet?", CaseKit.ALICE_FONT, 1_500_000);
        chat.after(700_000);
        FlowV2 flow = new FlowV2(k, chat);
        long sid = k.sessionId();
        String callId = k.random.guid();
        SlpMessage invite = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, inviteBody(Guids.EUF_FILE_TRANSFER, sid, 2, FileContext.base64(name, size)));
        List<P2pV2Header> inv = flow.slp(k.alice, invite, "alice offers \"" + name + "\" (" + size
                + " bytes): MSNSLP INVITE, EUF-GUID " + Guids.EUF_FILE_TRANSFER + ", AppID 2, SessionID " + sid);
        chat.after(4_100_000);
        flow.slp(k.bob, invite.reply("603 Decline", replyBody(sid)), "bob declines: MSNSLP/1.0 603 Decline");
        chat.after(1_200_000);
        chat.say(k.bob, "Not on this machine, send it to my work address", CaseKit.BOB_FONT, 2_600_000);
        chat.after(2_500_000);
        chat.close(k.alice, 2_000_000);
        String readme = Text.fmt("""
                # p2p-v2-file-decline

                An MSNP18 (Windows Live Messenger 2009) switchboard conversation in which alice offers bob
                "%s" (%d bytes) with P2Pv2 headers and bob declines. The endpoints are %s.

                alice's `INVITE MSNMSGR:%s MSNSLP/1.0` (sessionreqbody: `EUF-GUID: %s`, `SessionID: %d`,
                `SChannelState: 0`, `Capabilities-Flags: 1`, `AppID: 2`, the base64 file context) goes out in %s; the first is the link's first (SYN|RAK and the peer info), the last asks for an ACK. bob
                answers the SYN (SYN|RAK, peer info, ACK TLV), alice acknowledges that, bob acknowledges the
                INVITE; then bob sends `MSNSLP/1.0 603 Decline` (CSeq 1, same Call-ID %s and branch, `SessionID:
                %d`) and alice acknowledges it. No data is sent: `sources.sha1` lists nothing and there is no
                `source/` folder.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:52018 and bob 10.0.0.3:50877 to the switchboard 207.46.108.37:1863.

                Provenance: %s %s

                %s

                Accounts, endpoint GUIDs, addresses, cookies, SessionIDs and identifiers are invented.
                """, name, size, accounts(k), k.bob.handle(), Guids.EUF_FILE_TRANSFER, sid, CaseKit.chunks(inv.size()), callId,
                sid, V2_PROVENANCE, SLP_NOTE, V2_CHOICES);
        return new SampleCase("p2p-v2-file-decline", k.writer.render(), Map.of(), List.of(), null, readme);
    }

    static SampleCase displayPicture() {
        CaseKit k = kit("2010-05-23T14:09:57.482930Z", 0x2D15C0DEL, 53_340, 51_004);
        k.writer.header("MSNP18 (Windows Live Messenger 2009, 14.0, 2010): alice fetches bob's display picture with");
        k.writer.header("P2Pv2 headers: INVITE (AppID 12), 200 OK, the data preparation (TF 0x01, SessionID set, four");
        k.writer.header("zero bytes), the PNG in TF 0x05/0x04 chunks (footer 12), BYE; every RAK chunk acknowledged.");
        k.writer.header("Dialogue after the NINA P2Pv2 headers, Display pictures and MSNSLP pages, papyon and MSNPSharp.");
        k.writer.option("seed", "1803");
        k.writer.option("format", "pcap");
        byte[] png = SampleObjects.displayPicture(80, 95);
        MsnObject obj = MsnObject.of(k.bob.email(), MsnObject.TYPE_DISPLAY_PICTURE, "0", png);
        Chat chat = k.chat(Chat.Dialect.MPOP, 0);
        chat.after(1_600_000);
        chat.say(k.bob, "I finally changed my picture", CaseKit.BOB_FONT, 1_500_000);
        chat.after(500_000);
        FlowV2 flow = new FlowV2(k, chat);
        long sid = k.sessionId();
        String callId = k.random.guid();
        SlpMessage invite = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, inviteBody(Guids.EUF_MSN_OBJECT, sid, 12, obj.context()));
        flow.slp(k.alice, invite, "alice asks bob for his display picture: MSNSLP INVITE, EUF-GUID "
                + Guids.EUF_MSN_OBJECT + ", AppID 12, SessionID " + sid + ", Context = the MSNObject in base64");
        chat.after(40_000);
        flow.slp(k.bob, invite.reply("200 OK", replyBody(sid)), "bob accepts: MSNSLP/1.0 200 OK");
        chat.after(50_000);
        flow.data(k.bob, P2pV2Header.TF_SLP, sid, new byte[4], 12,
                "the data preparation: TF 0x01, SessionID " + sid + ", four zero bytes, footer AppID 12");
        chat.after(30_000);
        List<P2pV2Header> data = flow.data(k.bob, P2pV2Header.TF_MSN_OBJECT, sid, png, 12, "the picture: "
                + png.length + " bytes, TF 0x05 then 0x04, SessionID " + sid + ", footer AppID 12");
        chat.after(300_000);
        flow.slp(k.alice, SlpMessage.request("BYE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of()), "alice ends the session: MSNSLP BYE");
        chat.after(2_200_000);
        chat.say(k.alice, "Very nice, is that the lake?", CaseKit.ALICE_FONT, 1_800_000);
        chat.after(3_500_000);
        chat.close(k.alice, 2_500_000);
        String readme = Text.fmt("""
                # p2p-v2-display-picture

                An MSNP18 (Windows Live Messenger 2009) switchboard conversation in which alice fetches bob's
                display picture with P2Pv2 headers. The endpoints are %s.

                1. alice → bob: `INVITE MSNMSGR:%s MSNSLP/1.0`, sessionreqbody `EUF-GUID: %s`, `SessionID: %d`,
                   `SChannelState: 0`, `Capabilities-Flags: 1`, `AppID: 12`, `Context:` bob's MSNObject (Type 3,
                   Location 0) in base64. It is the link's first chunk: SYN|RAK with the peer info. bob answers
                   the SYN (SYN|RAK, peer info, ACK TLV); alice acknowledges that.
                2. bob → alice: `MSNSLP/1.0 200 OK`; alice acknowledges.
                3. bob → alice: the data preparation: TF 0x01 (first chunk, type 0), SessionID %d, payload four
                   zero bytes, no DataRemaining, footer AppID 12; alice acknowledges.
                4. bob → alice: the picture, %d bytes in %d chunks of up to 1202 bytes, TF 0x05 on the first and
                   0x04 after, one package number, DataRemaining on all but the last, footer AppID 12; alice
                   sends one ACK for the last chunk.
                5. alice → bob: `BYE`; bob acknowledges. Then a line of chat, and alice leaves.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:53340 and bob 10.0.0.3:51004 to the switchboard 207.46.108.37:1863; each
                  MSG appears on both connections (client syntax on the sender's, server syntax on the other).
                - Object: `source/bob-display.png`, an 80x80 RGBA PNG (%d bytes) generated in code; its MSNObject:
                  `%s`.

                Provenance: %s The data preparation in P2Pv2 (first chunk, SLP type, SessionID set, four zero
                bytes) follows papyon's `is_data_preparation_chunk`; AppID 12 for display pictures from WLM 8
                onwards follows imfreedom's AppID list (%s) and papyon. The flow is the NINA Display pictures
                page's (%s). %s

                %s

                Accounts, endpoint GUIDs, addresses, cookies, SessionIDs and identifiers are invented; the picture
                is generated.
                """, accounts(k), k.bob.handle(), Guids.EUF_MSN_OBJECT, sid, sid, png.length, data.size(),
                png.length, obj.xml(), V2_PROVENANCE, Sources.IMFREEDOM, Sources.DP, SLP_NOTE, V2_CHOICES);
        return new SampleCase("p2p-v2-display-picture", k.writer.render(), Map.of("bob-display.png", png),
                List.of("bob-display.png"), null, readme);
    }
    /** A dotted address, a port or a field name written backwards, as WLM 2009 writes some transport fields. */
    static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    static SampleCase directFile() {
        CaseKit k = kit("2010-04-11T20:16:33.705218Z", 0x2D1EC7F1L, 54_118, 50_466);
        k.writer.header("MSNP18 (Windows Live Messenger 2009, 14.0, 2010): a P2Pv2 file transfer whose data goes over a");
        k.writer.header("direct connection: INVITE (file), 200 OK, then an INVITE with a transreqbody (Hashed-Nonce) and a");
        k.writer.header("200 OK transrespbody (Listening true, the WLM 2009 reversed address fields); alice connects, sends");
        k.writer.header("foo, the 16-byte nonce goes both ways, length-prefixed P2Pv2 packets carry the file; BYE on the");
        k.writer.header("switchboard. Dialogue after the NINA P2Pv2 headers, Transports and MSNSLP pages, MSNPSharp and libpurple.");
        k.writer.option("seed", "1804");
        k.writer.option("format", "pcap");
        String name = "harbour-panorama.jpg";
        byte[] file = SampleObjects.random(0x2D1EC7L, 30_000);
        int port = 43_821;
        String externalIp = "81.2.69.160";
        int dcClientPort = 54_131;
        Chat chat = k.chat(Chat.Dialect.MPOP, 0);
        String nonce = k.random.guid();
        String hashed = Guids.hashedNonce(nonce);
        long netId = (int) k.random.nextU32();
        chat.after(1_800_000);
        chat.say(k.alice, "Here's the panorama from the harbour, full size", CaseKit.ALICE_FONT, 1_600_000);
        chat.after(800_000);
        FlowV2 flow = new FlowV2(k, chat);
        long sid = k.sessionId();
        String callId = k.random.guid();
        SlpMessage invite = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, inviteBody(Guids.EUF_FILE_TRANSFER, sid, 2,
                        FileContext.base64(name, file.length)));
        List<P2pV2Header> inv = flow.slp(k.alice, invite, "alice offers \"" + name + "\" (" + file.length
                + " bytes): MSNSLP INVITE, EUF-GUID " + Guids.EUF_FILE_TRANSFER + ", AppID 2, SessionID " + sid);
        chat.after(2_400_000);
        flow.slp(k.bob, invite.reply("200 OK", replyBody(sid)), "bob accepts: MSNSLP/1.0 200 OK");
        chat.after(30_000);
        Map<String, String> req = new LinkedHashMap<>();
        req.put("Bridges", "TCPv1 SBBridge");
        req.put("NetID", Long.toString(netId));
        req.put("Conn-Type", "Direct-Connect");
        req.put("TCP-Conn-Type", "Direct-Connect");
        req.put("UPnPNat", "false");
        req.put("ICF", "false");
        req.put("Hashed-Nonce", hashed);
        req.put("SessionID", Long.toString(sid));
        req.put("SChannelState", "0");
        req.put("Capabilities-Flags", "1");
        req.put("Nat-Trav-Msg-Type", "WLX-Nat-Trav-Msg-Direct-Connect-Req");
        SlpMessage treq = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.TRANSPORT_REQUEST, req);
        flow.slp(k.alice, treq, "alice proposes a direct connection: INVITE with a transreqbody in the same Call-ID, new branch,"
                + "\nBridges TCPv1 SBBridge, Hashed-Nonce " + hashed + " (SHA-1 of her nonce " + nonce + ")");
        chat.after(40_000);
        Map<String, String> resp = new LinkedHashMap<>();
        resp.put("Bridge", "TCPv1");
        resp.put("Listening", "true");
        resp.put("Conn-Type", "Direct-Connect");
        resp.put("TCP-Conn-Type", "Direct-Connect");
        resp.put("UPnPNat", "false");
        resp.put("ICF", "false");
        resp.put("Hashed-Nonce", hashed);
        resp.put("SessionID", Long.toString(sid));
        resp.put("SChannelState", "0");
        resp.put("Capabilities-Flags", "1");
        resp.put("Nat-Trav-Msg-Type", "WLX-Nat-Trav-Msg-Direct-Connect-Resp");
        resp.put(reversed("IPv4External-Addrs"), reversed(externalIp));
        resp.put(reversed("IPv4External-Port"), reversed(Integer.toString(port)));
        resp.put(reversed("IPv4Internal-Addrs"), reversed(k.bob.ip()));
        resp.put(reversed("IPv4Internal-Port"), reversed(Integer.toString(port)));
        SlpMessage tresp = treq.reply("200 OK", resp);
        tresp = new SlpMessage(tresp.startLine(), tresp.to(), tresp.from(), tresp.branch(), tresp.cseq(), tresp.callId(),
                SlpMessage.TRANSPORT_RESPONSE, resp);
        flow.slp(k.bob, tresp, "bob listens: 200 OK with a transrespbody (Bridge TCPv1, Listening true, the same Hashed-Nonce),"
                + "\nthe addresses as WLM 2009 writes them, name and value reversed: internal " + k.bob.ip() + ":" + port
                + ", external " + externalIp + ":" + port);
        chat.after(60_000);
        ScenarioWriter.Conn dc = k.writer.conn("dc", k.alice.ip() + ":" + dcClientPort, k.bob.ip() + ":" + port, chat.now(),
                "the direct connection: alice connects to the internal address bob announced");
        chat.after(2_000);
        k.writer.send(dc, chat.now(), true, P2pV1.dcFoo(), "alice's first packet: length 4, \"foo\\0\"");
        chat.after(300);
        Wire handshake = P2pV1.dcFrame(Wire.bin(Guids.msBytes(nonce)));
        k.writer.send(dc, chat.now(), true, handshake, "alice's P2Pv2 handshake: length 16, then her nonce " + nonce
                + " in GUID byte layout (its SHA-1 gives the Hashed-Nonce)");
        chat.after(1_700);
        k.writer.send(dc, chat.now(), false, handshake, "bob answers with the same 16 bytes: the connection is accepted");
        chat.after(5_000);
        List<P2pV2.Packet> packets = P2pV2.blob(flow.sender(k.alice), false, P2pV2Header.TF_FILE,
                flow.nextPackage(k.alice), sid, Wire.bin(file), true, 2, P2pV1.DC_CHUNK, false);
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                chat.after(700);
            }
            k.writer.send(dc, chat.now(), true, P2pV1.dcFrame(packets.get(i).wire()), i == 0
                    ? "the file over the direct connection: " + packets.size() + " P2Pv2 packets of up to " + P2pV1.DC_CHUNK
                            + " data bytes, each after a 4-byte little-endian length, no footer\n(SessionID " + sid
                            + ", TF 0x07 then 0x06, DataRemaining on all but the last, RAK on the last)"
                    : null);
        }
        chat.after(3_000);
        P2pV2Header last = packets.get(packets.size() - 1).header();
        k.writer.send(dc, chat.now(), false, P2pV1.dcFrame(P2pV2.ack(flow.sender(k.bob), last, false).wire()),
                "bob acknowledges the last packet over the direct connection: TLV 2 (ACK) = " + last.nextIdentifier());
        chat.after(250_000);
        flow.slp(k.bob, SlpMessage.request("BYE", k.alice.handle(), k.bob.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of()), "bob closes the session over the switchboard: MSNSLP BYE");
        chat.after(40_000);
        k.writer.close(dc, chat.now(), true, true, "alice closes the direct connection");
        chat.after(1_900_000);
        chat.say(k.bob, "Wow, that was quick. Beautiful shot", CaseKit.BOB_FONT, 1_500_000);
        chat.after(3_500_000);
        chat.close(k.bob, 2_500_000);
        String readme = Text.fmt("""
                # p2p-v2-direct-file

                An MSNP18 (Windows Live Messenger 2009) file transfer ("%s", %d bytes) with P2Pv2 headers,
                negotiated over the switchboard, whose data goes over a direct TCP connection. The endpoints are
                %s; both clients' switchboard connections are captured.

                1. On the switchboard: alice's file `INVITE` (EUF-GUID %s, AppID 2, SessionID %d, the file
                   context; %s, the first with SYN|RAK and the peer info), the SYN answer and ACKs, bob's `200 OK`
                   and its ACK.
                2. alice → bob: a second `INVITE` in the same Call-ID (%s) with a new branch and `Content-Type:
                   application/x-msnmsgr-transreqbody`: `Bridges: TCPv1 SBBridge`, `NetID: %d`, `Conn-Type` and
                   `TCP-Conn-Type: Direct-Connect`, `UPnPNat: false`, `ICF: false`, `Hashed-Nonce: %s`,
                   `SessionID`, `SChannelState`, `Capabilities-Flags`, `Nat-Trav-Msg-Type:
                   WLX-Nat-Trav-Msg-Direct-Connect-Req`. bob acknowledges it.
                3. bob → alice: `MSNSLP/1.0 200 OK` with `application/x-msnmsgr-transrespbody`: `Bridge: TCPv1`,
                   `Listening: true`, the same `Hashed-Nonce`, `Nat-Trav-Msg-Type:
                   WLX-Nat-Trav-Msg-Direct-Connect-Resp`, and the addresses as WLM 2009 writes them, name and value
                   reversed: `%s: %s`, `%s: %s`, `%s: %s`, `%s: %s` (that is IPv4External-Addrs %s,
                   IPv4External-Port %d, IPv4Internal-Addrs %s, IPv4Internal-Port %d). No plain-named address field
                   is sent. alice acknowledges.
                4. A new TCP connection 10.0.0.2:%d → 10.0.0.3:%d. Every packet is a 4-byte little-endian length
                   and the packet. alice sends `foo\\0` (length 4), then the P2Pv2 handshake: length `10 00 00 00`
                   and the 16 bytes of her nonce %s in GUID byte order (Data1, Data2, Data3 little-endian, then
                   Data4), with no P2P header; bob answers with the same 16 bytes. The `Hashed-Nonce` is the SHA-1
                   of those 16 bytes, its first 16 bytes read back as a GUID the same way: %s.
                5. alice sends the file as %d P2Pv2 packets: transport header (no SYN of its own: the identifiers
                   go on from each side's switchboard sequence; RAK on the last) and data header with TF 0x07 on
                   the first and 0x06 after, SessionID %d, one package number, the
                   DataRemaining TLV on all but the last, at most %d data bytes each, no footer on a direct
                   connection. bob acknowledges the last one there (TLV 2).
                6. bob sends `BYE` over the switchboard, alice acknowledges it there and closes the direct
                   connection. bob thanks alice and leaves.

                A decoder should tie the direct connection to the session by the announced address and port (read
                from the reversed fields), accept the nonce against the `Hashed-Nonce` (no `p2p_nonce_mismatch`)
                and finish the transfer with transport `direct`.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:54118 and bob 10.0.0.3:50466 to the switchboard 207.46.108.37:1863, and
                  the direct connection 10.0.0.2:%d → 10.0.0.3:%d.
                - Object: `source/%s`, %d pseudo-random bytes from a fixed seed; SHA-1 in `sources.sha1`.

                Provenance: %s The transport negotiation (second INVITE in the same Call-ID, transreqbody and
                transrespbody keys, `Nat-Trav-Msg-Type`) follows the NINA Transports page (%s) and MSNPSharp; the
                reversed field names and values follow MSNPSharp and packet-o-matic's `target_msn_msgs.c`, and a
                WLM 2009 trace published by vnsecurity (`srddA-lanretnI4vPI: 85.26.251.361`). The `Hashed-Nonce`
                follows MSNPSharp's `HashedNonceGenerator` and libpurple's `msn_dc_generate_nonce`; the framing
                (`foo\\0` first, a u32 little-endian length before every packet, no footer), the 16-byte v2
                handshake and the 1352-byte packet limit follow MSNPSharp's `P2PDCHandshakeMessage` and
                libpurple's `directconn.c` (`DC_MAX_BODY_SIZE`). %s

                %s

                Accounts, endpoint GUIDs, addresses, cookies, SessionIDs, nonce and identifiers are invented; the
                file is generated.
                """, name, file.length, accounts(k), Guids.EUF_FILE_TRANSFER, sid, CaseKit.chunks(inv.size()), callId,
                netId, hashed, reversed("IPv4External-Addrs"), reversed(externalIp), reversed("IPv4External-Port"),
                reversed(Integer.toString(port)), reversed("IPv4Internal-Addrs"), reversed(k.bob.ip()),
                reversed("IPv4Internal-Port"), reversed(Integer.toString(port)), externalIp, port, k.bob.ip(), port,
                dcClientPort, port, nonce, hashed, packets.size(), sid, P2pV1.DC_CHUNK, dcClientPort, port, name,
                file.length, V2_PROVENANCE, Sources.TRANSPORTS, SLP_NOTE, V2_CHOICES);
        return new SampleCase("p2p-v2-direct-file", k.writer.render(), Map.of(name, file), List.of(name), null, readme);
    }
}
