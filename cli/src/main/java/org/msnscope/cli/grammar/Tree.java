package org.msnscope.cli.grammar;

import java.util.List;
import java.util.Map;

/**
 * Reading the JSON tree of an inventory (maps, lists, strings, numbers). An inventory read from a
 * file may lack a field or hold the wrong kind of value: a missing map or list reads as empty, a
 * missing number as 0, and {@link #check} rejects a tree that is not an inventory at all.
 */
final class Tree {
    private Tree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Object> map(Map<String, Object> m, String key) {
        return map(m.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> m, String key) {
        return m.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String str(Map<String, Object> m, String key) {
        Object o = m.get(key);
        return o == null ? "" : o.toString();
    }

    static long num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** Null when the tree is an inventory this version reads, else what is wrong with it. */
    static String check(Object tree) {
        if (!(tree instanceof Map<?, ?> m) || !(m.get("grammar_format") instanceof Number f)) {
            return "not a grammar inventory (no grammar_format field)";
        }
        if (f.longValue() != Inventory.FORMAT) {
            return "grammar_format " + f + " is not " + Inventory.FORMAT;
        }
        if (!(m.get("groups") instanceof List<?>)) {
            return "not a grammar inventory (no groups list)";
        }
        return null;
    }
}
