package org.msnscope.decoder.net;

/** Text forms of addresses: dotted IPv4 and RFC 5952 canonical IPv6, and {@code ip:port} endpoints. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code a.b.c.d:port} for IPv4 (low 32 bits of {@code lo}), {@code [v6]:port} for IPv6. */
    public static String endpoint(boolean v6, long hi, long lo, int port) {
        return v6 ? "[" + ipv6(hi, lo) + "]:" + port : ipv4((int) lo) + ":" + port;
    }

    public static String ipv4(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (2+ groups, first on a tie) as "::". */
    public static String ipv6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFF) {
            return "::ffff:" + ipv4((int) lo);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
