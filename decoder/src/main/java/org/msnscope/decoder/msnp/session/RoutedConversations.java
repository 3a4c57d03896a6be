package org.msnscope.decoder.msnp.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.msnp.command.RoutingAddress;

/**
 * The conversations of one MSNP18+ notification-server connection. Without a switchboard there is no
 * connection per conversation, so a conversation is known by its routing addresses (docs/events.md,
 * "Routed conversations"): a circle or temporary group by its address ({@code 9:...@live.com},
 * {@code 10:...@live.com}), a conversation between two people by the sorted pair of their bare accounts.
 * Each gets a conversation id on first sight. Bounded: {@link org.msnscope.decoder.Limits.Msnp#maxConversations()}
 * conversations (least recently active forgotten), {@link org.msnscope.decoder.Limits.Msnp#maxParticipants()}
 * members each, and the PUTs awaiting their reply.
 */
final class RoutedConversations {
    /** One conversation: its id, key and members (lower-case account to the account as first seen). */
    static final class Conv {
        final String id;
        final String key;
        final boolean group;
        final Map<String, String> members = new LinkedHashMap<>();

        Conv(String id, String key, boolean group) {
            this.id = id;
            this.key = key;
            this.group = group;
        }

        boolean has(String account) {
            return account != null && members.containsKey(lower(account));
        }

        /** The members but {@code except}, as first seen. */
        List<String> others(String except) {
            List<String> out = new ArrayList<>(members.size());
            String x = except == null ? null : lower(except);
            for (Map.Entry<String, String> e : members.entrySet()) {
                if (!e.getKey().equals(x)) {
                    out.add(e.getValue());
                }
            }
            return Collections.unmodifiableList(out);
        }
    }

    private final Connection conn;
    private final LinkedHashMap<String, Conv> byKey = new LinkedHashMap<>(16, 0.75f, true);
    /** TrIDs of the client's PUTs that create a temporary group, until the server's PUT OK names it. */
    final Set<Long> pendingCreates = new LinkedHashSet<>();
    /** The local client's endpoint, from the From of what it sends. */
    String localEpid;

    RoutedConversations(Connection conn) {
        this.conn = conn;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The key of a two-person conversation: both bare accounts, lower case, sorted, a space between. */
    static String pairKey(String a, String b) {
        String x = lower(a);
        String y = lower(b);
        return x.compareTo(y) <= 0 ? x + " " + y : y + " " + x;
    }

    /** The conversation of a circle or temporary group, made on first sight. */
    Conv group(RoutingAddress group) {
        return get(group.key(), true);
    }

    /**
     * The conversation between {@code a} and {@code b}, made on first sight with both present (the local
     * user first when it is one of them).
     */
    Conv pair(RoutingAddress a, RoutingAddress b) {
        Conv c = byKey.get(pairKey(a.account(), b.account()));
        if (c != null) {
            return c;
        }
        c = get(pairKey(a.account(), b.account()), false);
        boolean bLocal = conn.account != null && lower(conn.account).equals(lower(b.account()));
        RoutingAddress first = bLocal ? b : a;
        RoutingAddress second = bLocal ? a : b;
        join(c, first.account(), first.epid(), "present", null);
        join(c, second.account(), second.epid(), "present", null);
        return c;
    }

    private Conv get(String key, boolean group) {
        Conv c = byKey.get(key);
        if (c != null) {
            return c;
        }
        if (byKey.size() >= conn.layer.limits.maxConversations()) {
            Iterator<Conv> it = byKey.values().iterator();
            Conv old = it.next();
            it.remove();
            conn.anomaly(AnomalyCode.MSNP_CONVERSATION_LIMIT, "more than " + conn.layer.limits.maxConversations()
                    + " routed conversations on this connection; " + old.id + " is forgotten");
        }
        c = new Conv(conn.layer.nextConversation(), key, group);
        byKey.put(key, c);
        return c;
    }

    /** {@code account} is in the conversation now ({@code present}, {@code joined}); nothing when already there. */
    void join(Conv c, String account, String epid, String action, String by) {
        if (account == null || account.isEmpty() || c.has(account)
                || c.members.size() >= conn.layer.limits.maxParticipants()) {
            return;
        }
        c.members.put(lower(account), account);
        participant(c, account, epid, action, by);
    }

    /** {@code account} was invited ({@code by} the inviter); it becomes a member when it joins. */
    void invited(Conv c, String account, String by) {
        if (account != null && !account.isEmpty() && !c.has(account)) {
            participant(c, account, null, "invited", by);
        }
    }

    /** {@code account} left the conversation. */
    void leave(Conv c, String account, String epid) {
        if (account == null || account.isEmpty()) {
            return;
        }
        c.members.remove(lower(account));
        participant(c, account, epid, "left", null);
    }

    private void participant(Conv c, String user, String epid, String action, String by) {
        Emitter em = conn.emitter();
        em.emit(new ParticipantEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), c.id, user, action, epid,
                null, by));
    }
}
