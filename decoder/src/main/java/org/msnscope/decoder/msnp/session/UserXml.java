package org.msnscope.decoder.msnp.session;

import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.command.RoutingAddress;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * MSNP21 presence: {@code application/user+xml} in the server's {@code NFY PUT} (someone's presence, the
 * From) and in the client's own {@code PUT} (its account's, the To). The document has services
 * {@code <s n="IM">} (Status, CurrentMedia) and {@code <s n="PE">} (FriendlyName, PSM, UserTileLocation,
 * ...) and endpoints {@code <sep n="IM|PE|PD" epid="{...}">} (Capabilities; PD: ClientType, EpName, Idle,
 * State). {@code NFY DEL} (or the client's {@code DEL}) of the IM service or an IM endpoint means offline.
 * Each document becomes one {@code presence} event; what it does not carry is null.
 * Sources: MSNPSharp KB_MSNP21 and NSMessageHandler (docs/msnp21.md, "Presence").
 */
final class UserXml {
    private UserXml() {
    }

    static void handle(Connection conn, Routed.Payload m, boolean delete) {
        Command c = m.command();
        RoutingAddress who = c.fromClient() ? (m.to() != null ? m.to() : m.from()) : m.from();
        if (who == null || who.empty()) {
            return;
        }
        Xml.Result x = Routed.xml(conn, m);
        if (x == null) {
            return;
        }
        String source = c.fromClient() ? c.verb() : "NFY";
        String service = null;
        boolean endpoint = false;
        boolean offline = false;
        String status = null;
        String media = null;
        String name = null;
        String psm = null;
        String tile = null;
        String caps = null;
        for (Xml.Element e : x.elements()) {
            if (e.depth() == 1) {
                endpoint = e.name().equals("sep");
                service = endpoint || e.name().equals("s") ? e.attr("n") : null;
                offline |= delete && "IM".equals(service);
                continue;
            }
            if (e.depth() != 2 || service == null) {
                continue;
            }
            switch ((endpoint ? "sep " : "s ") + service + " " + e.name()) {
                case "s IM Status" -> status = status == null ? e.text() : status;
                case "s IM CurrentMedia" -> media = media == null ? e.text() : media;
                case "s PE FriendlyName" -> name = name == null ? e.text() : name;
                case "s PE PSM" -> psm = psm == null ? e.text() : psm;
                case "s PE UserTileLocation" -> tile = tile == null ? e.text() : tile;
                case "sep IM Capabilities" -> caps = caps == null ? e.text() : caps;
                default -> { }
            }
        }
        if (delete) {
            if (offline) {
                NsCommands.presenceDecoded(conn, who.account(), "FLN", null, null, null, null, null, who.network(),
                        source);
            }
            return;
        }
        if (status != null || media != null || name != null || psm != null || tile != null || caps != null) {
            NsCommands.presenceDecoded(conn, who.account(), status, name, caps, tile, psm, media, who.network(),
                    source);
        }
    }
}
