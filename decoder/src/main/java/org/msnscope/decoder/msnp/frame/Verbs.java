package org.msnscope.decoder.msnp.frame;

/**
 * The verbs msnscope knows (MSNP2 to MSNP21, all servers), looked up from the line's bytes without
 * making a String: three upper-case letters index a table of interned names; three digits are an
 * error reply. The set is open: an unknown verb is still decoded ({@link #of}), only flagged.
 * Sources per verb: docs/msnp.md.
 */
public final class Verbs {
    private static final String[] KNOWN = new String[26 * 26 * 26];
    private static final String[] NUMERIC = new String[1000];

    static {
        String all = "ACK ADC ADD ADG ADL ANS BLP BPR BYE CAL CCL CHG CHL CVQ CVR DEL FIL FLN FND FQY GCF GTC ILN IMS INF"
                + " IPG IRO JOI LKP LSG LST MSG NAK NFY NLN NOT OUT PAG PGD PNG PRP PUT QNG QRY REA REG REM RFS RMG"
                + " RML RNG SBP SBS SDC SDG SND SYN TFR UBM UBN UBX URL USR UUM UUN UUX VAS VER XFR";
        for (String v : all.split(" ")) {
            KNOWN[index(v.charAt(0), v.charAt(1), v.charAt(2))] = v;
        }
        for (int i = 0; i < 1000; i++) {
            NUMERIC[i] = String.format("%03d", i);
        }
    }

    private Verbs() {
    }

    private static int index(int a, int b, int c) {
        return ((a - 'A') * 26 + (b - 'A')) * 26 + (c - 'A');
    }

    private static boolean upper(int b) {
        return b >= 'A' && b <= 'Z';
    }

    private static boolean digit(int b) {
        return b >= '0' && b <= '9';
    }

    /** True when the three bytes have a verb's shape: three upper-case letters or three digits. */
    public static boolean shaped(byte[] buf, int off) {
        int a = buf[off];
        int b = buf[off + 1];
        int c = buf[off + 2];
        return (upper(a) && upper(b) && upper(c)) || (digit(a) && digit(b) && digit(c));
    }

    /** The interned name of a known verb or of an error code 100-999 at buf[off..off+3), else null. */
    public static String known(byte[] buf, int off) {
        int a = buf[off];
        int b = buf[off + 1];
        int c = buf[off + 2];
        if (upper(a) && upper(b) && upper(c)) {
            return KNOWN[index(a, b, c)];
        }
        if (digit(a) && digit(b) && digit(c) && a != '0') {
            return NUMERIC[(a - '0') * 100 + (b - '0') * 10 + (c - '0')];
        }
        return null;
    }

    /** The verb at buf[off..off+3): the interned known name, or a new String for an unknown one. */
    public static String of(byte[] buf, int off) {
        String k = known(buf, off);
        return k != null ? k : new String(buf, off, 3, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** True for a known verb name (not for error codes). */
    public static boolean isKnown(String verb) {
        return verb.length() == 3 && upper(verb.charAt(0)) && upper(verb.charAt(1)) && upper(verb.charAt(2))
                && KNOWN[index(verb.charAt(0), verb.charAt(1), verb.charAt(2))] != null;
    }

    /** True for a three-digit error reply. */
    public static boolean isError(String verb) {
        return verb.length() == 3 && digit(verb.charAt(0)) && digit(verb.charAt(1)) && digit(verb.charAt(2));
    }
}
