package org.msnscope.cli.tui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns short strings (flow, conversation, transfer, account ids) as small ints, so that a row of
 * the timeline holds numbers rather than strings. Id 0 is "none"; past {@link #MAX} distinct values
 * every new one shares the id {@link #MAX} (a filter on it then matches them all; docs/tui.md).
 */
final class Ids {
    /** The largest id: rows keep ids in 24 bits. */
    static final int MAX = (1 << 24) - 1;
    private final Map<String, Integer> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>(List.of(""));

    synchronized int id(String name) {
        if (name == null) {
            return 0;
        }
        Integer id = byName.get(name);
        if (id != null) {
            return id;
        }
        if (names.size() > MAX) {
            return MAX;
        }
        int n = names.size();
        names.add(name);
        byName.put(name, n);
        return n;
    }

    /** The id of a name already seen, or -1. */
    synchronized int find(String name) {
        Integer id = byName.get(name);
        return id == null ? -1 : id;
    }

    synchronized String name(int id) {
        return id <= 0 || id >= names.size() ? null : names.get(id);
    }

    synchronized int size() {
        return names.size();
    }
}
