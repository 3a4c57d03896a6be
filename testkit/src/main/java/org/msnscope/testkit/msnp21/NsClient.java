package org.msnscope.testkit.msnp21;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.msnscope.testkit.p2p.ScenarioWriter;
import org.msnscope.testkit.p2p.Wire;

/**
 * One MSNP21 client's notification-server connection in a scenario: its account and endpoint, its TrIDs,
 * its clock (microseconds on the scenario's clock) and the lines both sides send on it. With no
 * switchboard, everything a sample shows travels here.
 */
public final class NsClient {
    /** The WLM 2011 build in CVR (KB_MSNP21's login). */
    public static final String BUILD = "15.4.3502.0922";
    /** Time the server takes to answer a command. */
    public static final long REPLY_MICROS = 84_000;

    private final ScenarioWriter w;
    private final String account;
    private final String nick;
    private final String epid;
    private ScenarioWriter.Conn conn;
    private int trid;
    private long now;

    /** @param epid the machine GUID with its braces, lower case */
    public NsClient(ScenarioWriter w, String account, String nick, String epid) {
        this.w = w;
        this.account = account;
        this.nick = nick;
        this.epid = epid;
    }

    public String account() {
        return account;
    }

    public String nick() {
        return nick;
    }

    public String epid() {
        return epid;
    }

    /** {@code 1:account} */
    public String address() {
        return "1:" + account;
    }

    /** {@code 1:account;epid={guid}} */
    public String endpoint() {
        return address() + ";epid=" + epid;
    }

    /** Declares the connection; the clock starts at its SYN. */
    public NsClient connect(String name, String client, String server, long atMicros, String comment) {
        conn = w.conn(name, client, server, atMicros, comment);
        now = atMicros;
        return this;
    }

    public long now() {
        return now;
    }

    public NsClient after(long micros) {
        now += micros;
        return this;
    }

    /** Sets the clock (never backwards). */
    public NsClient at(long micros) {
        now = Math.max(now, micros);
        return this;
    }

    public int nextTrid() {
        return ++trid;
    }

    /** A line at a given time, without moving the clock (the server relaying what another client sent). */
    public void send(long atMicros, boolean c2s, Wire data, String comment) {
        w.send(conn, atMicros, c2s, data, comment);
    }

    public void c2s(Wire data, String comment) {
        w.send(conn, now, true, data, comment);
    }

    public void s2c(Wire data, String comment) {
        w.send(conn, now, false, data, comment);
    }

    public void c2s(String text, String comment) {
        c2s(Wire.text(text), comment);
    }

    public void s2c(String text, String comment) {
        s2c(Wire.text(text), comment);
    }

    /** The client closes the connection after OUT. */
    public void out(String comment) {
        c2s("OUT\r\n", comment);
        w.close(conn, now + 2_000, true, true, null);
    }

    /** The base64 {@code Version: 1\r\nXfrCount: n\r\n} of CVR and XFR (KB_MSNP21). */
    public static String xfrCount(int n) {
        return Base64.getEncoder().encodeToString(("Version: 1\r\nXfrCount: " + n + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@link #signIn(int, String, String, String)} with a ticket, nonce and response made up from {@code seed}
     * (the same on every machine: {@link java.util.Random} is specified).
     */
    public void signIn(int xfrCount, long seed) {
        java.util.Random r = new java.util.Random(seed);
        signIn(xfrCount, "t=" + invented(r, 54) + "&p=", invented(r, 72), invented(r, 33));
    }

    private static String invented(java.util.Random r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * The MSNP21 sign-in on a notification server: VER offering MSNP21..MSNP17, CVR with the XfrCount blob,
     * USR SSO I, the server's SSO S policy and nonce, the client's SSO S ticket, response and machine GUID,
     * USR OK. The ticket and response are invented (SSO is not what these samples show).
     */
    private void signIn(int xfrCount, String ticket, String nonce, String response) {
        int t = nextTrid();
        c2s("VER " + t + " MSNP21 MSNP20 MSNP19 MSNP18 MSNP17 CVR0\r\n", "version negotiation: WLM 2011 offers MSNP21 down to MSNP17");
        after(REPLY_MICROS);
        s2c("VER " + t + " MSNP21\r\n", null);
        after(2_000);
        t = nextTrid();
        c2s("CVR " + t + " 0x0409 winnt 6.1.0 i386 MSNMSGR " + BUILD + " MSNMSGR " + account + " " + xfrCount(xfrCount)
                + "\r\n", "CVR with the base64 hop counter (Version: 1, XfrCount: " + xfrCount + ")");
        after(REPLY_MICROS);
        s2c("CVR " + t + " 15.4.3502 15.4.3502 15.4.3502 http://msgr.dlservice.microsoft.com/download/wlm2011/wlsetup-web.exe"
                + " http://explore.live.com/windows-live-messenger\r\n", null);
        after(2_000);
        t = nextTrid();
        c2s("USR " + t + " SSO I " + account + "\r\n", null);
        after(REPLY_MICROS);
        s2c("USR " + t + " SSO S MBI_KEY_OLD " + nonce + "\r\n", null);
        after(1_400_000);
        t = nextTrid();
        c2s("USR " + t + " SSO S " + ticket + " " + response + " " + epid + "\r\n",
                "SSO answer with the machine GUID appended (as from MSNP18)");
        after(REPLY_MICROS + 90_000);
        s2c("USR " + t + " OK " + account + " 1 0\r\n", null);
    }
}
