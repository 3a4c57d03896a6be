package org.msnscope.decoder.msnp.command;

/**
 * An account as MSNP writes it: {@code bob@hotmail.com}, MSNP16+ {@code 1:bob@live.com} (network id
 * prefix) and {@code bob@live.com;{machine-guid}} (MPOP endpoint), or both.
 *
 * @param user the bare account
 * @param network the network id prefix, or null
 * @param endpoint the MPOP machine GUID with its braces, or null
 */
public record Address(String user, String network, String endpoint) {
    public static Address parse(String token) {
        if (token == null) {
            return new Address(null, null, null);
        }
        String s = token;
        String endpoint = null;
        int semi = s.indexOf(';');
        if (semi >= 0) {
            endpoint = s.substring(semi + 1);
            if (endpoint.startsWith("epid=")) {
                endpoint = endpoint.substring(5);
            }
            s = s.substring(0, semi);
        }
        String network = null;
        int colon = s.indexOf(':');
        if (colon > 0 && colon < s.indexOf('@')) {
            String n = s.substring(0, colon);
            boolean digits = !n.isEmpty() && n.chars().allMatch(c -> c >= '0' && c <= '9');
            if (digits) {
                network = n;
                s = s.substring(colon + 1);
            }
        }
        return new Address(s, network, endpoint == null || endpoint.isEmpty() ? null : endpoint);
    }
}
