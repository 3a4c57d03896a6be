package org.msnscope.testkit.p2p;

import java.util.ArrayList;
import java.util.List;

/**
 * A switchboard session between two parties, seen on both clients' connections to the same server:
 * {@code a} opens it (USR, CAL, JOI), {@code b} answers an RNG (ANS, IRO). Every MSG a client sends
 * (client syntax {@code MSG trid ack len}) reaches the other one a relay delay later in the server
 * syntax ({@code MSG email nick len}). Times are microseconds on the scenario's clock.
 */
public final class Chat implements P2pCarrier {
    /** Time the server takes to relay a message from one client to the other. */
    public static final long RELAY_MICROS = 41_000;
    /** Time the server takes to answer a command. */
    public static final long REPLY_MICROS = 88_000;

    /** The switchboard protocol generation: what USR, IRO, JOI and BYE look like. */
    public enum Dialect {
        /** MSNP2 to MSNP11: plain handles, no capabilities on IRO/JOI. */
        CLASSIC,
        /** MSNP18: {@code handle;{guid}} endpoints, capabilities on IRO/JOI, one line per endpoint. */
        MPOP
    }

    public static final String SERVER = "207.46.108.37:1863";
    static final String CAPS_MSNP18 = "2789003324:48";

    private final ScenarioWriter w;
    private final Dialect dialect;
    private final Party a;
    private final Party b;
    private ScenarioWriter.Conn aConn;
    private ScenarioWriter.Conn bConn;
    private int aTrid;
    private int bTrid;
    private long now;
    /** False when only {@code a}'s connection is in the capture: {@code b}'s messages appear as relayed. */
    private boolean bCaptured = true;

    public Chat(ScenarioWriter w, Dialect dialect, Party a, Party b) {
        this.w = w;
        this.dialect = dialect;
        this.a = a;
        this.b = b;
    }

    public long now() {
        return now;
    }

    /** Moves the clock forward. */
    @Override
    public Chat after(long micros) {
        now += micros;
        return this;
    }

    @Override
    public Party a() {
        return a;
    }

    @Override
    public Party b() {
        return b;
    }

    /**
     * Declares both connections and plays the start: {@code a} signs in to the switchboard with its XFR
     * cookie and calls {@code b}; {@code b} answers its RNG with ANS and gets IRO; {@code a} gets JOI.
     */
    public void open(long atMicros, String xfrCookie, String rngCookie, String sessionId) {
        now = atMicros;
        aConn = w.conn("sb_" + name(a), a.ip() + ":" + a.sbPort(), SERVER, now,
                name(a) + "'s switchboard connection (XFR SB cookie)");
        bConn = w.conn("sb_" + name(b), b.ip() + ":" + b.sbPort(), SERVER, now + 1_650_000,
                name(b) + "'s switchboard connection (RNG, ANS)");
        aTrid = 1;
        line(aConn, true, "USR " + aTrid + " " + a.handle() + " " + xfrCookie + "\r\n",
                name(a) + " signs in to the switchboard with the XFR SB cookie");
        after(REPLY_MICROS);
        line(aConn, false, "USR " + aTrid + " OK " + a.handle() + " " + a.nick() + "\r\n", null);
        aTrid++;
        after(3_000);
        line(aConn, true, "CAL " + aTrid + " " + b.email() + "\r\n", name(a) + " invites " + name(b));
        after(REPLY_MICROS);
        line(aConn, false, "CAL " + aTrid + " RINGING " + sessionId + "\r\n", null);
        aTrid++;
        now = bConn.startMicros + 2_000;
        bTrid = 1;
        line(bConn, true, "ANS " + bTrid + " " + b.handle() + " " + rngCookie + " " + sessionId + "\r\n",
                name(b) + " answers the RNG from its notification server");
        after(REPLY_MICROS);
        StringBuilder iro = new StringBuilder();
        List<String> aHandles = handles(a);
        for (int i = 0; i < aHandles.size(); i++) {
            iro.append("IRO ").append(bTrid).append(' ').append(i + 1).append(' ').append(aHandles.size()).append(' ')
                    .append(aHandles.get(i)).append(' ').append(a.nick()).append(caps()).append("\r\n");
        }
        iro.append("ANS ").append(bTrid).append(" OK\r\n");
        line(bConn, false, iro.toString(), "the roster: " + name(a) + (aHandles.size() > 1 ? ", plain and with its endpoint" : ""));
        bTrid++;
        after(1_000);
        StringBuilder joi = new StringBuilder();
        for (String h : handles(b)) {
            joi.append("JOI ").append(h).append(' ').append(b.nick()).append(caps()).append("\r\n");
        }
        line(aConn, false, joi.toString(), name(b) + " joins");
    }

    /**
     * Declares only {@code a}'s connection and plays its start: USR with the XFR cookie, CAL, and the JOI
     * once {@code b} has answered its RNG. {@code b}'s own connection is not captured, so everything
     * {@code b} sends shows up only as the server relays it to {@code a}.
     */
    public void openOneSide(long atMicros, String xfrCookie, String sessionId) {
        bCaptured = false;
        now = atMicros;
        aConn = w.conn("sb_" + name(a), a.ip() + ":" + a.sbPort(), SERVER, now,
                name(a) + "'s switchboard connection (XFR SB cookie); " + name(b) + "'s is not captured");
        aTrid = 1;
        bTrid = 1;
        line(aConn, true, "USR " + aTrid + " " + a.handle() + " " + xfrCookie + "\r\n",
                name(a) + " signs in to the switchboard with the XFR SB cookie");
        after(REPLY_MICROS);
        line(aConn, false, "USR " + aTrid + " OK " + a.handle() + " " + a.nick() + "\r\n", null);
        aTrid++;
        after(3_000);
        line(aConn, true, "CAL " + aTrid + " " + b.email() + "\r\n", name(a) + " invites " + name(b));
        after(REPLY_MICROS);
        line(aConn, false, "CAL " + aTrid + " RINGING " + sessionId + "\r\n", null);
        aTrid++;
        after(1_650_000);
        StringBuilder joi = new StringBuilder();
        for (String h : handles(b)) {
            joi.append("JOI ").append(h).append(' ').append(b.nick()).append(caps()).append("\r\n");
        }
        line(aConn, false, joi.toString(), name(b) + " answered the RNG on his own connection and joins");
    }

    private List<String> handles(Party p) {
        List<String> out = new ArrayList<>();
        out.add(p.email());
        if (dialect == Dialect.MPOP && p.endpoint() != null) {
            out.add(p.handle());
        }
        return out;
    }

    private String caps() {
        return dialect == Dialect.MPOP ? " " + CAPS_MSNP18 : "";
    }

    static String name(Party p) {
        return p.email().substring(0, p.email().indexOf('@'));
    }

    private void line(ScenarioWriter.Conn c, boolean c2s, String text, String comment) {
        w.send(c, now, c2s, Wire.text(text), comment);
    }

    /** The party's connection, or null when it is not captured. */
    private ScenarioWriter.Conn conn(Party p) {
        return p == a ? aConn : bCaptured ? bConn : null;
    }

    private int nextTrid(Party p) {
        return p == a ? aTrid++ : bTrid++;
    }

    private Party other(Party p) {
        return p == a ? b : a;
    }

    /**
     * {@code from} sends a MSG with ack mode {@code ackMode} and MIME body {@code body}; the other side
     * gets it a relay delay later. Mode A is answered with ACK. The clock ends at the send time. Only
     * the captured connections get lines; the comment goes on the first one.
     */
    public void msg(Party from, char ackMode, Wire body, String comment) {
        int trid = nextTrid(from);
        int len = body.length();
        ScenarioWriter.Conn src = conn(from);
        ScenarioWriter.Conn dst = conn(other(from));
        if (src != null) {
            w.send(src, now, true, Wire.text("MSG " + trid + " " + ackMode + " " + len + "\r\n").then(body), comment);
            comment = null;
        }
        if (dst != null) {
            w.send(dst, now + RELAY_MICROS, false,
                    Wire.text("MSG " + from.email() + " " + from.nick() + " " + len + "\r\n").then(body), comment);
        }
        if (ackMode == 'A' && src != null) {
            w.send(src, now + REPLY_MICROS, false, Wire.text("ACK " + trid + "\r\n"), null);
        }
    }

    /**
     * Several P2P messages (ack mode D) that {@code from} writes at once: on each captured connection they
     * form one data line, so TCP cuts them into segments that start and end inside messages.
     */
    public void p2pBatch(Party from, List<Wire> p2pPayloads, String comment) {
        List<Wire> client = new ArrayList<>();
        List<Wire> server = new ArrayList<>();
        for (Wire p : p2pPayloads) {
            Wire body = Wire.text(p2pHead(from)).then(p);
            int len = body.length();
            client.add(Wire.text("MSG " + nextTrid(from) + " D " + len + "\r\n").then(body));
            server.add(Wire.text("MSG " + from.email() + " " + from.nick() + " " + len + "\r\n").then(body));
        }
        ScenarioWriter.Conn src = conn(from);
        ScenarioWriter.Conn dst = conn(other(from));
        if (src != null) {
            w.send(src, now, true, Wire.of(client.toArray(new Wire[0])), comment);
            comment = null;
        }
        if (dst != null) {
            w.send(dst, now + RELAY_MICROS, false, Wire.of(server.toArray(new Wire[0])), comment);
        }
    }

    /** A typing notification, then a text message a moment later. */
    public void say(Party from, String text, String font, long typingMicros) {
        String typing = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: " + from.email()
                + "\r\n\r\n\r\n";
        msg(from, 'U', Wire.text(typing), name(from) + " is typing");
        after(typingMicros);
        String body = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: " + font
                + "\r\n\r\n" + text;
        msg(from, 'A', Wire.text(body), name(from) + " says: " + text.replace("\r\n", " "));
    }

    /** The MIME head of a P2P message from {@code from} to the other party (P2P-Src only with endpoints). */
    public String p2pHead(Party from) {
        Party to = other(from);
        StringBuilder h = new StringBuilder("MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\n");
        h.append("P2P-Dest: ").append(to.handle()).append("\r\n");
        if (dialect == Dialect.MPOP) {
            h.append("P2P-Src: ").append(from.handle()).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    /** A P2P message (ack mode D): the MIME head, then the binary header, payload and footer. */
    @Override
    public void p2p(Party from, Wire p2pPayload, String comment) {
        msg(from, 'D', Wire.text(p2pHead(from)).then(p2pPayload), comment);
    }

    /**
     * The end: {@code leaver} sends OUT and closes; the other gets BYE (per endpoint, then the plain
     * handle, with endpoints), then sends OUT and closes too. Connections not captured are skipped.
     */
    public void close(Party leaver, long stayMicros) {
        Party stayer = other(leaver);
        ScenarioWriter.Conn lc = conn(leaver);
        ScenarioWriter.Conn sc = conn(stayer);
        if (lc != null) {
            line(lc, true, "OUT\r\n", name(leaver) + " closes the conversation window");
            w.close(lc, now + 2_000, true, true, null);
        }
        after(RELAY_MICROS);
        if (sc == null) {
            return;
        }
        StringBuilder bye = new StringBuilder();
        List<String> hs = handles(leaver);
        for (int i = hs.size() - 1; i >= 0; i--) {
            bye.append("BYE ").append(hs.get(i)).append("\r\n");
        }
        line(sc, false, bye.toString(), name(leaver) + (lc == null ? " closes the conversation window and" : "")
                + " has left");
        after(stayMicros);
        line(sc, true, "OUT\r\n", null);
        w.close(sc, now + 2_000, true, true, null);
    }
}
