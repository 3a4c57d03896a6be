package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of distinct strings with the first frame each was seen in, in {@link #ORDER}; at most
 * {@code limit} distinct values, further ones only counted in {@link #omitted()} (a hostile capture
 * cannot make a table grow without bound).
 */
final class Counter {
    /**
     * Natural order, the same everywhere in the output: runs of digits compare by value and come
     * before other text ({@code 2 < 10 < INVITE}, {@code MSNP8 < MSNP11}), the rest by code point.
     */
    static final Comparator<String> ORDER = Counter::natural;

    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean da = digit(a.charAt(i));
            boolean db = digit(b.charAt(j));
            if (da != db) {
                return da ? -1 : 1;
            }
            int ei = run(a, i, da);
            int ej = run(b, j, db);
            int c;
            if (da) {
                String x = strip(a.substring(i, ei));
                String y = strip(b.substring(j, ej));
                c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else {
                c = a.substring(i, ei).compareTo(b.substring(j, ej));
            }
            if (c != 0) {
                return c;
            }
            i = ei;
            j = ej;
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int run(String s, int from, boolean digits) {
        int k = from;
        while (k < s.length() && digit(s.charAt(k)) == digits) {
            k++;
        }
        return k;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String strip(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private final TreeMap<String, long[]> counts = new TreeMap<>(ORDER);
    private final int limit;
    private long omitted;

    Counter(int limit) {
        this.limit = limit;
    }

    void add(String value, long n, long frame) {
        long[] c = counts.get(value);
        if (c == null) {
            if (counts.size() >= limit) {
                omitted += n;
                return;
            }
            counts.put(value, new long[] {n, frame});
            return;
        }
        c[0] += n;
        c[1] = Math.min(c[1], frame);
    }

    void add(String value, long frame) {
        add(value, 1, frame);
    }

    void merge(Counter o) {
        for (Map.Entry<String, long[]> e : o.counts.entrySet()) {
            add(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        omitted += o.omitted;
    }

    /** Value, count and first frame, in {@link #ORDER}. */
    Map<String, long[]> entries() {
        return counts;
    }

    int size() {
        return counts.size();
    }

    long count(String value) {
        long[] c = counts.get(value);
        return c == null ? 0 : c[0];
    }

    long omitted() {
        return omitted;
    }

    long total() {
        long t = omitted;
        for (long[] c : counts.values()) {
            t += c[0];
        }
        return t;
    }

    /** {@code [{key: value, "count": n}, ...]} in {@link #ORDER}. */
    List<Object> rows(String key) {
        return rows(key, false);
    }

    /** As {@link #rows(String)}; {@code numeric} writes the values as numbers (they must be). */
    List<Object> rows(String key, boolean numeric) {
        List<Object> out = new ArrayList<>(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(key, numeric ? (Object) Long.valueOf(e.getKey()) : e.getKey());
            row.put("count", e.getValue()[0]);
            out.add(row);
        }
        return out;
    }
}
