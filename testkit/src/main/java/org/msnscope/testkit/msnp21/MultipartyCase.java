package org.msnscope.testkit.msnp21;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.msnscope.testkit.p2p.SampleCase;
import org.msnscope.testkit.p2p.ScenarioWriter;
import org.msnscope.testkit.p2p.Text;

/** {@code msnp21-multiparty}: a temporary group (10:) made, joined and left with PUT/DEL /circle, and a circle (9:). */
final class MultipartyCase {
    private MultipartyCase() {
    }

    static final String EMPTY_GROUP = "10:00000000-0000-0000-0000-000000000000@live.com";
    static final String GROUP = "10:588e793a-003d-0003-4136-314b00000000@live.com";
    static final String CIRCLE = "9:00000000-0000-0000-0009-73944a8f7947@live.com";
    static final String CAROL_EPID = "{2f8d4c61-9a07-4e3b-b5c2-d13e7f906a48}";
    static final String DAVE_EPID = "{80b35e1f-6d24-4a97-8c0e-f5a1d7e36b92}";

    static String roster(String... users) {
        StringBuilder b = new StringBuilder("<circle><roster><id>IM</id>");
        for (String u : users) {
            b.append("<user><id>").append(u).append("</id></user>");
        }
        return b.append("</roster></circle>").toString();
    }

    /** The client's PUT or DEL of a /circle document, From first as in the KB. */
    static RoutedPayload publication(NsClient c, String to, String type, String uri, String body) {
        return RoutedPayload.from(c.endpoint(), to).block("Publication", "1.0").contentLength()
                .header("Content-Type", type).header("Uri", uri).body(body);
    }

    /** The server's NFY of a /circle document from the group, Stream 0 as in the KB. */
    static RoutedPayload notification(String to, String group, int notifNum, String uri, String notifType, String body) {
        return RoutedPayload.to(to, group).reliability("Stream", "0").block("Notification", "1.0")
                .header("NotifNum", Integer.toString(notifNum)).header("Uri", uri).header("NotifType", notifType)
                .header("Content-Type", "application/circles+xml").contentLength().body(body);
    }

    /** A group message as Escargot writes it for a circle: Stream and Segment 0, Messaging 1.0. */
    static RoutedPayload circleText(String group, String from, String text) {
        return RoutedPayload.to(group + ";path=IM", from).reliability("Stream", "0").reliability("Segment", "0")
                .block("Messaging", "1.0").contentLength().header("Content-Type", "Text/plain; charset=UTF-8")
                .header("Content-Transfer-Encoding", "7bit").header("Message-Type", "Text").header("MIME-Version", "1.0")
                .body(text);
    }

    static SampleCase multiparty() {
        ScenarioWriter w = new ScenarioWriter(Instant.parse("2011-05-21T09:14:40.330871Z"));
        w.header("MSNP21 (Windows Live Messenger 2011): multiparty chats without a switchboard. A temporary group is");
        w.header("created (PUT to the empty-GUID 10: address, PUT OK naming the group), joined, two contacts invited and");
        w.header("joining (NFY PUT rosters), messages in SDG to 10:...;path=IM, someone leaving (NFY DEL) and alice leaving");
        w.header("(DEL); then a circle (9:) comes online, alice joins it, its full roster, messages, a member leaves.");
        w.header("Dialogue after the NINA MSNP21 page (KB_MSNP21), MSNPSharp and Escargot.");
        w.option("seed", "2103");
        w.option("format", "pcapng");
        w.option("nanos", "true");
        NsClient ns = LoginCase.alice(w, "192.168.7.23:51882", 2103);
        String me = ns.address();
        int t = ns.nextTrid();
        ns.after(12_000_000).c2s(publication(ns, EMPTY_GROUP, "application/multiparty+xml", "/circle", "")
                .command("PUT " + t), "alice starts a group chat: PUT to the empty-GUID temporary group address");
        int create = t;
        ns.after(NsClient.REPLY_MICROS).s2c(RoutedPayload.to(ns.endpoint(), GROUP).command("PUT " + create + " OK"),
                "the server names the new group in the From of its PUT OK");
        t = ns.nextTrid();
        ns.after(20_000).c2s(publication(ns, GROUP, "application/circles+xml", "/circle", roster(me)).command("PUT " + t),
                "alice joins it: a roster naming herself");
        ns.after(NsClient.REPLY_MICROS).s2c("PUT " + t + " OK 0\r\n", null);
        t = ns.nextTrid();
        ns.after(30_000).c2s(publication(ns, GROUP + ";path=IM", "application/multiparty+xml", "/circle",
                roster("1:bob@live.com")).command("PUT " + t), "alice invites bob: a roster naming him, To the group's IM path");
        ns.after(NsClient.REPLY_MICROS).s2c("PUT " + t + " OK 0\r\n", null);
        t = ns.nextTrid();
        ns.after(40_000).c2s(publication(ns, GROUP + ";path=IM", "application/multiparty+xml", "/circle",
                roster("1:carol@hotmail.com")).command("PUT " + t), "and carol");
        ns.after(NsClient.REPLY_MICROS).s2c("PUT " + t + " OK 0\r\n", null);
        ns.after(2_900_000).s2c(notification(ns.endpoint(), GROUP, 0, "/circle", "Partial", roster("1:bob@live.com"))
                .command("NFY PUT"), "bob joined (the KB's NFY PUT shape)");
        ns.after(1_700_000).s2c(notification(ns.endpoint(), GROUP, 1, "/circle", "Partial", roster("1:carol@hotmail.com"))
                .command("NFY PUT"), "carol joined");
        t = ns.nextTrid();
        ns.after(5_400_000).c2s(ChatCase.text(GROUP + ";path=IM", ns.endpoint(), null, ChatCase.FONT,
                "welcome both! saturday plan: boat at 9").command("SDG " + t), "alice writes to the group");
        ns.after(6_800_000).s2c(ChatCase.text(GROUP + ";path=IM", "1:bob@live.com;epid=" + LoginCase.BOB_EPID, null,
                ChatCase.BOB_FONT, "9 is early... ok").command("SDG 0"), "bob answers the group");
        ns.after(2_200_000).s2c(RoutedPayload.to(GROUP + ";path=IM", "1:carol@hotmail.com;epid=" + CAROL_EPID)
                .block("Messaging", "2.0").header("Message-Type", "Control/Typing").contentLength()
                .header("Content-Type", "text/x-msmsgscontrol").header("TypingUser", "carol@hotmail.com").body("\r\n")
                .command("SDG 0"), "carol is typing");
        ns.after(3_600_000).s2c(ChatCase.text(GROUP + ";path=IM", "1:carol@hotmail.com;epid=" + CAROL_EPID, null,
                "FN=Verdana; EF=I; CO=ff; CS=0; PF=22", "I can't make it, have fun").command("SDG 0"), "carol too");
        ns.after(4_000_000).s2c(notification(me, GROUP, 2, "/circle/roster(IM)/user(1:carol@hotmail.com)", "Partial", "")
                .command("NFY DEL"), "carol left the group: NFY DEL of her roster entry");
        t = ns.nextTrid();
        ns.after(25_000_000).c2s(publication(ns, GROUP, "application/circles+xml", "/circle/roster(IM)/user(" + me + ")", "")
                .command("DEL " + t), "alice leaves: DEL of her own roster entry");
        ns.after(NsClient.REPLY_MICROS).s2c("DEL " + t + " OK 0\r\n", null);

        ns.after(41_000_000).s2c(notification(ns.endpoint(), CIRCLE, 0, "/circle", "Full", "").command("NFY PUT"),
                "a circle alice belongs to comes online (Escargot: an empty Full notification)");
        t = ns.nextTrid();
        ns.after(1_200_000).c2s(publication(ns, CIRCLE, "application/circles+xml", "/circle", roster(me))
                .command("PUT " + t), "alice joins the circle's chat");
        ns.after(NsClient.REPLY_MICROS).s2c("PUT " + t + " OK 0\r\n", null);
        String full = "<circle><roster><id>IM</id><user><id>" + me + "</id></user><user><id>1:dave@live.com</id></user>"
                + "<user><id>1:erin@hotmail.com</id></user></roster><props><presence dtype=\"xml\"><Data><UTL></UTL>"
                + "<MFN>Lake crew</MFN><PSM>trip on the 14th</PSM><CurrentMedia></CurrentMedia></Data></presence></props>"
                + "</circle>";
        ns.after(40_000).s2c(RoutedPayload.to(ns.endpoint(), CIRCLE).reliability("Stream", "1").reliability("Segment", "0")
                .block("Notification", "1.0").header("NotifNum", "1").header("Uri", "/circle").header("NotifType", "Full")
                .header("Content-Type", "application/circles+xml").contentLength().body(full).command("NFY PUT"),
                "the circle's full roster (dave and erin are there) and its presence properties");
        ns.after(7_300_000).s2c(circleText(CIRCLE, "1:dave@live.com;epid=" + DAVE_EPID, "anyone bringing the grill?")
                .command("SDG 0"), "dave writes to the circle (Escargot's circle SDG: Messaging 1.0, Stream and Segment)");
        t = ns.nextTrid();
        ns.after(4_100_000).c2s(circleText(CIRCLE, ns.endpoint(), "me, and charcoal").command("SDG " + t),
                "alice answers the circle");
        ns.after(9_000_000).s2c(notification(me, CIRCLE, 2, "/circle/roster(IM)/user(1:erin@hotmail.com)", "Partial", "")
                .command("NFY DEL"), "erin leaves the circle's chat");
        ns.after(30_000_000).out("alice signs out");

        String readme = Text.fmt("""
                # msnp21-multiparty

                Multiparty conversations in MSNP21 (Windows Live Messenger 2011), where there is no switchboard
                and no CAL: groups are addresses, and membership is a `/circle` document.

                1. Temporary group (network 10): alice sends `PUT 5` To `%s` (the empty GUID), `Publication:
                   1.0`, `Content-Type: application/multiparty+xml`, `Uri: /circle`, no body; the server's `PUT
                   5 OK` has `From: %s`, the group's address. alice joins (`PUT 6`, roster `<user><id>1:alice@...`),
                   invites bob and carol (`PUT 7`, `PUT 8` To the group `;path=IM`, each roster naming one of
                   them); `NFY PUT` from the group says bob, then carol, joined. Messages go in SDG To
                   `%s;path=IM`; carol types and writes, then leaves (`NFY DEL`, `Uri:
                   /circle/roster(IM)/user(1:carol@hotmail.com)`); alice leaves with a DEL of her own entry.
                2. Circle (network 9): an empty `NFY PUT` with `NotifType: Full` from `%s` (the circle is
                   online); alice joins with a `PUT` of her roster entry; the server's full roster (alice, dave,
                   erin) with the circle's presence `<props>`; dave and alice write (Escargot's circle SDG:
                   `Stream: 0`, `Segment: 0`, `Messaging: 1.0`); erin leaves (`NFY DEL`).

                - Link: Ethernet; format: pcapng, nanosecond timestamps; clean network.
                - Flow: F1 notification server %s.

                Provenance: %s Creating, joining, inviting, "an user joined", leaving and "an user left" are the
                NINA page's multiparty examples (bodies and Content-Lengths recounted for these accounts); the
                circle's empty Full notification, full roster with `<props><presence>`, circle SDG and member
                leaving follow %s `PAYLOAD_MSG_5`..`9`, `CIRCLE_ROSTER` and `messagedata_to_sdg`
                (`front/msn/misc.py`); a roster read as joins and a Uri naming the one who left follow %s
                `OnNFYReceived`. Accounts, GUIDs and
                addresses are invented.
                """, EMPTY_GROUP, GROUP, GROUP, CIRCLE, LoginCase.NS, Refs.BLOCKS, Refs.ESCARGOT, Refs.MSNPSHARP);
        return new SampleCase("msnp21-multiparty", w.render(), Map.of(), List.of(), null, readme);
    }
}
