package org.msnscope.cli.grammar;

import java.util.Map;
import java.util.TreeMap;

/**
 * Verbs and catalogue values by direction, for one connection while it is open or for one group of
 * the inventory: what {@link Inventory#merge} folds in once the session's version and role are final.
 */
final class Tally {
    /** direction -> verb -> stats */
    final Map<String, Map<String, VerbStats>> verbs = new TreeMap<>();
    /** catalogue -> direction -> values */
    final Map<String, Map<String, Counter>> catalogues = new TreeMap<>();

    VerbStats verb(String dir, String verb, boolean known, String error) {
        return verbs.computeIfAbsent(dir, d -> new TreeMap<>(Counter.ORDER))
                .computeIfAbsent(verb, v -> new VerbStats(v, known, error));
    }

    Counter catalogue(String name, String dir) {
        return catalogues.computeIfAbsent(name, n -> new TreeMap<>())
                .computeIfAbsent(dir, d -> new Counter(Catalogues.MAX_VALUES));
    }

    boolean isEmpty() {
        return verbs.isEmpty() && catalogues.isEmpty();
    }
}
