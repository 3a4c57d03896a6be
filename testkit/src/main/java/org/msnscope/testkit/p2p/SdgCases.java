package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MSNP21 transfer sample: a display picture fetched with P2Pv2 carried in SDG. */
final class SdgCases {
    private SdgCases() {
    }

    static final String SDG_PROVENANCE = Text.fmt("""
            The SDG framing and routing (`SDG trid length`, Routing To/From with `;epid=`, Reliability, `Messaging:
            2.0`) follow the NINA MSNP21 page (%s) and MSNPSharp's `MultiMimeMessage.cs`; the P2P message in SDG
            (`Service-Channel: PE`, `Options: 0`, Content-Length, `Content-Type: application/x-msnmsgrp2p`,
            `Content-Transfer-Encoding: binary`, `Message-Type: Data`, `Pipe`, `Bridging-Offsets: 0`, the P2Pv2
            message with its 4-byte footer, at most 1024 data bytes per chunk) follows MSNPSharp's `SDGBridge.cs`
            (`SendOnePacket`, `GetBytes(true)`, `MaxDataSize`), and MSNSLP transport messages sent as text with
            `Message-Type: Signal/P2P` follow the same method; the receiving side's `SDG 0` follows MSNPSharp's
            `OnSDGReceived`. The KB says only that \"P2P SLP and data messages will be sent through NS server\" and
            that MSNP21 keeps P2Pv2.""", "https://wiki.nina.chat/wiki/Protocols/MSNP/MSN_Protocol_Version_21");

    private static Map<String, String> body(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static SampleCase displayPicture() {
        CaseKit k = new CaseKit(Instant.parse("2011-06-08T19:42:13.640552Z"), 0x2150D1C0L, true, 50_172, 49_861);
        k.writer.header("MSNP21 (Windows Live Messenger 2011): alice fetches bob's display picture with P2Pv2 carried in");
        k.writer.header("SDG on both clients' notification server connections (no switchboard): INVITE (AppID 12), 200 OK,");
        k.writer.header("a transport request and its answer as Signal/P2P text, the data preparation, the PNG in 1024-byte");
        k.writer.header("chunks, BYE; every RAK chunk acknowledged. Each SDG is relayed to the other client as SDG 0.");
        k.writer.header("Dialogue after the NINA MSNP21 page, MSNPSharp (SDGBridge, MultiMimeMessage) and the P2Pv2 samples.");
        k.writer.option("seed", "2104");
        k.writer.option("format", "pcap");
        byte[] png = SampleObjects.displayPicture(88, 140);
        MsnObject obj = MsnObject.of(k.bob.email(), MsnObject.TYPE_DISPLAY_PICTURE, "0", png);
        MsnObject aliceObj = MsnObject.of(k.alice.email(), MsnObject.TYPE_DISPLAY_PICTURE, "0",
                SampleObjects.displayPicture(64, 20));
        SdgChat chat = new SdgChat(k.writer, k.alice, k.bob);
        chat.open(0, aliceObj.xml(), obj.xml());
        chat.after(1_800_000);
        chat.say(k.bob, "new picture, from the boat", CaseKit.BOB_FONT, 1_400_000);
        chat.after(600_000);
        FlowV2 flow = new FlowV2(k, chat, P2pV2.SDG_CHUNK);
        long sid = k.sessionId();
        String callId = k.random.guid();
        SlpMessage invite = SlpMessage.request("INVITE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_REQUEST, V2Cases.inviteBody(Guids.EUF_MSN_OBJECT, sid, 12, obj.context()));
        flow.slp(k.alice, invite, "alice asks bob for his display picture: MSNSLP INVITE in SDG Data, EUF-GUID "
                + Guids.EUF_MSN_OBJECT + ", AppID 12, SessionID " + sid);
        chat.after(40_000);
        flow.slp(k.bob, invite.reply("200 OK", V2Cases.replyBody(sid)), "bob accepts: MSNSLP/1.0 200 OK");
        chat.after(30_000);
        SlpMessage treq = SlpMessage.request("INVITE", k.alice.handle(), k.bob.handle(), k.random.guid(), 0, callId,
                SlpMessage.TRANSPORT_REQUEST, body("Bridges", "TCPv1 SBBridge", "NetID", "-1062731519",
                        "Conn-Type", "Port-Restrict-NAT", "TCP-Conn-Type", "Symmetric-NAT", "UPnPNat", "false", "ICF",
                        "false", "Nonce", "{4F7C2A91-3E6B-4D05-8A1F-92C7B5E0D364}", "SessionID", Long.toString(sid),
                        "SChannelState", "0", "Capabilities-Flags", "1"));
        chat.signal(k.bob, treq, "bob offers a direct connection: a transreqbody INVITE sent as text, Message-Type Signal/P2P");
        chat.after(Chat.RELAY_MICROS + 35_000);
        SlpMessage tresp = treq.reply("200 OK", body("Bridge", "TCPv1", "Listening", "false", "Conn-Type",
                "Port-Restrict-NAT", "TCP-Conn-Type", "Symmetric-NAT", "IPv6-global", "", "UPnPNat", "false", "ICF", "false",
                "Nonce", "{00000000-0000-0000-0000-000000000000}", "SessionID", Long.toString(sid), "SChannelState", "0",
                "Capabilities-Flags", "1"));
        tresp = new SlpMessage(tresp.startLine(), tresp.to(), tresp.from(), tresp.branch(), tresp.cseq(), tresp.callId(),
                SlpMessage.TRANSPORT_RESPONSE, tresp.body());
        chat.signal(k.alice, tresp, "alice cannot listen: 200 OK transrespbody, Listening false; the data stays in SDG");
        chat.after(Chat.RELAY_MICROS + 30_000);
        flow.data(k.bob, P2pV2Header.TF_SLP, sid, new byte[4], 12,
                "the data preparation: TF 0x01, SessionID " + sid + ", four zero bytes, footer AppID 12");
        chat.after(30_000);
        List<P2pV2Header> data = flow.data(k.bob, P2pV2Header.TF_MSN_OBJECT, sid, png, 12, "the picture: "
                + png.length + " bytes in chunks of up to " + P2pV2.SDG_CHUNK + ", TF 0x05 then 0x04, SessionID " + sid
                + ", footer AppID 12");
        chat.after(250_000);
        flow.slp(k.alice, SlpMessage.request("BYE", k.bob.handle(), k.alice.handle(), k.random.guid(), 0, callId,
                SlpMessage.SESSION_CLOSE, Map.of()), "alice ends the session: MSNSLP BYE");
        chat.after(2_000_000);
        chat.say(k.alice, "nice! is that the lighthouse?", CaseKit.ALICE_FONT, 1_700_000);
        chat.after(3_000_000);
        chat.close(k.alice, 4_000_000);
        String readme = Text.fmt("""
                # msnp21-p2p-display-picture

                An MSNP21 (Windows Live Messenger 2011) chat in which alice fetches bob's display picture with
                P2Pv2, with no switchboard: every P2P message is an `SDG` on the sender's notification server
                connection, relayed by the server to the other client as `SDG 0` with the same payload. Both
                clients' connections are captured. The endpoints are %s and %s.

                1. Both sign in; each gets an `NFY PUT` saying the other is online, with the MSNObject of their
                   display picture in UserTileLocation. bob types and says a line (SDG Text).
                2. alice → bob: `INVITE MSNMSGR:%s MSNSLP/1.0`, `EUF-GUID: %s`, `SessionID: %d`, `AppID: 12`,
                   `Context:` bob's MSNObject in base64, in SDG `Message-Type: Data` (the link's first chunk:
                   SYN|RAK with the peer info); the acknowledgements as in `p2p-v2-display-picture`.
                3. bob → alice: `MSNSLP/1.0 200 OK`.
                4. bob → alice: an INVITE with a `transreqbody` (Bridges, NetID, Conn-Type, Nonce...), and alice →
                   bob: `200 OK` with a `transrespbody`, `Listening: false`: both as MSNSLP text in SDG
                   `Message-Type: Signal/P2P`, without P2P header. No direct connection follows.
                5. bob → alice: the data preparation (TF 0x01, four zero bytes), then the picture, %d bytes in %d
                   chunks of up to 1024 bytes (TF 0x05, then 0x04, footer AppID 12); alice acknowledges.
                6. alice → bob: `BYE`; a line of chat; both sign out.

                Every Data SDG has `Routing: 1.0`, `To: 1:receiver;epid={guid}`, `From: 1:sender;epid={guid}`,
                `Service-Channel: PE`, `Options: 0`, `Reliability: 1.0`, `Messaging: 2.0`, `Content-Length`,
                `Content-Type: application/x-msnmsgrp2p`, `Content-Transfer-Encoding: binary`, `Message-Type: Data`,
                `Pipe: n` (counting per sender) and `Bridging-Offsets: 0`, then the P2Pv2 message and its footer.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:50172 and bob 10.0.0.3:49861 to the notification server %s.
                - Object: `source/bob-display.png`, an 88x88 PNG (%d bytes) generated in code; its MSNObject: `%s`.

                Provenance: %s The P2Pv2 messages themselves (headers, TLVs, package numbers, acknowledgements, the
                data preparation, footers) are built exactly as in `p2p-v2-display-picture`, whose README gives
                their sources; only the chunk size differs. %s

                Accounts, endpoint GUIDs, addresses, tickets, SessionIDs and identifiers are invented; the picture
                is generated.
                """, k.alice.handle(), k.bob.handle(), k.bob.handle(), Guids.EUF_MSN_OBJECT, sid, png.length, data.size(),
                SdgChat.NS, png.length, obj.xml(), SDG_PROVENANCE, V2Cases.SLP_NOTE);
        return new SampleCase("msnp21-p2p-display-picture", k.writer.render(), Map.of("bob-display.png", png),
                List.of("bob-display.png"), null, readme);
    }
}
