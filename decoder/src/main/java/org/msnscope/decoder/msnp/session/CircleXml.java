package org.msnscope.decoder.msnp.session;

import java.util.ArrayList;
import java.util.List;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.command.RoutingAddress;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Multiparty conversations without a switchboard: circles ({@code 9:}, MSNP18+) and temporary groups
 * ({@code 10:}, MSNP21), managed with {@code /circle} documents ({@code application/circles+xml},
 * {@code application/multiparty+xml}). The client creates a group with a {@code PUT} to the empty-GUID
 * group address and learns the real address from the {@code From} of the server's {@code PUT trid OK};
 * a {@code PUT} whose roster names itself joins, one naming someone else invites them; the server's
 * {@code NFY PUT} rosters say who joined (a roster user in state {@code pending} is invited; a
 * {@code NotifType: Full} roster lists who is there); {@code DEL}/{@code NFY DEL} of
 * {@code /circle/roster(IM)/user(N:account)} is someone leaving. Sources: MSNPSharp KB_MSNP21 and
 * NSMessageHandler, Escargot msnp_ns.py (docs/msnp21.md, "Multiparty").
 */
final class CircleXml {
    private CircleXml() {
    }

    /** The group address a client asks for when it creates a temporary group. */
    private static final String EMPTY_GROUP = "00000000-0000-0000-0000-000000000000@";

    /** The server's {@code PUT trid OK}: when it answers a group creation, the From is the new group. */
    static void reply(Connection conn, Command c, Routed.Payload m) {
        RoutedConversations st = conn.routed;
        if (st == null || c.trid() == null || !st.pendingCreates.remove(c.trid()) || m == null) {
            return;
        }
        RoutingAddress g = Routed.group(m.from(), m.to());
        if (g != null && !g.account().startsWith(EMPTY_GROUP)) {
            conn.version.atLeast(21);
            st.group(g);
        }
    }

    static void handle(Connection conn, Routed.Payload m, String uri, boolean delete) {
        Command c = m.command();
        RoutingAddress group = Routed.group(m.to(), m.from());
        if (group == null || group.empty()) {
            return;
        }
        if ("10".equals(group.network())) {
            conn.version.atLeast(21);
        }
        RoutedConversations st = Routed.state(conn);
        if (c.fromClient() && !delete && group.account().startsWith(EMPTY_GROUP)) {
            if (c.trid() != null && st.pendingCreates.size() < conn.layer.limits.maxPendingPerConnection()) {
                st.pendingCreates.add(c.trid());
            }
            return;
        }
        RoutedConversations.Conv conv = st.group(group);
        if (delete) {
            String member = member(uri);
            if (member != null) {
                RoutingAddress a = RoutingAddress.parse(member);
                Routed.checkNetwork(conn, c, "the Uri's user", a);
                st.leave(conv, a.account(), Routed.local(conn, a) ? st.localEpid : null);
            }
            return;
        }
        Xml.Result x = Routed.xml(conn, m);
        if (x == null) {
            return;
        }
        boolean full = "Full".equalsIgnoreCase(m.blocks().contentHeader("NotifType"));
        for (String[] user : roster(x, conn.layer.limits.maxParticipants())) {
            RoutingAddress a = RoutingAddress.parse(user[0]);
            Routed.checkNetwork(conn, c, "a roster user", a);
            boolean self = Routed.local(conn, a);
            if (c.fromClient()) {
                if (self) {
                    st.join(conv, a.account(), st.localEpid, "joined", null);
                } else {
                    st.invited(conv, a.account(), conn.account);
                }
            } else if ("pending".equalsIgnoreCase(user[1])) {
                st.invited(conv, a.account(), null);
            } else {
                st.join(conv, a.account(), null, full ? "present" : "joined", null);
            }
        }
    }

    /** The {@code N:account} of a {@code /circle/roster(IM)/user(N:account)} Uri, or null. */
    static String member(String uri) {
        if (uri == null) {
            return null;
        }
        int at = uri.indexOf("/user(");
        int close = at < 0 ? -1 : uri.indexOf(')', at);
        return close < 0 ? null : uri.substring(at + 6, close);
    }

    /** The roster's users: {@code <circle><roster><user><id>N:account</id><state>..</state></user>}, at most {@code max}. */
    private static List<String[]> roster(Xml.Result x, int max) {
        List<String[]> out = new ArrayList<>();
        boolean inRoster = false;
        String[] current = null;
        for (Xml.Element e : x.elements()) {
            if (e.depth() == 1) {
                inRoster = e.name().equals("roster");
            } else if (inRoster && e.depth() == 2 && e.name().equals("user")) {
                if (out.size() >= max) {
                    break;
                }
                current = new String[2];
                out.add(current);
            } else if (inRoster && e.depth() == 3 && current != null) {
                if (e.name().equals("id") && current[0] == null) {
                    current[0] = e.text();
                } else if (e.name().equals("state") && current[1] == null) {
                    current[1] = e.text();
                }
            }
        }
        out.removeIf(u -> u[0] == null || u[0].isEmpty());
        return out;
    }
}
