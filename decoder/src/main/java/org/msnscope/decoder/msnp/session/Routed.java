package org.msnscope.decoder.msnp.session;

import java.util.Locale;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.command.RoutingAddress;
import org.msnscope.decoder.msnp.mime.HeaderBlocks;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * The routed commands of MSNP18+ notification servers, which replace the switchboard in MSNP21: {@code SDG}
 * (messages, typing, nudges, P2P), {@code NFY PUT}/{@code NFY DEL} (presence as {@code application/user+xml},
 * circle rosters), and the client's {@code PUT}/{@code DEL} (its own presence, creating, joining and
 * leaving groups) with the server's {@code PUT trid OK}. Each payload is parsed as header blocks
 * ({@link HeaderBlocks}); its problems and unknown network prefixes are reported, and the rest goes to
 * {@link RoutedMessages}, {@link UserXml} or {@link CircleXml}. docs/msnp21.md has the formats and sources.
 */
final class Routed {
    private Routed() {
    }

    /** One routed command, parsed: the command, its blocks and addresses, and where to report. */
    record Payload(Command command, HeaderBlocks blocks, RoutingAddress to, RoutingAddress from) {
        String where() {
            return Routed.where(command);
        }

        byte[] bytes() {
            return command.payload();
        }
    }

    /** {@code c2s: SDG at stream offset N}, the start of every anomaly's detail. */
    static String where(Command c) {
        return c.dir() + ": " + c.verb() + " at stream offset " + c.streamOffset();
    }

    static RoutedConversations state(Connection conn) {
        if (conn.routed == null) {
            conn.routed = new RoutedConversations(conn);
        }
        return conn.routed;
    }

    static void handle(Connection conn, Command c) {
        conn.version.atLeast(18);
        boolean reply = !c.fromClient() && "OK".equals(c.arg(0));
        byte[] p = c.payload();
        if (p == null || p.length == 0) {
            if (reply) {
                CircleXml.reply(conn, c, null);
            }
            return;
        }
        HeaderBlocks b = HeaderBlocks.parse(p, conn.layer.limits.maxBlockHeaders(),
                conn.layer.limits.maxBlockHeaderBytes());
        for (HeaderBlocks.Problem problem : b.problems()) {
            conn.anomaly(problem.code(), where(c) + ": " + problem.detail());
        }
        Payload m = new Payload(c, b, address(conn, c, b, "To"), address(conn, c, b, "From"));
        RoutingAddress from = m.from();
        if (c.fromClient() && from != null && !from.empty() && !from.group()) {
            // what the client sends comes from its own account and endpoint
            if (conn.account == null || conn.accountInferred) {
                conn.learnAccount(from.account(), true);
            }
            if (from.epid() != null) {
                state(conn).localEpid = from.epid();
            }
        }
        if (reply) {
            CircleXml.reply(conn, c, m);
            return;
        }
        if (c.verb().equals("SDG")) {
            RoutedMessages.sdg(conn, m);
            return;
        }
        String uri = b.contentHeader("Uri");
        String type = b.contentType();
        boolean delete = c.verb().equals("DEL") || "DEL".equals(c.arg(0));
        if (type.equals("application/user+xml") || (uri != null && uri.startsWith("/user"))) {
            conn.version.atLeast(21);
            UserXml.handle(conn, m, delete);
        } else if (type.equals("application/circles+xml") || type.equals("application/multiparty+xml")
                || (uri != null && uri.startsWith("/circle"))) {
            CircleXml.handle(conn, m, uri, delete);
        }
    }

    /**
     * The routing header {@code name} as an address; null when the payload has none. An unknown network
     * prefix is reported, in the address or in its {@code via}.
     */
    private static RoutingAddress address(Connection conn, Command c, HeaderBlocks b, String name) {
        String value = b.routingHeader(name);
        if (value == null) {
            if (b.routing() != null) {
                conn.anomaly(AnomalyCode.MSNP_MALFORMED_BLOCK, where(c) + ": the Routing block has no " + name
                        + " header");
            }
            return null;
        }
        RoutingAddress a = RoutingAddress.parse(value);
        checkNetwork(conn, c, name, a);
        RoutingAddress via = a.viaAddress();
        if (via != null) {
            checkNetwork(conn, c, name + " via", via);
        }
        return a;
    }

    /** Reports an address with a network prefix outside the documented list. */
    static void checkNetwork(Connection conn, Command c, String what, RoutingAddress a) {
        if (!a.knownNetwork()) {
            conn.anomaly(AnomalyCode.MSNP_UNKNOWN_NETWORK, where(c) + ": " + what + " has network prefix "
                    + a.network() + " (kept as sent; docs/msnp21.md lists the known ones)");
        }
    }

    /** The circle or temporary group the addresses name (To, From, or a via of either), or null. */
    static RoutingAddress group(RoutingAddress to, RoutingAddress from) {
        for (RoutingAddress a : new RoutingAddress[] {to, from}) {
            if (a == null) {
                continue;
            }
            if (a.group()) {
                return a;
            }
            RoutingAddress via = a.viaAddress();
            if (via != null && via.group()) {
                return via;
            }
        }
        return null;
    }

    /** True when {@code a} is the connection's own account. */
    static boolean local(Connection conn, RoutingAddress a) {
        return a != null && conn.account != null && a.account() != null
                && a.account().toLowerCase(Locale.ROOT).equals(conn.account.toLowerCase(Locale.ROOT));
    }

    /** The body of the content block as XML (a parse problem reported); null when there is no body. */
    static Xml.Result xml(Connection conn, Payload m) {
        HeaderBlocks b = m.blocks();
        if (b.bodyLength() == 0) {
            return null;
        }
        Xml.Result x = Xml.parse(m.bytes(), b.bodyOffset(), b.bodyLength());
        if (x.problem() != null) {
            conn.anomaly(AnomalyCode.MSNP_MALFORMED_XML, m.where() + ": " + b.contentType() + " body: " + x.problem());
        }
        return x;
    }
}
