package org.msnscope.decoder.msnp.session;

import java.util.Set;

/**
 * Which commands carry a transaction id after the verb. Clients number every command but PNG and
 * OUT. Servers answer with the client's TrID, but their own notifications carry none (MSG, NLN,
 * RNG, JOI...), and the contact-list lines of a sync lost theirs in MSNP8 ({@code LSG 0 name 0}
 * is group 0, not TrID 0). docs/msnp.md, "Transaction ids".
 */
final class Trids {
    private static final Set<String> SERVER_WITHOUT = Set.of("MSG", "NOT", "IPG", "NLN", "FLN", "UBX", "UBN", "UBM",
            "RNG", "JOI", "BYE", "QNG", "OUT", "BPR", "PNG", "NFY");
    private static final Set<String> CLIENT_WITHOUT = Set.of("PNG", "OUT");

    private Trids() {
    }

    /** True when tokens[1] is this command's TrID. */
    static boolean has(String verb, String[] tokens, int count, boolean fromClient, int version) {
        if (count < 2 || !numeric(tokens[1])) {
            return false;
        }
        if (fromClient) {
            return !CLIENT_WITHOUT.contains(verb);
        }
        if (SERVER_WITHOUT.contains(verb)) {
            return false;
        }
        if (verb.equals("LSG")) {
            // MSNP2-7: LSG trid ver index total id name 0; MSNP8-9: LSG id name 0
            return version != 0 ? version < 8 : count >= 7;
        }
        return true;
    }

    static boolean numeric(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
