package org.msnscope.decoder.msnp.session;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.DeliveryEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.msnp.command.Address;
import org.msnscope.decoder.msnp.command.ClientCaps;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.mime.Text;

/**
 * Switchboard commands: the session's start (USR with the XFR cookie, ANS with the RNG cookie),
 * participants (IRO, JOI, BYE, CAL, OUT), messages and their acknowledgements (MSG, ACK, NAK).
 */
final class SbCommands {
    private SbCommands() {
    }

    static void handle(Connection conn, Command c) {
        switch (c.verb()) {
            case "USR" -> {
                if (c.fromClient()) {
                    join(conn, c, c.arg(0), c.arg(1), false);
                }
            }
            case "ANS" -> {
                if (c.fromClient()) {
                    join(conn, c, c.arg(0), c.arg(1), true);
                }
            }
            case "IRO" -> {
                // IRO trid index total account name [caps]
                if (c.argc() < 4) {
                    malformed(conn, c);
                    return;
                }
                caps(conn, c.arg(4));
                Address a = Address.parse(c.arg(2));
                present(conn, a.user(), a.endpoint(), Text.urlDecode(c.arg(3)), "present", null);
            }
            case "JOI" -> {
                // JOI account name [caps]
                if (c.argc() < 1) {
                    malformed(conn, c);
                    return;
                }
                caps(conn, c.arg(2));
                Address a = Address.parse(c.arg(0));
                present(conn, a.user(), a.endpoint(), Text.urlDecode(c.arg(1)), "joined", null);
            }
            case "CAL" -> {
                if (c.fromClient() && c.argc() >= 1) {
                    Address a = Address.parse(c.arg(0));
                    participant(conn, a.user(), a.endpoint(), null, "invited", conn.account);
                }
            }
            case "BYE" -> {
                if (c.argc() < 1) {
                    malformed(conn, c);
                    return;
                }
                Address a = Address.parse(c.arg(0));
                if (a.endpoint() != null) {
                    conn.version.atLeast(16);
                }
                leave(conn, a.user(), a.endpoint(), "1".equals(c.arg(1)) ? "idle" : null);
            }
            case "OUT" -> {
                if (c.fromClient() && conn.account != null) {
                    leave(conn, conn.account, conn.endpoint, null);
                }
                conn.endReason = "out";
            }
            case "MSG" -> message(conn, c);
            case "ACK", "NAK" -> {
                if (!c.fromClient() && c.trid() != null) {
                    long[] sent = conn.pendingAcks.remove(c.trid());
                    long sentN = sent == null ? conn.recentUnacked.remove(c.trid()) : -1;
                    long frame = sent != null ? sent[0] : sentN >= 0 ? sentN : 0;
                    Emitter em = conn.emitter();
                    em.emit(new DeliveryEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), conn.conversation,
                            c.trid(), c.verb().equals("ACK") ? "ack" : "nak", frame));
                }
            }
            default -> { }
        }
    }

    private static void malformed(Connection conn, Command c) {
        conn.anomaly(AnomalyCode.MSNP_MALFORMED_COMMAND, c.dir() + ": " + c.verb() + " with " + c.argc()
                + " arguments at stream offset " + c.streamOffset());
    }

    private static void caps(Connection conn, String token) {
        if (token != null && ClientCaps.looksLike(token)) {
            conn.version.atLeast(12);
        }
    }

    /** USR trid account cookie / ANS trid account cookie sessid: the local user enters the switchboard. */
    private static void join(Connection conn, Command c, String who, String cookie, boolean invited) {
        if (conn.sessionStarted) {
            return;
        }
        Address a = Address.parse(who);
        if (a.endpoint() != null) {
            conn.version.atLeast(16);
        }
        conn.account = a.user();
        conn.accountInferred = false;
        conn.endpoint = a.endpoint();
        conn.cookie = cookie;
        String by = null;
        if (cookie != null) {
            Expectations.Expected e = conn.layer.expectations.take(cookie, conn.emitter().tsNanos());
            if (e != null) {
                conn.parent = e.parent();
                by = e.caller();
                if (e.parent().account != null && e.parent().accountInferred == false && a.user() == null) {
                    conn.account = e.parent().account;
                }
                if (e.parent().account == null || e.parent().accountInferred) {
                    e.parent().learnAccount(a.user(), true);
                }
            }
        }
        conn.startSession();
        if (invited && by != null) {
            conn.invitedBy = by;
        }
    }

    static void present(Connection conn, String user, String endpoint, String name, String action, String by) {
        if (user == null) {
            return;
        }
        if (conn.participants.size() >= conn.layer.limits.maxParticipants() && !conn.participants.containsKey(user)) {
            return;
        }
        conn.participants.computeIfAbsent(user, k -> new LinkedHashSet<>());
        if (endpoint != null) {
            conn.participants.get(user).add(endpoint);
        }
        participant(conn, user, endpoint, name, action, by);
    }

    private static void leave(Connection conn, String user, String endpoint, String by) {
        if (user == null) {
            return;
        }
        var eps = conn.participants.get(user);
        if (eps != null) {
            if (endpoint != null) {
                eps.remove(endpoint);
            }
            if (endpoint == null || eps.isEmpty()) {
                conn.participants.remove(user);
            }
        }
        participant(conn, user, endpoint, null, "left", by);
    }

    private static void participant(Connection conn, String user, String endpoint, String name, String action,
            String by) {
        Emitter em = conn.emitter();
        em.emit(new ParticipantEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), conn.conversation, user,
                action, endpoint, name, by));
    }

    private static void message(Connection conn, Command c) {
        if (c.fromClient()) {
            // MSG trid ackmode length
            String mode = c.arg(0);
            MessageEvent m = Messages.emit(conn, c, conn.account,
                    conn.emitter().wanted() ? conn.others(conn.account) : List.of(), mode);
            if (m != null && "typing".equals(m.kind()) && m.from() != null && conn.account == null) {
                conn.account = Address.parse(m.from()).user();
                conn.accountInferred = true;
            }
            if ("D".equals(mode)) {
                conn.version.atLeast(9);
            }
            if (c.trid() != null && "N".equals(mode)) {
                // answered only by a NAK on failure: remember the last few, silently
                conn.recentUnacked.put(c.trid(), conn.emitter().frame());
            } else if (c.trid() != null && ("A".equals(mode) || "D".equals(mode))) {
                if (conn.pendingAcks.size() >= conn.layer.limits.maxPendingPerConnection()) {
                    Iterator<Map.Entry<Long, long[]>> it = conn.pendingAcks.entrySet().iterator();
                    it.next();
                    it.remove();
                    conn.anomaly(AnomalyCode.MSNP_PENDING_LIMIT, "more than "
                            + conn.layer.limits.maxPendingPerConnection() + " messages await ACK/NAK; the oldest is given up");
                }
                conn.pendingAcks.put(c.trid(), new long[] {conn.emitter().frame(), mode.charAt(0)});
            }
        } else {
            // MSG account name length
            Address a = Address.parse(c.arg(0));
            if (a.user() != null && !conn.participants.containsKey(a.user()) && !a.user().equalsIgnoreCase(
                    conn.account == null ? "" : conn.account)) {
                // a capture that started mid-conversation: the sender was there all along
                present(conn, a.user(), a.endpoint(), Text.urlDecode(c.arg(1)), "present", null);
            }
            List<String> to = conn.emitter().wanted() ? conn.others(a.user()) : List.of();
            if (conn.emitter().wanted() && conn.account != null && !to.contains(conn.account) && !conn.account.equalsIgnoreCase(a.user())) {
                java.util.ArrayList<String> t = new java.util.ArrayList<>(to);
                t.add(conn.account);
                to = java.util.Collections.unmodifiableList(t);
            }
            Messages.emit(conn, c, a.user(), to, null);
        }
    }

    /** The switchboard connection ended: messages that asked for an answer and got none. */
    static void ended(Connection conn) {
        Emitter em = conn.emitter();
        for (Map.Entry<Long, long[]> e : conn.pendingAcks.entrySet()) {
            if (e.getValue()[1] != 'N') {
                em.emit(new DeliveryEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), conn.conversation,
                        e.getKey(), "none", e.getValue()[0]));
            }
        }
        conn.pendingAcks.clear();
    }
}
