package org.msnscope.testkit.p2p;

import org.msnscope.testkit.msnp21.NsClient;
import org.msnscope.testkit.msnp21.RoutedPayload;

/**
 * Two MSNP21 clients, each on its own notification-server connection, talking in {@code SDG}: what one
 * sends as {@code SDG trid len} the server relays to the other as {@code SDG 0 len}, a relay delay later,
 * with the same payload. P2P goes the way MSNPSharp's {@code SDGBridge} sends it: {@code Message-Type:
 * Data}, {@code Content-Type: application/x-msnmsgrp2p}, binary, {@code Pipe} and {@code Bridging-Offsets},
 * the P2Pv2 message with its footer; MSNSLP text as {@code Message-Type: Signal/P2P}.
 */
final class SdgChat implements P2pCarrier {
    static final String NS = "65.54.49.236:1863";

    private final Party a;
    private final Party b;
    private final NsClient na;
    private final NsClient nb;
    private long now;
    private int aPipe;
    private int bPipe;

    SdgChat(ScenarioWriter w, Party a, Party b) {
        this.a = a;
        this.b = b;
        this.na = new NsClient(w, a.email(), a.nick(), a.endpoint());
        this.nb = new NsClient(w, b.email(), b.nick(), b.endpoint());
    }

    @Override
    public Party a() {
        return a;
    }

    @Override
    public Party b() {
        return b;
    }

    @Override
    public SdgChat after(long micros) {
        now += micros;
        return this;
    }

    long now() {
        return now;
    }

    private NsClient ns(Party p) {
        return p == a ? na : nb;
    }

    private Party other(Party p) {
        return p == a ? b : a;
    }

    /** {@code 1:email;epid={guid}} */
    static String address(Party p) {
        return "1:" + p.email() + ";epid=" + p.endpoint();
    }

    /** Both clients sign in (b a little later) and each is told the other is online, with its display picture. */
    void open(long atMicros, String aTile, String bTile) {
        now = atMicros;
        na.connect("ns_" + Chat.name(a), a.ip() + ":" + a.sbPort(), NS, now, Chat.name(a) + "'s notification server connection");
        na.signIn(2, 2104_1L);
        nb.connect("ns_" + Chat.name(b), b.ip() + ":" + b.sbPort(), NS, now + 1_350_000, Chat.name(b)
                + "'s notification server connection");
        nb.signIn(2, 2104_2L);
        now = Math.max(na.now(), nb.now()) + 400_000;
        tellOnline(nb, a, aTile);
        tellOnline(na, b, bTile);
        now += 200_000;
    }

    private void tellOnline(NsClient to, Party who, String tile) {
        String xml = "<user><s n=\"IM\"><Status>NLN</Status><CurrentMedia></CurrentMedia></s><s n=\"PE\"><UserTileLocation>"
                + tile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                + "</UserTileLocation><FriendlyName>" + who.nick() + "</FriendlyName><PSM></PSM></s><sep n=\"IM\" epid=\""
                + who.endpoint() + "\"><Capabilities>2955186480:2609258384</Capabilities></sep></user>";
        to.send(now, false, RoutedPayload.to(to.address(), "1:" + who.email()).block("Notification", "1.0")
                .header("NotifNum", "0").header("Uri", "/user").header("NotifType", "Partial")
                .header("Content-Type", "application/user+xml").contentLength().body(xml).command("NFY PUT"),
                Chat.name(who) + " is online, with the MSNObject of the display picture");
    }

    /** {@code from} sends the payload in SDG; the other client gets it relayed. */
    private void sdg(Party from, RoutedPayload payload, String comment) {
        NsClient src = ns(from);
        NsClient dst = ns(other(from));
        int trid = src.nextTrid();
        src.send(now, true, payload.command("SDG " + trid), comment);
        dst.send(now + Chat.RELAY_MICROS, false, payload.command("SDG 0"), null);
    }

    /** {@code from} types, then says {@code text} {@code typingMicros} later. */
    void say(Party from, String text, String font, long typingMicros) {
        sdg(from, RoutedPayload.to("1:" + other(from).email(), address(from)).block("Messaging", "2.0")
                .header("Message-Type", "Control/Typing").contentLength().header("Content-Type", "text/x-msmsgscontrol")
                .header("TypingUser", from.email()).body("\r\n"), Chat.name(from) + " is typing");
        after(typingMicros);
        sdg(from, RoutedPayload.to("1:" + other(from).email(), address(from)).routing("Service-Channel", "IM/Online")
                .block("Messaging", "2.0").header("Message-Type", "Text").contentLength()
                .header("Content-Type", "text/plain; charset=UTF-8").header("X-MMS-IM-Format", font).body(text),
                Chat.name(from) + " says: " + text);
    }

    @Override
    public void p2p(Party from, Wire p2pPayload, String comment) {
        int pipe = from == a ? ++aPipe : ++bPipe;
        sdg(from, RoutedPayload.to(address(other(from)), address(from)).routing("Service-Channel", "PE")
                .routing("Options", "0").block("Messaging", "2.0").contentLength()
                .header("Content-Type", "application/x-msnmsgrp2p").header("Content-Transfer-Encoding", "binary")
                .header("Message-Type", "Data").header("Pipe", Integer.toString(pipe)).header("Bridging-Offsets", "0")
                .body(p2pPayload), comment);
    }

    /** An MSNSLP message as text in {@code Message-Type: Signal/P2P} (no P2P header, no closing NUL). */
    void signal(Party from, SlpMessage m, String comment) {
        sdg(from, RoutedPayload.to(address(other(from)), address(from)).routing("Service-Channel", "PE")
                .routing("Options", "0").block("Messaging", "2.0").contentLength()
                .header("Content-Type", "text/plain; charset=UTF-8").header("Message-Type", "Signal/P2P")
                .body(m.headText() + m.bodyText()), comment);
    }

    /** Both clients sign out, {@code first} first. */
    void close(Party first, long gapMicros) {
        ns(first).at(now).out(Chat.name(first) + " signs out");
        after(gapMicros);
        ns(other(first)).at(now).out(Chat.name(other(first)) + " signs out");
    }
}
