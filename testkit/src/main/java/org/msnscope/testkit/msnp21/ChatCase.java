package org.msnscope.testkit.msnp21;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.msnscope.testkit.p2p.SampleCase;
import org.msnscope.testkit.p2p.ScenarioWriter;
import org.msnscope.testkit.p2p.Text;

/** {@code msnp21-sdg-chat}: a one-to-one chat without a switchboard, all of it in SDG on the notification server. */
final class ChatCase {
    private ChatCase() {
    }

    static final String FONT = "FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0";
    static final String BOB_FONT = "FN=Calibri; EF=B; CO=800000; CS=0; PF=22";
    static final String FACEBOOK = "13:1065663773;via=14:fb";

    /** A message as the KB writes the client's SDG: To, From (with the endpoint), Messaging 2.0. */
    static RoutedPayload text(String to, String from, String serviceChannel, String font, String text) {
        RoutedPayload p = RoutedPayload.to(to, from);
        if (serviceChannel != null) {
            p.routing("Service-Channel", serviceChannel);
        }
        return p.block("Messaging", "2.0").header("Message-Type", "Text").contentLength()
                .header("Content-Type", "text/plain; charset=UTF-8").header("X-MMS-IM-Format", font).body(text);
    }

    static SampleCase chat() {
        ScenarioWriter w = new ScenarioWriter(Instant.parse("2011-04-02T17:48:12.905117Z"));
        w.header("MSNP21 (Windows Live Messenger 2011): a chat with no switchboard. Messages, typing and nudges travel");
        w.header("in SDG on the notification server, addressed by the routing headers: typing in both documented forms");
        w.header("(Control/Typing, and Control with Message-Subtype Typing), text with X-MMS-IM-Format, nudges, a");
        w.header("Signal/CloseIMWindow from the account's other endpoint, and a Facebook contact (13:...;via=14:fb).");
        w.header("Dialogue after the NINA MSNP21 page (KB_MSNP21), MSNPSharp, Escargot and AnyEvent::MSN.");
        w.option("seed", "2102");
        w.option("format", "pcap");
        NsClient ns = LoginCase.alice(w, "10.20.0.7:50318", 2102);
        ns.after(700_000).s2c(LoginCase.userNotification(ns.address(), "1:bob@live.com", 0, "Partial",
                "<user><s n=\"IM\"><Status>NLN</Status></s><s n=\"PE\"><FriendlyName>Bob</FriendlyName><PSM></PSM></s>"
                        + "<sep n=\"IM\" epid=\"" + LoginCase.BOB_EPID + "\"><Capabilities>" + LoginCase.CAPS
                        + "</Capabilities></sep></user>").command("NFY PUT"), "bob is online");
        String bob = "1:bob@live.com;epid=" + LoginCase.BOB_EPID;
        ns.after(9_500_000).s2c(RoutedPayload.to("alice@hotmail.com", bob).block("Messaging", "2.0").contentLength()
                .header("Content-Type", "text/x-msmsgscontrol").header("Content-Transfer-Encoding", "7bit")
                .header("Message-Type", "Control").header("Message-Subtype", "Typing").header("MIME-Version", "1.0")
                .header("TypingUser", "bob@live.com").body("\r\n").command("SDG 0"),
                "bob is typing, in the form Escargot writes: Message-Type Control, Message-Subtype Typing, a To without"
                        + " network prefix");
        ns.after(3_100_000).s2c(text("1:alice@hotmail.com", bob, null, BOB_FONT,
                "hey! are you still coming to the marina tonight?").command("SDG 0"),
                "bob's message, relayed as his client wrote it (the KB's SDG form)");
        int t = ns.nextTrid();
        ns.after(2_400_000).c2s(RoutedPayload.to("1:bob@live.com", ns.endpoint()).block("Messaging", "2.0")
                .header("Message-Type", "Control/Typing").contentLength().header("Content-Type", "text/x-msmsgscontrol")
                .header("TypingUser", "alice@hotmail.com").body("\r\n").command("SDG " + t),
                "alice is typing: Message-Type Control/Typing (MSNPSharp, AnyEvent::MSN)");
        t = ns.nextTrid();
        ns.after(4_600_000).c2s(text("1:bob@live.com", ns.endpoint(), "IM/Online", FONT,
                "yes! 7 at the marina \uD83D\uDEA4\r\nbring the map, the harbour moved").command("SDG " + t),
                "alice answers: Service-Channel IM/Online, an emoji and a CRLF inside the text");
        ns.after(5_300_000).s2c(RoutedPayload.to("1:alice@hotmail.com", bob).block("Messaging", "2.0").contentLength()
                .header("Content-Type", "Text/plain; charset=UTF-8").header("Content-Transfer-Encoding", "7bit")
                .header("Message-Type", "Nudge").header("MIME-Version", "1.0").body("ID: 1\r\n\r\n").command("SDG 0"),
                "bob nudges alice (Message-Type Nudge, Escargot's headers)");
        t = ns.nextTrid();
        ns.after(1_900_000).c2s(RoutedPayload.to("1:bob@live.com", ns.endpoint()).block("Messaging", "2.0")
                .header("Message-Type", "Nudge").contentLength().header("Content-Type", "text/x-msnmsgr-datacast")
                .body("ID: 1\r\n\r\n").command("SDG " + t), "alice nudges back, with the datacast content type");
        ns.after(8_000_000).s2c(RoutedPayload.to("1:alice@hotmail.com", "1:alice@hotmail.com;epid="
                + LoginCase.ALICE_LAPTOP).routing("Options", "0").routing("Service-Channel", "PD")
                .block("Messaging", "2.0").header("Message-Type", "Signal/CloseIMWindow")
                .header("Content-Type", "text/plain; charset=UTF-8").contentLength()
                .body("1:alice@hotmail.com/1:bob@live.com").command("SDG 0"),
                "alice's laptop closed its window on the chat with bob: Signal/CloseIMWindow between her own endpoints");
        t = ns.nextTrid();
        ns.after(20_000_000).c2s(text(FACEBOOK, ns.endpoint(), null,
                "FN=%E5%BE%AE%E8%BD%AF%E9%9B%85%E9%BB%91; EF=; CO=80; CS=86; PF=22", "are you at the party?")
                .command("SDG " + t), "alice writes to a Facebook contact: 13 (Connect) via the 14:fb gateway");
        ns.after(6_200_000).s2c(text("1:alice@hotmail.com", FACEBOOK, null, "FN=Arial; EF=; CO=0; CS=0; PF=0",
                "on my way, 10 min").command("SDG 0"), "the Facebook contact answers through the gateway");
        ns.after(30_000_000).out("alice signs out");

        String readme = Text.fmt("""
                # msnp21-sdg-chat

                An MSNP21 (Windows Live Messenger 2011) chat between alice@hotmail.com and bob@live.com with no
                switchboard: after the sign-in (as in `msnp21-login-presence`, without the dispatch server) and
                bob's NFY PUT, everything is `SDG` on the notification server. The client's SDG carries its
                TrID (`SDG 8 len`), the server's `SDG 0 len`. The conversation is known by its two accounts.

                1. bob is typing: `Message-Type: Control` with `Message-Subtype: Typing`, `TypingUser`, a body of
                   CRLF, and `To: alice@hotmail.com` with no network prefix, as Escargot writes it.
                2. bob's text in the KB's SDG form (`Messaging: 2.0`, `Message-Type: Text`, Content-Length before
                   Content-Type, X-MMS-IM-Format).
                3. alice is typing: `Message-Type: Control/Typing` (MSNPSharp, AnyEvent::MSN).
                4. alice answers with `Service-Channel: IM/Online` in the Routing block, an emoji and a CRLF in
                   the text.
                5. bob nudges (`Message-Type: Nudge`, body `ID: 1`); alice nudges back with the datacast content
                   type.
                6. `Signal/CloseIMWindow` from alice's laptop (%s) to her account, body
                   `1:alice@hotmail.com/1:bob@live.com`: between her own endpoints, so in no conversation.
                7. alice and a Facebook contact, `13:1065663773;via=14:fb`, exchange a message each.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flow: F1 notification server %s.

                Provenance: %s The SDG text, the Facebook contact's address and the CloseIMWindow message are the
                NINA page's examples (the Facebook example's Content-Length, 21 for a 30-byte text, is recounted
                here); the typing and nudge forms written by the server follow %s `messagedata_to_sdg`
                (`front/msn/misc.py`); `Control/Typing`, `Nudge` and `IM/Online` follow %s `_handle_packet_sdg`
                and %s `OnSDGReceived`. Accounts, GUIDs, tickets and addresses are invented.
                """, LoginCase.ALICE_LAPTOP, LoginCase.NS, Refs.BLOCKS, Refs.ESCARGOT, Refs.ANYEVENT, Refs.MSNPSHARP);
        return new SampleCase("msnp21-sdg-chat", w.render(), Map.of(), List.of(), null, readme);
    }
}
