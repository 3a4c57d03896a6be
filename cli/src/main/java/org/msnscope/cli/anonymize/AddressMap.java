package org.msnscope.cli.anonymize;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.msnscope.decoder.net.Addresses;

/**
 * Consistent address pseudonyms, in order of first appearance: IPv4 addresses become 198.18.0.1,
 * 198.18.0.2... (the benchmarking range 198.18.0.0/15, which real MSN captures do not use, so a
 * pseudonym never looks like another original; past its 131,070 addresses, 10.0.0.0/8), IPv6
 * addresses 2001:db8::1, 2001:db8::2... (the documentation prefix) and MAC addresses
 * 02:00:00:00:00:01... (locally administered). The unspecified and broadcast addresses say nothing
 * and stay as they are.
 */
final class AddressMap {
    /** Addresses in 198.18.0.0/15 handed out before 10.0.0.0/8 is used. */
    private static final int V4_RANGE = (1 << 17) - 1;

    private final Tally tally;
    private final Consumer<String> remember;
    private final Map<Integer, Integer> v4 = new HashMap<>();
    private final Map<V6, V6> v6 = new HashMap<>();
    private final Map<Long, Long> macs = new HashMap<>();

    private record V6(long hi, long lo) {
    }

    AddressMap(Tally tally, Consumer<String> remember) {
        this.tally = tally;
        this.remember = remember;
    }

    /** The pseudonym of an IPv4 address (as a big-endian int). */
    int v4(int a) {
        if (a == 0 || a == -1) {
            return a;
        }
        Integer p = v4.get(a);
        if (p == null) {
            int n = v4.size() + 1;
            p = n < V4_RANGE ? 0xC6120000 + n : 0x0A000000 + n - V4_RANGE + 1;
            v4.put(a, p);
            tally.distinct(Kind.IPV4);
            remember.accept(Addresses.ipv4(a));
        }
        tally.occurrence(Kind.IPV4);
        return p;
    }

    /** Gives {@code a} its pseudonym now (first appearance) without counting a replacement. */
    void learnV4(int a) {
        if (!v4.containsKey(a) && a != 0 && a != -1) {
            v4(a);
            tally.uncount(Kind.IPV4);
        }
    }

    /** As {@link #learnV4} for an IPv6 address. */
    void learnV6(long hi, long lo) {
        if (!v6.containsKey(new V6(hi, lo)) && (hi != 0 || lo != 0)) {
            v6(hi, lo, new long[2]);
            tally.uncount(Kind.IPV6);
        }
    }

    boolean knownV4(int a) {
        return v4.containsKey(a);
    }

    /** The pseudonym of an IPv6 address; {@code out[0]}, {@code out[1]} receive its two halves. */
    void v6(long hi, long lo, long[] out) {
        if (hi == 0 && lo == 0) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        V6 key = new V6(hi, lo);
        V6 p = v6.get(key);
        if (p == null) {
            p = new V6(0x20010DB800000000L, v6.size() + 1);
            v6.put(key, p);
            tally.distinct(Kind.IPV6);
            remember.accept(Addresses.ipv6(hi, lo));
        }
        tally.occurrence(Kind.IPV6);
        out[0] = p.hi();
        out[1] = p.lo();
    }

    /** The pseudonym of a MAC address (48 bits); broadcast, multicast and all-zero addresses are kept. */
    long mac(long m) {
        if (m == 0 || m == 0xFFFF_FFFF_FFFFL || (m & 0x0100_0000_0000L) != 0) {
            return m;
        }
        Long p = macs.get(m);
        if (p == null) {
            p = 0x0200_0000_0000L + macs.size() + 1;
            macs.put(m, p);
            tally.distinct(Kind.MAC);
        }
        tally.occurrence(Kind.MAC);
        return p;
    }

    /** Parses a dotted IPv4 address (four decimal parts of at most 3 digits, each at most 255); null if it is not one. */
    static Integer parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int a = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int n = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + c - '0';
            }
            if (n > 255) {
                return null;
            }
            a = a << 8 | n;
        }
        return a;
    }

    /** The pseudonym of a dotted IPv4 address, or null when {@code s} is not one. */
    String v4Text(String s) {
        Integer a = parseV4(s);
        return a == null ? null : Addresses.ipv4(v4(a));
    }

    /** The pseudonym of an IPv6 literal ({@code 2001:db8::1}, no zone), or null when {@code s} is not one. */
    String v6Text(String s) {
        long[] hl = parseV6(s);
        if (hl == null) {
            return null;
        }
        long[] out = new long[2];
        v6(hl[0], hl[1], out);
        return Addresses.ipv6(out[0], out[1]);
    }

    /** An IPv6 literal as two longs, or null: hex groups, at most one {@code ::}, no embedded IPv4. */
    static long[] parseV6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0 || s.length() > 39) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null || h.length + t.length > 8 || (dbl < 0 && h.length != 8)) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(t, 0, all, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | all[i];
            lo = lo << 16 | all[i + 4];
        }
        return new long[] {hi, lo};
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }
}
