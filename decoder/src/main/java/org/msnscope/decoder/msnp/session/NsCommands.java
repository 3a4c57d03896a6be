package org.msnscope.decoder.msnp.session;

import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.msnp.command.Address;
import org.msnscope.decoder.msnp.command.ClientCaps;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.command.MsnObject;
import org.msnscope.decoder.msnp.mime.Text;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Dispatch and notification server commands: login (VER, CVR, USR), redirects and switchboard
 * announcements (XFR, RNG), presence (CHG, ILN, NLN, FLN, UUX, UBX, PRP, REA), NS messages and
 * OUT. Contact lists are {@link ContactCommands}. Every command also narrows the version
 * (docs/msnp.md, "Version inference").
 */
final class NsCommands {
    private NsCommands() {
    }

    static void handle(Connection conn, Command c) {
        Version v = conn.version;
        switch (c.verb()) {
            case "VER" -> {
                if (!c.fromClient()) {
                    int best = 0;
                    for (int i = 0; i < c.argc(); i++) {
                        best = Math.max(best, Version.parse(c.arg(i)));
                    }
                    if (best > 0) {
                        v.negotiated(best);
                    }
                }
            }
            case "CVR" -> {
                // CVR trid locale os osver arch client clientver MSMSGS [account (MSNP8+)]
                if (c.fromClient() && c.argc() >= 6) {
                    conn.clientVersion = c.arg(4) + " " + c.arg(5);
                    if (c.argc() >= 8) {
                        v.atLeast(8);
                        provisional(conn, c.arg(7));
                    }
                }
            }
            case "INF" -> v.atMost(7);
            case "USR" -> usr(conn, c);
            case "XFR" -> xfr(conn, c);
            case "RNG" -> rng(conn, c);
            case "CHG" -> {
                // CHG trid status [caps] [msnobj]
                if (!c.fromClient() && c.argc() >= 1) {
                    String caps = c.arg(1);
                    String obj = c.arg(2);
                    bound(v, caps, obj);
                    presence(conn, conn.account, c.arg(0), null, caps, obj, null, null, null, "CHG");
                }
            }
            case "ILN", "NLN" -> statusLine(conn, c);
            case "FLN" -> {
                if (c.argc() >= 1) {
                    Address a = Address.parse(c.arg(0));
                    if (a.network() != null) {
                        v.atLeast(16);
                    }
                    presence(conn, a.user(), "FLN", null, c.arg(1), null, null, null, a.network(), "FLN");
                }
            }
            case "UBX" -> {
                // UBX account [network] length
                if (!c.fromClient() && c.argc() >= 2) {
                    v.atLeast(11);
                    Address a = Address.parse(c.arg(0));
                    String network = a.network() != null ? a.network() : c.argc() >= 3 ? c.arg(1) : null;
                    personal(conn, c, a.user(), network);
                }
            }
            case "UUX" -> {
                v.atLeast(11);
                if (c.fromClient()) {
                    personal(conn, c, conn.account, null);
                }
            }
            case "PRP" -> {
                // PRP [trid] [ver] MFN name (the friendly name of the account); other properties are phone numbers
                int i = c.indexOf("MFN");
                if (!c.fromClient() && i >= 0 && i + 1 < c.argc()) {
                    presence(conn, conn.account, null, c.arg(i + 1), null, null, null, null, null, "PRP");
                }
            }
            case "REA" -> {
                // REA trid ver account name (MSNP2-9)
                v.atMost(9);
                if (!c.fromClient() && c.argc() >= 3) {
                    presence(conn, Address.parse(c.arg(1)).user(), null, c.arg(2), null, null, null, null, null, "REA");
                }
            }
            case "QNG" -> {
                if (c.argc() >= 1) {
                    v.atLeast(9);
                }
            }
            case "SYN" -> v.atMost(12);
            case "ADC" -> v.atLeast(10);
            case "ADL", "RML" -> v.atLeast(13);
            case "UUN", "UBN" -> v.atLeast(13);
            case "FQY", "UUM", "UBM" -> v.atLeast(14);
            case "GCF" -> v.atLeast(10);
            case "SBS" -> v.atLeast(11);
            case "SDG", "NFY", "PUT", "DEL" -> Routed.handle(conn, c);
            case "MSG" -> {
                if (!c.fromClient()) {
                    Messages.emit(conn, c, c.arg(0), conn.account != null ? List.of(conn.account) : List.of(), null);
                }
            }
            case "OUT" -> conn.endReason = c.argc() > 0 ? "out_" + c.arg(0).toLowerCase(java.util.Locale.ROOT) : "out";
            default -> { }
        }
        ContactCommands.handle(conn, c);
    }

    private static void provisional(Connection conn, String who) {
        if (who != null && who.indexOf('@') > 0 && conn.account == null) {
            conn.account = Address.parse(who).user();
        }
    }

    /** USR: MD5 (MSNP2-7), TWN (MSNP8-14) or SSO (MSNP15+) stages, and OK with the account. */
    private static void usr(Connection conn, Command c) {
        Version v = conn.version;
        String pkg = c.arg(0);
        if (c.fromClient()) {
            if ("MD5".equals(pkg)) {
                v.atMost(7);
            } else if ("TWN".equals(pkg)) {
                v.atLeast(8);
            } else if ("SSO".equals(pkg)) {
                v.atLeast(15);
            }
            conn.authStarted = true;
            if ("I".equals(c.arg(1))) {
                provisional(conn, c.arg(2));
            }
            return;
        }
        if ("OK".equals(pkg) && c.argc() >= 2) {
            if (conn.role == Role.UNKNOWN) {
                return;
            }
            Address a = Address.parse(c.arg(1));
            conn.learnAccount(a.user(), false);
            if (!conn.sessionStarted) {
                conn.startSession();
            }
            // MSNP2-9: USR trid OK account friendlyname [verified 0]; MSNP10+: USR trid OK account verified 0
            String third = c.arg(2);
            if (third != null && !(v.guess() >= 10 && (third.equals("0") || third.equals("1")))) {
                presence(conn, a.user(), null, third, null, null, null, null, null, "USR");
            }
        } else if (("TWN".equals(pkg) || "SSO".equals(pkg)) && "S".equals(c.arg(1))) {
            v.atLeast("SSO".equals(pkg) ? 15 : 8);
        } else if ("MD5".equals(pkg)) {
            v.atMost(7);
        }
    }

    /** XFR trid NS host:port 0 current (DS redirect) or XFR trid SB host:port CKI cookie [...] */
    private static void xfr(Connection conn, Command c) {
        if (!c.fromClient() && ("SB".equals(c.arg(0)) || "NS".equals(c.arg(0)))) {
            org.msnscope.decoder.PortWatcher.announce(conn.layer.ports, c.arg(1), "XFR " + c.arg(0));
        }
        if (c.fromClient() || !"SB".equals(c.arg(0))) {
            return;
        }
        if (c.argc() < 4) {
            conn.anomaly(AnomalyCode.MSNP_MALFORMED_COMMAND, "s2c: XFR SB with " + c.argc()
                    + " arguments at stream offset " + c.streamOffset() + " (expected host:port CKI cookie)");
            return;
        }
        expect(conn, c.arg(3), null, null, null, false);
    }

    /** RNG sessid host:port CKI cookie caller callername [U messenger.msn.com [1]] */
    private static void rng(Connection conn, Command c) {
        if (c.fromClient()) {
            return;
        }
        org.msnscope.decoder.PortWatcher.announce(conn.layer.ports, c.arg(1), "RNG");
        if (c.argc() < 6) {
            conn.anomaly(AnomalyCode.MSNP_MALFORMED_COMMAND, "s2c: RNG with " + c.argc()
                    + " arguments at stream offset " + c.streamOffset() + " (expected sessid host:port CKI cookie caller name)");
            if (c.argc() < 4) {
                return;
            }
        }
        expect(conn, c.arg(3), Address.parse(c.arg(4)).user(), Text.urlDecode(c.arg(5)), c.arg(0), true);
    }

    private static void expect(Connection conn, String cookie, String caller, String callerName, String sessionId,
            boolean invited) {
        boolean ok = conn.layer.expectations.add(new Expectations.Expected(cookie, conn, caller, callerName, sessionId,
                invited, conn.emitter().tsNanos()));
        if (!ok) {
            conn.anomaly(AnomalyCode.MSNP_EXPECTATION_LIMIT, "more than " + conn.layer.limits.maxExpectations()
                    + " switchboard cookies await their connection; the oldest was dropped");
        }
    }

    private static void bound(Version v, String caps, String obj) {
        if (caps != null && ClientCaps.looksLike(caps)) {
            v.atLeast(8);
            if (caps.indexOf(':') >= 0) {
                v.atLeast(16);
            }
        }
        if (MsnObject.looksLike(obj)) {
            v.atLeast(9);
        }
    }

    /**
     * ILN trid status account [network] name [caps [msnobj]] / NLN status account [network] name [caps [msnobj]].
     * MSNP14-15 put the network id after the account; MSNP16+ prefix it ({@code 1:bob@live.com}).
     */
    private static void statusLine(Connection conn, Command c) {
        if (c.fromClient()) {
            return;
        }
        if (c.argc() < 2) {
            conn.anomaly(AnomalyCode.MSNP_MALFORMED_COMMAND, "s2c: " + c.verb() + " with " + c.argc()
                    + " arguments at stream offset " + c.streamOffset());
            return;
        }
        Version v = conn.version;
        Address a = Address.parse(c.arg(1));
        int i = 2;
        String network = a.network();
        if (network != null) {
            v.atLeast(16);
        } else if (c.argc() >= 5 && isNetworkId(c.arg(2)) && ClientCaps.looksLike(c.arg(4))) {
            // status account network name caps ...
            network = c.arg(2);
            v.atLeast(14);
            i = 3;
        }
        String name = c.arg(i);
        String caps = c.arg(i + 1);
        String obj = c.arg(i + 2);
        bound(v, caps, obj);
        presence(conn, a.user(), c.arg(0), name, caps, obj, null, null, network, c.verb());
    }

    private static boolean isNetworkId(String s) {
        return s.equals("1") || s.equals("2") || s.equals("4") || s.equals("8") || s.equals("32") || s.equals("64");
    }

    /** UUX / UBX: the personal message, CurrentMedia and (MSNP16+) endpoints, as XML. */
    private static void personal(Connection conn, Command c, String user, String network) {
        Xml.Result x = conn.xml(c);
        if (x == null) {
            return;
        }
        if (x.text("MachineGuid") != null || x.text("EndpointData") != null) {
            conn.version.atLeast(16);
        }
        String psm = x.text("PSM");
        String media = x.text("CurrentMedia");
        presence(conn, user, null, null, null, null, psm == null ? "" : psm, media == null ? "" : media, network,
                c.verb());
    }

    static void presence(Connection conn, String user, String status, String rawName, String caps, String obj,
            String psm, String media, String network, String source) {
        presenceDecoded(conn, user, status, rawName == null ? null : Text.urlDecode(rawName), caps, obj, psm, media,
                network, source);
    }

    /** As {@link #presence}, with a friendly name that is not URL-encoded (MSNP21's XML carries it plain). */
    static void presenceDecoded(Connection conn, String user, String status, String name, String caps, String obj,
            String psm, String media, String network, String source) {
        Map<String, String> msnObject = MsnObject.parse(obj);
        if (msnObject != null) {
            conn.layer.p2p.advertised(user, msnObject);
        }
        Emitter em = conn.emitter();
        if (!em.wanted()) {
            return;
        }
        em.emit(new PresenceEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), user, status, name,
                ClientCaps.decode(caps), msnObject, psm, media, network, source));
    }
}
