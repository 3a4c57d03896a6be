package org.msnscope.decoder.msnp.frame;

/**
 * Which command lines announce a payload, and its length. The length is always the last argument;
 * whether a line carries one depends on the verb and on the line's shape, which is how direction
 * and version show: the client's {@code QRY trid id len} has a payload, the server's {@code QRY trid}
 * has none; {@code ADL trid len} does, {@code ADL trid OK} does not. The MSNP18+ routed commands always
 * carry one ({@code SDG trid len}, {@code PUT trid [OK] len}, {@code NFY PUT len}). The table and its
 * sources are in docs/msnp.md ("Payload commands") and docs/msnp21.md ("Framing").
 */
public final class PayloadRules {
    /** The line announces no payload. */
    public static final long NONE = -1;
    /** The line must announce a payload but its length is not a number. */
    public static final long BAD_LENGTH = -2;

    private PayloadRules() {
    }

    /**
     * @param tokens the line split on spaces, the verb first
     * @return the payload length, {@link #NONE} or {@link #BAD_LENGTH}
     */
    public static long payloadLength(String[] tokens, int count, boolean fromClient) {
        String verb = tokens[0];
        int need; // tokens including the verb before the length is believed
        boolean mandatory; // the verb always carries a payload in this shape
        switch (verb) {
            case "MSG" -> { need = 4; mandatory = true; }
            case "NOT", "IPG" -> { need = 2; mandatory = true; }
            case "QRY" -> { need = 4; mandatory = fromClient; }
            case "GCF" -> { need = 3; mandatory = false; }
            case "UUX", "UBX", "ADL", "RML", "FQY", "UUN", "UBN", "UUM", "UBM", "PAG", "SDC" -> {
                need = 3;
                mandatory = false;
            }
            // MSNP18+ routed commands always carry header blocks: SDG trid len, PUT/DEL trid [OK] len, NFY PUT|DEL len
            case "SDG", "PUT", "DEL", "NFY" -> { need = 3; mandatory = true; }
            case "PGD" -> { need = 4; mandatory = false; }
            default -> {
                if (!Verbs.isError(verb)) {
                    return NONE;
                }
                // NNN trid len: an error with a body (MSNPSharp: 204, 241, 509); NNN trid has none
                need = 3;
                mandatory = false;
            }
        }
        if (count < need) {
            return mandatory && count > 1 && (verb.equals("MSG") || routed(verb)) ? BAD_LENGTH : NONE;
        }
        long n = parseLength(tokens[count - 1]);
        if (n < 0) {
            return mandatory ? BAD_LENGTH : NONE;
        }
        return n;
    }

    /** The MSNP18+ routed commands, whose payload is header blocks (docs/msnp21.md). */
    public static boolean routed(String verb) {
        return verb.equals("SDG") || verb.equals("PUT") || verb.equals("DEL") || verb.equals("NFY");
    }

    /** A decimal length of at most 18 digits, or -1. */
    public static long parseLength(String s) {
        int len = s.length();
        if (len == 0 || len > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
