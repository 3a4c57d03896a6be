package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One version of an inventory tree: its groups, and the catalogue values seen in them. */
final class Select {
    private Select() {
    }

    /** The versions of the tree's groups, in their order. */
    static List<String> versions(Map<String, Object> tree) {
        Set<String> out = new LinkedHashSet<>();
        for (Object g : Tree.list(tree, "groups")) {
            out.add(Tree.str(Tree.map(g), "version"));
        }
        return new ArrayList<>(out);
    }

    /**
     * A copy holding only the groups of {@code version} (matched without regard to case) and the
     * catalogue and unknown rows seen in them, their {@code where} narrowed; null when no group has it.
     */
    static Map<String, Object> version(Map<String, Object> tree, String version) {
        String v = version.toUpperCase(Locale.ROOT);
        List<Object> groups = new ArrayList<>();
        for (Object g : Tree.list(tree, "groups")) {
            if (Tree.str(Tree.map(g), "version").toUpperCase(Locale.ROOT).equals(v)) {
                groups.add(g);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(tree);
        out.put("groups", groups);
        out.put("unknown", rows(Tree.map(tree, "unknown"), v));
        out.put("catalogues", rows(Tree.map(tree, "catalogues"), v));
        return out;
    }

    private static Map<String, Object> rows(Map<String, Object> lists, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : lists.entrySet()) {
            List<Object> kept = new ArrayList<>();
            for (Object o : Tree.list(lists, e.getKey())) {
                Map<String, Object> row = Tree.map(o);
                List<Object> where = new ArrayList<>();
                for (Object w : Tree.list(row, "where")) {
                    String label = String.valueOf(w);
                    if (label.toUpperCase(Locale.ROOT).startsWith(version + " ")) {
                        where.add(label);
                    }
                }
                if (!where.isEmpty()) {
                    Map<String, Object> copy = new LinkedHashMap<>(row);
                    copy.put("where", where);
                    kept.add(copy);
                }
            }
            out.put(e.getKey(), kept);
        }
        return out;
    }
}
