package org.msnscope.decoder.msnp.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.command.RoutingAddress;
import org.msnscope.decoder.msnp.mime.HeaderBlocks;
import org.msnscope.decoder.msnp.mime.ImFormat;
import org.msnscope.decoder.msnp.mime.MessageKind;

/**
 * {@code SDG}: a message of MSNP18+ (circles) and MSNP21 (everything), in the conversation its routing
 * addresses name ({@link RoutedConversations}). The Messaging block's {@code Message-Type} gives the
 * kind: Text, Nudge, Control/Typing (or Control with {@code Message-Subtype: Typing}), Wink,
 * CustomEmoticon, Data (binary P2P, handed to the P2P layer like a switchboard's
 * {@code application/x-msnmsgrp2p} MSG) and Signal/P2P (an MSNSLP message as text, also handed over);
 * other Signal/* types are kind {@code other}. Without a Message-Type the Content-Type decides, as for MSG.
 */
final class RoutedMessages {
    private RoutedMessages() {
    }

    static void sdg(Connection conn, Routed.Payload m) {
        Command c = m.command();
        RoutingAddress to = m.to();
        RoutingAddress from = m.from();
        RoutedConversations st = Routed.state(conn);
        RoutingAddress group = Routed.group(to, from);
        RoutedConversations.Conv conv = null;
        if (group != null) {
            if ("10".equals(group.network())) {
                conn.version.atLeast(21);
            }
            conv = st.group(group);
            if (from != null && !from.group()) {
                st.join(conv, from.account(), from.epid(), "present", null);
            }
        } else if (from != null && to != null && !from.empty() && !to.empty()
                && !from.account().equalsIgnoreCase(to.account())) {
            conn.version.atLeast(21);
            conv = st.pair(from, to);
        }
        String sender = from == null || from.group() ? null : from.account();
        emit(conn, m, conv, sender, recipients(conn, c, conv, sender, to));
    }

    /** Everyone else in the conversation (the local user included for what it receives); else the To. */
    private static List<String> recipients(Connection conn, Command c, RoutedConversations.Conv conv, String sender,
            RoutingAddress to) {
        if (!conn.emitter().wanted()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(conv == null ? List.of() : conv.others(sender));
        if (!c.fromClient() && conn.account != null && !conn.account.equalsIgnoreCase(sender == null ? "" : sender)
                && out.stream().noneMatch(conn.account::equalsIgnoreCase)) {
            out.add(conn.account);
        }
        if (out.isEmpty() && to != null && !to.empty()) {
            out.add(to.group() ? to.prefixed() : to.account());
        }
        return Collections.unmodifiableList(out);
    }

    private static void emit(Connection conn, Routed.Payload m, RoutedConversations.Conv conv, String from,
            List<String> to) {
        Command c = m.command();
        HeaderBlocks b = m.blocks();
        byte[] p = m.bytes();
        String type = b.contentType();
        String messageType = b.contentHeader("Message-Type");
        String kind = kind(messageType, b.contentHeader("Message-Subtype"), type, null);
        String conversation = conv == null ? null : conv.id;
        boolean p2pData = kind.equals("p2p") && !isSignal(messageType);
        if (kind.equals("p2p")) {
            p2p(conn, m, conversation, from, to, p2pData);
        }
        boolean datacast = type.equals("text/x-msnmsgr-datacast");
        Messages.Body body = Messages.body(conn, p, b.bodyOffset(), b.bodyLength(), p2pData || Messages.binary(type),
                conn.emitter().wanted() || datacast, m.where());
        if (datacast) {
            kind = kind(messageType, b.contentHeader("Message-Subtype"), type, body.text());
        }
        conn.messages++;
        conn.layer.messages++;
        Emitter em = conn.emitter();
        if (!em.wanted()) {
            return;
        }
        String text = null;
        Map<String, String> format = null;
        String sender = from;
        if (kind.equals("text")) {
            text = body.text();
            String f = b.contentHeader("X-MMS-IM-Format");
            format = f != null ? ImFormat.parse(f) : null;
        } else if (kind.equals("typing")) {
            String typer = b.contentHeader("TypingUser");
            if (typer != null && !typer.isEmpty()) {
                sender = typer;
            }
        }
        String datacastId = datacast ? MessageKind.datacastId(body.text()) : null;
        if (kind.equals("action")) {
            text = Messages.dataLine(body.text());
        }
        em.emit(new MessageEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), c.dir(), conversation, kind,
                sender, to, type, text, format, null, c.fromClient() ? c.trid() : null, p.length, b.headers(),
                body.rawHex(), datacastId, null, conn.gatewaySession));
    }

    /**
     * Hands a P2P body to the P2P layer: binary data as a switchboard P2P message would be (its destination
     * and source from {@code P2P-Dest}/{@code P2P-Src} when present, else from the routing addresses with
     * their endpoints), an MSNSLP text (Signal/P2P) straight to MSNSLP.
     */
    private static void p2p(Connection conn, Routed.Payload m, String conversation, String from, List<String> to,
            boolean data) {
        Command c = m.command();
        HeaderBlocks b = m.blocks();
        var origin = conn.layer.origin.set(conn.id(), conversation, c.dir(), from, to.size() == 1 ? to.get(0) : null,
                "sdg", c.streamOffset());
        if (!data) {
            conn.layer.p2p.signal(origin, m.bytes(), b.bodyOffset(), b.bodyLength());
            return;
        }
        String dest = b.contentHeader("P2P-Dest");
        String src = b.contentHeader("P2P-Src");
        conn.layer.p2p.switchboard(origin, dest != null ? dest : endpoint(m.to()), src != null ? src : endpoint(m.from()),
                m.bytes(), b.bodyOffset(), b.bodyLength());
    }

    /** {@code account;{guid}}, the P2P-Dest form of an address with an endpoint; the account alone without one. */
    private static String endpoint(RoutingAddress a) {
        if (a == null || a.empty()) {
            return null;
        }
        return a.epid() == null ? a.account() : a.account() + ";" + a.epid();
    }

    private static boolean isSignal(String messageType) {
        return messageType != null && messageType.trim().toLowerCase(Locale.ROOT).startsWith("signal/");
    }

    /** The message kind from {@code Message-Type} (and {@code Message-Subtype}), else from the Content-Type. */
    static String kind(String messageType, String subtype, String contentType, String body) {
        if (messageType == null || messageType.isBlank()) {
            return MessageKind.of(contentType, null, body);
        }
        String t = messageType.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "text" -> "text";
            case "nudge" -> "nudge";
            case "wink" -> "wink";
            case "customemoticon" -> "emoticon";
            case "control/typing" -> "typing";
            case "control" -> subtype != null && subtype.trim().equalsIgnoreCase("typing") ? "typing" : "other";
            case "data" -> contentType.equals("application/x-msnmsgrp2p") ? "p2p" : "other";
            case "signal/p2p" -> "p2p";
            default -> t.startsWith("signal/") || t.startsWith("control/") ? "other" : MessageKind.of(contentType, null,
                    body);
        };
    }
}
