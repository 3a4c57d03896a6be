package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The candidate examples of one verb: per shape (arity and argument types) the two earliest lines,
 * for at most {@link #SHAPES} shapes (those seen first). Which two are printed is a function of
 * what was seen, not of the order flows were merged in: the earliest line, then the earliest of
 * another shape, else the second earliest.
 */
final class Examples {
    static final int SHAPES = 8;

    /**
     * One line as seen: the raw tokens and their types ({@code types} null for an MSNSLP start line,
     * whose addresses the redactor finds itself). Raw identities stay in memory, never in output.
     */
    record Example(long frame, String verb, List<String> tokens, List<String> types) {
        String shape() {
            return Examples.shape(tokens.size(), types);
        }

        String raw() {
            return verb + " " + String.join(" ", tokens);
        }

        String line(Redactor r) {
            return types == null ? (verb + " " + r.addresses(String.join(" ", tokens))).trim()
                    : r.line(verb, tokens, types);
        }
    }

    /** The arity and the argument types: lines of one shape differ only in their values. */
    static String shape(int arity, List<String> types) {
        return arity + (types == null ? "" : ":" + String.join(" ", types));
    }

    private static final Comparator<Example> EARLIEST = Comparator.comparingLong(Example::frame)
            .thenComparing(Example::raw);

    private final Map<String, List<Example>> byShape = new TreeMap<>();

    void add(Example e) {
        add(e, e.shape());
    }

    /**
     * Whether an example of this shape seen at {@code frame} could still be kept: not when its shape
     * already has two earlier ones (the common case, tested before an example is built).
     */
    boolean wants(String shape, long frame) {
        List<Example> l = byShape.get(shape);
        return l == null ? byShape.size() < SHAPES || frame < latestFirstFrame() : l.size() < 2 || frame <= l.get(1).frame();
    }

    private long latestFirstFrame() {
        long latest = Long.MIN_VALUE;
        for (List<Example> l : byShape.values()) {
            latest = Math.max(latest, l.get(0).frame());
        }
        return latest;
    }

    private void add(Example e, String shape) {
        List<Example> l = byShape.get(shape);
        if (l == null) {
            if (byShape.size() >= SHAPES && !evictLaterThan(e)) {
                return;
            }
            l = new ArrayList<>(2);
            byShape.put(shape, l);
        }
        for (Example x : l) {
            if (x.raw().equals(e.raw())) {
                if (EARLIEST.compare(e, x) < 0) {
                    l.set(l.indexOf(x), e);
                }
                return;
            }
        }
        l.add(e);
        l.sort(EARLIEST);
        if (l.size() > 2) {
            l.remove(2);
        }
    }

    /** Makes room for {@code e}'s shape by dropping the shape first seen latest, if that is after e. */
    private boolean evictLaterThan(Example e) {
        String latest = null;
        Example latestFirst = null;
        for (Map.Entry<String, List<Example>> s : byShape.entrySet()) {
            Example first = s.getValue().get(0);
            if (latestFirst == null || EARLIEST.compare(first, latestFirst) > 0) {
                latest = s.getKey();
                latestFirst = first;
            }
        }
        if (latestFirst == null || EARLIEST.compare(e, latestFirst) >= 0) {
            return false;
        }
        byShape.remove(latest);
        return true;
    }

    void merge(Examples o) {
        for (List<Example> l : o.byShape.values()) {
            for (Example e : l) {
                add(e);
            }
        }
    }

    /** The two printed: the earliest, then the earliest of another shape, else the second earliest. */
    List<Example> chosen() {
        List<Example> all = new ArrayList<>();
        byShape.values().forEach(all::addAll);
        all.sort(EARLIEST);
        List<Example> out = new ArrayList<>(2);
        if (all.isEmpty()) {
            return out;
        }
        Example first = all.get(0);
        out.add(first);
        for (Example e : all) {
            if (!e.shape().equals(first.shape())) {
                out.add(e);
                return out;
            }
        }
        if (all.size() > 1) {
            out.add(all.get(1));
        }
        return out;
    }
}
