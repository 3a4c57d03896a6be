package org.msnscope.testkit.msnp21;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.msnscope.testkit.p2p.MsnObject;
import org.msnscope.testkit.p2p.SampleCase;
import org.msnscope.testkit.p2p.SampleObjects;
import org.msnscope.testkit.p2p.ScenarioWriter;
import org.msnscope.testkit.p2p.Text;

/** {@code msnp21-login-presence}: an MSNP21 sign-in through the dispatch server, then presence in user+xml. */
final class LoginCase {
    private LoginCase() {
    }

    static final String ALICE_EPID = "{9d0f9b1c-5e2a-4c3f-8b7e-2a61f0c4d813}";
    static final String ALICE_LAPTOP = "{c41e7a26-83b5-4d09-9f1a-60d2b8e5a7f4}";
    static final String BOB_EPID = "{6a3e1d07-0b9c-4f52-a1d8-7c2e94b35f60}";
    static final String CAPS = "2955186480:2609258384";
    static final String NS = "65.54.49.236:1863";

    /** XML text escaping, for an MSNObject inside UserTileLocation. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A server notification about {@code from}'s presence: Notification block, Uri /user, user+xml. */
    static RoutedPayload userNotification(String to, String from, int notifNum, String notifType, String xml) {
        return RoutedPayload.to(to, from).block("Notification", "1.0").header("NotifNum", Integer.toString(notifNum))
                .header("Uri", "/user").header("NotifType", notifType).header("Content-Type", "application/user+xml")
                .contentLength().body(xml);
    }

    /** The client's own presence: From first, Stream 1 and Flags ACK, Publication block, Uri /user. */
    static RoutedPayload userPublication(NsClient c, String xml) {
        return RoutedPayload.from(c.endpoint(), c.address()).reliability("Stream", "1").reliability("Flags", "ACK")
                .block("Publication", "1.0").header("Uri", "/user").header("Content-Type", "application/user+xml")
                .contentLength().body(xml);
    }

    /** alice signed in on her notification server connection (with the profile message), as the samples begin. */
    static NsClient alice(ScenarioWriter w, String client, long seed) {
        NsClient ns = new NsClient(w, "alice@hotmail.com", "Alice", ALICE_EPID)
                .connect("ns", client, NS, 0, "alice's notification server connection");
        ns.signIn(2, seed);
        ns.s2c(Profiles.profile(), "the login profile");
        return ns;
    }

    static SampleCase login() {
        ScenarioWriter w = new ScenarioWriter(Instant.parse("2011-03-14T20:31:05.112406Z"));
        w.header("MSNP21 (Windows Live Messenger 2011, 15.4): sign-in through the dispatch server (CVR and XFR with the");
        w.header("base64 XfrCount), SSO, then presence the MSNP21 way: the client's PUT of application/user+xml, the");
        w.header("server's NFY PUT for the account's other endpoint and for contacts (Windows Live, Yahoo, the Facebook");
        w.header("network), a contact still announced with NLN, NFY DEL when one signs out, and the client's DEL.");
        w.header("Dialogue after the NINA MSNP21 page (KB_MSNP21), MSNPSharp, Escargot and AnyEvent::MSN.");
        w.option("seed", "2101");
        w.option("format", "pcapng");
        byte[] tile = SampleObjects.displayPicture(96, 30);
        String tileXml = MsnObject.of("alice@hotmail.com", MsnObject.TYPE_DISPLAY_PICTURE, "0", tile).xml();
        String bobTile = MsnObject.of("bob@live.com", MsnObject.TYPE_DISPLAY_PICTURE, "0",
                SampleObjects.displayPicture(96, 200)).xml();

        NsClient ds = new NsClient(w, "alice@hotmail.com", "Alice", ALICE_EPID)
                .connect("ds", "192.168.1.40:49231", "64.4.45.62:1863", 0, "the dispatch server");
        int t = ds.nextTrid();
        ds.c2s("VER " + t + " MSNP21 MSNP20 MSNP19 MSNP18 MSNP17 CVR0\r\n", "WLM 2011 offers MSNP21 down to MSNP17");
        ds.after(NsClient.REPLY_MICROS).s2c("VER " + t + " MSNP21\r\n", null);
        t = ds.nextTrid();
        ds.after(2_000).c2s("CVR " + t + " 0x0409 winnt 6.1.0 i386 MSNMSGR " + NsClient.BUILD + " MSNMSGR alice@hotmail.com "
                + NsClient.xfrCount(1) + "\r\n", "CVR ends with base64 of \"Version: 1\\r\\nXfrCount: 1\\r\\n\"");
        ds.after(NsClient.REPLY_MICROS).s2c("CVR " + t + " 15.4.3502 15.4.3502 15.4.3502"
                + " http://msgr.dlservice.microsoft.com/download/wlm2011/wlsetup-web.exe"
                + " http://explore.live.com/windows-live-messenger\r\n", null);
        t = ds.nextTrid();
        ds.after(2_000).c2s("USR " + t + " SSO I alice@hotmail.com\r\n", null);
        ds.after(NsClient.REPLY_MICROS).s2c("XFR " + t + " NS " + NS + " U D " + NsClient.xfrCount(2) + "\r\n",
                "redirected to a notification server; the hop counter goes up to 2");
        ds.after(3_000).out(null);

        NsClient ns = new NsClient(w, "alice@hotmail.com", "Alice", ALICE_EPID)
                .connect("ns", "192.168.1.40:49232", NS, 310_000, "the notification server");
        ns.signIn(2, 2101);
        ns.s2c("CHL 0 1663122458434562624782678054\r\n", "the challenge right after USR OK, as Escargot serves MSNP21");
        ns.s2c(userNotification(ns.endpoint(), ns.address(), 0, "Partial",
                "<user><s n=\"PF\" ts=\"2011-03-14T20:31:07Z\"></s></user>").command("NFY PUT"),
                "NFY PUT about the account itself: only its profile timestamp (no presence fields)");
        ns.s2c(Profiles.profile(), "the login profile");
        t = ns.nextTrid();
        ns.after(60_000).c2s("QRY " + t + " PROD0120PW!CCV9@ 32\r\n8f3b2c1d7e6a5f4091c8b2a3d4e5f607",
                "the challenge answer (the hash is not computed: nothing here checks it)");
        ns.after(NsClient.REPLY_MICROS).s2c("QRY " + t + "\r\n", null);
        t = ns.nextTrid();
        ns.after(900_000).c2s("BLP " + t + " BL\r\n", null);
        ns.after(NsClient.REPLY_MICROS).s2c("BLP " + t + " BL\r\n", null);
        t = ns.nextTrid();
        String adl = "<ml l=\"1\"><d n=\"live.com\"><c n=\"bob\" t=\"1\"><s l=\"3\" n=\"IM\" /><s l=\"3\" n=\"PE\" />"
                + "<s l=\"3\" n=\"PF\" /></c><c n=\"dave\" t=\"1\"><s l=\"1\" n=\"IM\" /><s l=\"1\" n=\"PE\" /></c></d>"
                + "<d n=\"hotmail.com\"><c n=\"carol\" t=\"1\"><s l=\"3\" n=\"IM\" /><s l=\"3\" n=\"PE\" /></c></d>"
                + "<d n=\"yahoo.com\"><c n=\"frank\" t=\"32\"><s l=\"3\" n=\"IM\" /></c></d></ml>";
        ns.after(2_000).c2s(RoutedPayload.line("ADL " + t, adl),
                "the initial ADL in the MSNP21 form: list bits per service (<s l=\"3\" n=\"IM\" />...)");
        ns.after(NsClient.REPLY_MICROS).s2c("ADL " + t + " OK\r\n", null);
        t = ns.nextTrid();
        ns.after(2_000).c2s(RoutedPayload.line("UUX " + t, "<EndpointData><Capabilities>" + CAPS
                + "</Capabilities></EndpointData>"), "UUX with the endpoint's capabilities");
        ns.after(NsClient.REPLY_MICROS).s2c("UUX " + t + " 0\r\n", null);
        t = ns.nextTrid();
        String mine = "<user><s n=\"IM\"><Status>NLN</Status><CurrentMedia></CurrentMedia></s><s n=\"PE\">"
                + "<UserTileLocation>" + escape(tileXml) + "</UserTileLocation><FriendlyName>Alice</FriendlyName>"
                + "<PSM>back from the lake &amp; sunburnt</PSM><DDP></DDP><Scene></Scene><ColorScheme>-3</ColorScheme></s>"
                + "<sep n=\"IM\" epid=\"" + ALICE_EPID + "\"><Capabilities>" + CAPS + "</Capabilities></sep>"
                + "<sep n=\"PE\" epid=\"" + ALICE_EPID + "\"><VER>MSNMSGR:" + NsClient.BUILD + "</VER><TYP>1</TYP>"
                + "<Capabilities>0:0</Capabilities></sep><sep n=\"PD\" epid=\"" + ALICE_EPID + "\"><ClientType>1</ClientType>"
                + "<EpName>ALICE-PC</EpName><Idle>false</Idle><State>NLN</State></sep></user>";
        ns.after(2_000).c2s(userPublication(ns, mine).command("PUT " + t),
                "alice publishes her presence: status, friendly name, PSM, display picture, endpoint capabilities");
        ns.after(NsClient.REPLY_MICROS).s2c(RoutedPayload.to(ns.endpoint(), ns.address()).command("PUT " + t + " OK"),
                "accepted (the KB's reply form: Routing and Reliability blocks only)");
        String self = "<user><s n=\"IM\"><Status>NLN</Status><CurrentMedia></CurrentMedia></s><s n=\"PE\">"
                + "<FriendlyName>Alice</FriendlyName><PSM>back from the lake &amp; sunburnt</PSM></s>"
                + "<sep n=\"IM\" epid=\"" + ALICE_LAPTOP + "\"><Capabilities>" + CAPS + "</Capabilities></sep>"
                + "<sep n=\"PD\" epid=\"" + ALICE_LAPTOP + "\"><ClientType>1</ClientType><EpName>ALICE-LAPTOP</EpName>"
                + "<Idle>true</Idle><State>AWY</State></sep></user>";
        ns.after(30_000).s2c(userNotification(ns.endpoint(), ns.address(), 1, "Full", self).command("NFY PUT"),
                "NFY PUT about alice herself: her laptop is signed in too (its IM and PD endpoints)");
        ns.after(4_000).s2c(RoutedPayload.to(ns.endpoint(), "14:fb").block("Notification", "1.0")
                .header("NotifNum", "2").header("Uri", "/network").header("NotifType", "Full")
                .header("Content-Type", "application/network+xml").contentLength()
                .body("<network><status>SigningIn</status></network>").command("NFY PUT"),
                "the Facebook gateway (14:fb) is signing alice in: application/network+xml");
        String bob = "<user><s n=\"IM\">\r\n<Status>NLN</Status>\r\n</s><s n=\"PE\">\r\n<UserTileLocation>"
                + bobTile.replace("<", "&#x3C;").replace(">", "&#x3E;").replace("\"", "&#x22;")
                + "</UserTileLocation>\r\n<FriendlyName>Bob (#) Live</FriendlyName>\r\n<PSM>at the lake house</PSM></s>\r\n"
                + "<sep n=\"IM\" epid=\"" + BOB_EPID + "\">\r\n<Capabilities>1074249760:2281833472</Capabilities>\r\n</sep>\r\n"
                + "<sep n=\"PE\" epid=\"" + BOB_EPID + "\">\r\n<Capabilities>0:1073856512</Capabilities>\r\n</sep></user>";
        ns.after(6_000).s2c(userNotification(ns.address(), "1:bob@live.com", 0, "Partial", bob).command("NFY PUT"),
                "bob is online: the KB's NFY PUT shape (line breaks inside the XML, the MSNObject as &#x3C; entities)");
        ns.after(3_000).s2c(userNotification(ns.address(), "32:frank@yahoo.com", 0, "Partial",
                "<user><s n=\"IM\"><Status>BSY</Status></s><s n=\"PE\"><FriendlyName>Frank</FriendlyName></s></user>")
                .command("NFY PUT"), "a Yahoo contact (network 32) is busy");
        ns.after(3_000).s2c("NLN NLN 1:dave@live.com Dave " + CAPS + " 0\r\n",
                "dave announced with NLN, as Escargot still does for MSNP21 clients");
        ns.after(3_000).s2c(userNotification(ns.address(), "1:carol@hotmail.com", 0, "Partial",
                "<user><s n=\"IM\"><Status>AWY</Status><CurrentMedia>\\0Music\\01\\0{0} - {1}\\0Northern Lights\\0"
                        + "Aurora Trio\\0\\0</CurrentMedia></s></user>").command("NFY PUT"),
                "carol is away, listening to music (CurrentMedia)");
        ns.after(45_000_000).c2s("PNG\r\n", null);
        ns.after(NsClient.REPLY_MICROS).s2c("QNG 50\r\n", null);
        ns.after(12_000_000).s2c(userNotification(ns.address(), "1:bob@live.com", 1, "Partial",
                "<user><s n=\"PE\"><PSM>fishing, back at 6</PSM></s></user>").command("NFY PUT"),
                "bob changes only his personal message");
        t = ns.nextTrid();
        ns.after(20_000_000).c2s(userPublication(ns, "<user><s n=\"IM\"><Status>AWY</Status><CurrentMedia></CurrentMedia>"
                + "</s><sep n=\"PD\" epid=\"" + ALICE_EPID + "\"><ClientType>1</ClientType><EpName>ALICE-PC</EpName>"
                + "<Idle>true</Idle><State>AWY</State></sep></user>").command("PUT " + t), "alice goes away");
        ns.after(NsClient.REPLY_MICROS).s2c("PUT " + t + " OK 0\r\n", "accepted, in Escargot's reply form (no payload)");
        ns.after(9_000_000).s2c(RoutedPayload.to(ns.address(), "1:bob@live.com").block("Notification", "1.0")
                .header("NotifNum", "2").header("Uri", "/user").header("NotifType", "Partial")
                .header("Content-Type", "application/user+xml").contentLength()
                .body("<user><sep n=\"IM\" epid=\"" + BOB_EPID + "\"/></user>").command("NFY DEL"),
                "bob signs out: NFY DEL of his IM endpoint");
        t = ns.nextTrid();
        ns.after(15_000_000).c2s(RoutedPayload.from(ns.endpoint(), ns.address()).block("Publication", "1.0")
                .header("Uri", "/user").header("Content-Type", "application/user+xml").contentLength()
                .body("<user><sep n=\"IM\" epid=\"" + ALICE_EPID + "\"/></user>").command("DEL " + t),
                "alice signs this endpoint out: DEL of its IM endpoint");
        ns.after(NsClient.REPLY_MICROS).s2c("DEL " + t + " OK 0\r\n", null);
        ns.after(40_000).out("and closes the connection");

        String readme = Text.fmt("""
                # msnp21-login-presence

                An MSNP21 (Windows Live Messenger 2011, 15.4.3502) sign-in and the presence traffic that
                replaced CHG, ILN, NLN and UBX. On the dispatch server the client sends `VER 1 MSNP21 MSNP20
                MSNP19 MSNP18 MSNP17 CVR0`, a CVR whose last argument is base64 of `Version: 1\\r\\nXfrCount:
                1\\r\\n`, and `USR 3 SSO I`; the server answers `XFR 3 NS %s U D` with XfrCount 2. On the
                notification server: the same VER and CVR (XfrCount 2), the SSO exchange with the machine GUID
                %s appended, `USR 4 OK`, Escargot's `CHL 0` and its `NFY PUT` about the account's own profile
                (`<s n="PF" ts=...>`), the profile MSG, QRY, BLP and an initial ADL in the MSNP21 form, where
                the list bits are written per service (`<c n="bob" t="1"><s l="3" n="IM" /><s l="3" n="PE"
                /></c>`). Then:

                1. `UUX` with `<EndpointData><Capabilities>`, answered `UUX 8 0`.
                2. alice's `PUT 9` of `application/user+xml` (Routing From her endpoint To her account,
                   Reliability `Stream: 1`, `Flags: ACK`, `Publication: 1.0`, `Uri: /user`): `<s n="IM">` with
                   Status NLN, `<s n="PE">` with UserTileLocation (her MSNObject, XML-escaped), FriendlyName, PSM,
                   `<sep n="IM|PE|PD" epid=...>` with capabilities, client version, endpoint name and state. The
                   server answers `PUT 9 OK` with a Routing and a Reliability block.
                3. `NFY PUT` from `1:alice@hotmail.com` (`NotifType: Full`): her laptop %s is signed in.
                4. `NFY PUT` from `14:fb`, `Uri: /network`, `application/network+xml`
                   `<network><status>SigningIn</status></network>` (the Facebook gateway).
                5. `NFY PUT` from `1:bob@live.com` in the KB's exact shape (CRLFs inside the XML, the MSNObject
                   written with `&#x3C;` entities, the KB's capability values), from `32:frank@yahoo.com` (BSY),
                   `NLN NLN 1:dave@live.com Dave caps 0` (Escargot's MSNP21 path still uses NLN), and from
                   `1:carol@hotmail.com` with a CurrentMedia string.
                6. PNG/QNG, bob's PSM-only update, alice's `PUT 10` going away (answered `PUT 10 OK 0`, the
                   Escargot form without payload), `NFY DEL` of bob's IM endpoint (he signed out), alice's `DEL
                   11` of her IM endpoint (`DEL 11 OK 0`) and OUT.

                - Link: Ethernet; format: pcapng, microsecond timestamps; clean network.
                - Flows: F1 dispatch server 64.4.45.62:1863 (closed after the XFR), F2 notification server %s.

                Provenance: %s The login lines (VER list, CVR and XFR with the XfrCount blob) are the NINA page's
                "Log in" example; the NFY PUT for a contact and the `14:fb` network NFY are its "User Status
                Notification" and "Facebook integration" examples (the contact's body with its Content-Length
                recounted). The client's PUT of `/user` (block headers, the order of `<s>` and `<sep>`, the PD
                fields, `Stream: 1`, `Flags: ACK`) and the DEL signing an endpoint out follow %s
                `SetPresenceStatus` and `SignoutFrom`; NFY DEL meaning offline follows its `OnNFYReceived`. `CHL 0`
                after `USR OK`, the `<s n="PF">` NFY and the `PUT trid OK 0` reply follow %s `_util_usr_final`,
                `PAYLOAD_MSG_0` and `_m_put` (`front/msn/msnp_ns.py`, `misc.py`). The ADL services form is the one
                %s `add_temporary_contact` sends. No source shows a whole MSNP21 capture: the order of the login and
                the XML of the Yahoo and CurrentMedia notifications are reconstructed from these. Accounts, GUIDs,
                tickets, hashes and addresses are invented; the MSNObjects describe generated pictures.
                """, NS, ALICE_EPID, ALICE_LAPTOP, NS, Refs.BLOCKS, Refs.MSNPSHARP, Refs.ESCARGOT, Refs.ANYEVENT);
        return new SampleCase("msnp21-login-presence", w.render(), Map.of(), List.of(), null, readme);
    }
}
