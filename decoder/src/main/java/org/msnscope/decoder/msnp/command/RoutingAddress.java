package org.msnscope.decoder.msnp.command;

import java.util.Locale;

/**
 * An address of the MSNP18+ routing headers ({@code To}, {@code From}, circle roster ids):
 * {@code network:account} followed by {@code ;name=value} parameters, e.g.
 * {@code 1:bob@live.com;epid={a9b1...}}, {@code 10:588e793a-...@live.com;path=IM},
 * {@code 13:1065663773;via=14:fb}, {@code 14:fb}. Network ids (docs/msnp21.md, "Addresses"):
 * 1 Windows Live, 2 Office Communicator, 4 telephone, 8 mobile network, 9 circle, 10 temporary group,
 * 11 CID, 13 Connect (Facebook), 14 remote network gateway, 16 SMTP, 32 Yahoo. Parsing never fails: an
 * address without a prefix keeps a null network, one with a prefix msnscope does not know is kept as sent
 * and flagged ({@link #knownNetwork()}).
 *
 * @param network the network id as written (digits), or null when the address has no prefix
 * @param account the account after the prefix, before any parameter, as sent
 * @param epid the {@code epid} parameter (an endpoint GUID with its braces), or null
 * @param path the {@code path} parameter ({@code IM} for a group's chat), or null
 * @param via the {@code via} parameter (the gateway or group the address is reached through), or null
 * @param knownNetwork false only for a numeric prefix outside the documented list
 */
public record RoutingAddress(String network, String account, String epid, String path, String via,
        boolean knownNetwork) {
    /** Longest address kept; the rest of a longer value is ignored. */
    public static final int MAX_LENGTH = 1024;

    public static RoutingAddress parse(String value) {
        if (value == null) {
            return new RoutingAddress(null, null, null, null, null, true);
        }
        String s = value.trim();
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        String epid = null;
        String path = null;
        String via = null;
        int semi = s.indexOf(';');
        String head = semi < 0 ? s : s.substring(0, semi);
        while (semi >= 0) {
            int next = s.indexOf(';', semi + 1);
            String param = (next < 0 ? s.substring(semi + 1) : s.substring(semi + 1, next)).trim();
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "" : param.substring(eq + 1).trim();
            switch (name) {
                case "epid" -> epid = epid == null && !v.isEmpty() ? v : epid;
                case "path" -> path = path == null && !v.isEmpty() ? v : path;
                case "via" -> via = via == null && !v.isEmpty() ? v : via;
                default -> { }
            }
            semi = next;
        }
        String network = null;
        String account = head;
        int colon = head.indexOf(':');
        if (colon > 0 && digits(head, colon)) {
            network = head.substring(0, colon);
            account = head.substring(colon + 1);
        }
        return new RoutingAddress(network, account, epid, path, via,
                network == null || known(network));
    }

    private static boolean digits(String s, int end) {
        if (end > 4) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean known(String network) {
        return switch (network) {
            case "1", "2", "4", "8", "9", "10", "11", "13", "14", "16", "32" -> true;
            default -> false;
        };
    }

    /** A circle (9) or temporary group (10): a multiparty conversation, not a person. */
    public boolean group() {
        return "9".equals(network) || "10".equals(network);
    }

    /** The via parameter as an address, or null. */
    public RoutingAddress viaAddress() {
        return via == null ? null : parse(via);
    }

    /** {@code network:account} without parameters (the account alone when there is no prefix). */
    public String prefixed() {
        return network == null ? account : network + ":" + account;
    }

    /** The key of this address in a conversation: {@code network:account} in lower case. */
    public String key() {
        return prefixed() == null ? null : prefixed().toLowerCase(Locale.ROOT);
    }

    /** True when the address names nobody. */
    public boolean empty() {
        return account == null || account.isEmpty();
    }
}
