package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What two inventory trees differ in. Verbs are matched by role, direction and verb whatever the
 * version (comparing versions is the point); within each, the facets compared are sets: arities,
 * TrID use, the types and literal values of each position, payload kinds, Content-Types with their
 * headers and body fields, XML roots and paths, replies. Catalogues are compared by value.
 */
final class Diff {
    /** Bumped when a field of the diff changes meaning or goes. */
    static final int FORMAT = 1;

    private Diff() {
    }

    /** The facets of one verb across the groups (versions) of one side. */
    private static final class Facets {
        long count;
        final Map<String, Set<String>> sets = new TreeMap<>(Counter.ORDER);
        final List<Object> examples = new ArrayList<>();

        void add(String facet, String value) {
            sets.computeIfAbsent(facet, f -> new TreeSet<>(Counter.ORDER)).add(value);
        }
    }

    static Map<String, Object> of(String nameA, Map<String, Object> a, String nameB, Map<String, Object> b) {
        Map<String, Facets> fa = facets(a);
        Map<String, Facets> fb = facets(b);
        List<Object> added = new ArrayList<>();
        List<Object> removed = new ArrayList<>();
        List<Object> changed = new ArrayList<>();
        Set<String> keys = new TreeSet<>(Diff::compareKeys);
        keys.addAll(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            Facets x = fa.get(k);
            Facets y = fb.get(k);
            if (x == null) {
                added.add(verbRow(k, y));
            } else if (y == null) {
                removed.add(verbRow(k, x));
            } else {
                List<Object> changes = changes(x.sets, y.sets);
                if (!changes.isEmpty()) {
                    Map<String, Object> row = key(k);
                    row.put("count_a", x.count);
                    row.put("count_b", y.count);
                    row.put("changes", changes);
                    row.put("examples_a", x.examples);
                    row.put("examples_b", y.examples);
                    changed.add(row);
                }
            }
        }
        List<Object> cats = new ArrayList<>();
        for (String name : Catalogues.ALL) {
            Map<String, Object> c = change("catalogue", name, values(Tree.list(Tree.map(a, "catalogues"), name)),
                    values(Tree.list(Tree.map(b, "catalogues"), name)));
            if (c != null) {
                cats.add(c);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("diff_format", FORMAT);
        d.put("a", side(nameA, a));
        d.put("b", side(nameB, b));
        d.put("identical", added.isEmpty() && removed.isEmpty() && changed.isEmpty() && cats.isEmpty());
        d.put("verbs_added", added);
        d.put("verbs_removed", removed);
        d.put("verbs_changed", changed);
        d.put("catalogues", cats);
        return d;
    }

    private static Map<String, Object> side(String name, Map<String, Object> t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", name);
        m.put("inputs", Tree.list(t, "inputs"));
        m.put("versions", Select.versions(t));
        return m;
    }

    /** {@code role dir verb} keys, in the inventory's role order, then direction, then verb. */
    private static int compareKeys(String a, String b) {
        String[] x = a.split(" ", 3);
        String[] y = b.split(" ", 3);
        int c = Inventory.ORDER.compare(new Inventory.Group("", x[0], x[1]), new Inventory.Group("", y[0], y[1]));
        return c != 0 ? c : Counter.ORDER.compare(x[2], y[2]);
    }

    private static Map<String, Object> key(String k) {
        String[] p = k.split(" ", 3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", p[0]);
        m.put("dir", p[1]);
        m.put("verb", p[2]);
        return m;
    }

    private static Map<String, Object> verbRow(String k, Facets f) {
        Map<String, Object> m = key(k);
        m.put("count", f.count);
        m.put("examples", f.examples);
        return m;
    }

    private static Map<String, Facets> facets(Map<String, Object> tree) {
        Map<String, Facets> out = new TreeMap<>();
        for (Object go : Tree.list(tree, "groups")) {
            Map<String, Object> g = Tree.map(go);
            for (Object vo : Tree.list(g, "verbs")) {
                Map<String, Object> v = Tree.map(vo);
                String k = Tree.str(g, "role") + " " + Tree.str(g, "dir") + " " + Tree.str(v, "verb");
                Facets f = out.computeIfAbsent(k, x -> new Facets());
                f.count += Tree.num(v, "count");
                for (Object e : Tree.list(v, "examples")) {
                    if (f.examples.size() < 2) {
                        f.examples.add(Tree.str(Tree.map(e), "line"));
                    }
                }
                verbFacets(f, v);
            }
        }
        return out;
    }

    private static void verbFacets(Facets f, Map<String, Object> v) {
        Map<String, Object> trid = Tree.map(v, "trid");
        if (Tree.num(trid, "with") > 0) {
            f.add("trid", "with");
        }
        if (Tree.num(trid, "without") > 0) {
            f.add("trid", "without");
        }
        for (Object o : Tree.list(v, "arity")) {
            f.add("arity", Tree.str(Tree.map(o), "arity"));
        }
        for (Object o : Tree.list(v, "arguments")) {
            Map<String, Object> a = Tree.map(o);
            String pos = "argument " + Tree.str(a, "position");
            for (Object to : Tree.list(a, "types")) {
                Map<String, Object> t = Tree.map(to);
                f.add(pos + " types", Tree.str(t, "type"));
                for (Object val : Tree.list(t, "values")) {
                    f.add(pos + " " + Tree.str(t, "type") + " values", Tree.str(Tree.map(val), "value"));
                }
            }
        }
        f.add("payload", v.get("payload") == null ? "none" : "carried");
        Map<String, Object> p = Tree.map(v, "payload");
        for (Object o : Tree.list(p, "kinds")) {
            f.add("payload kinds", Tree.str(Tree.map(o), "kind"));
        }
        for (Object o : Tree.list(p, "content_types")) {
            Map<String, Object> c = Tree.map(o);
            String ct = Tree.str(c, "content_type");
            f.add("content types", ct);
            for (Object h : Tree.list(c, "headers")) {
                f.add("headers of " + ct, Tree.str(Tree.map(h), "name"));
            }
            for (Object h : Tree.list(c, "fields")) {
                f.add("body fields of " + ct, Tree.str(Tree.map(h), "name"));
            }
        }
        Map<String, Object> xml = Tree.map(p, "xml");
        for (Object o : Tree.list(xml, "roots")) {
            f.add("xml roots", Tree.str(Tree.map(o), "name"));
        }
        for (Object o : Tree.list(xml, "paths")) {
            f.add("xml paths", Tree.str(Tree.map(o), "path"));
        }
        for (Object o : Tree.list(v, "replies")) {
            f.add("replies", Tree.str(Tree.map(o), "reply"));
        }
    }

    private static List<Object> changes(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Set<String> facets = new TreeSet<>(Counter.ORDER);
        facets.addAll(a.keySet());
        facets.addAll(b.keySet());
        List<Object> out = new ArrayList<>();
        for (String facet : facets) {
            Map<String, Object> c = change("what", facet, a.getOrDefault(facet, Set.of()), b.getOrDefault(facet, Set.of()));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code {name: key, "added": [in y only], "removed": [in x only]}}, or null when x and y are equal. */
    private static Map<String, Object> change(String name, String key, Set<String> x, Set<String> y) {
        List<String> plus = minus(y, x);
        List<String> less = minus(x, y);
        if (plus.isEmpty() && less.isEmpty()) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(name, key);
        c.put("added", plus);
        c.put("removed", less);
        return c;
    }

    private static Set<String> values(List<Object> rows) {
        Set<String> out = new TreeSet<>(Counter.ORDER);
        for (Object o : rows) {
            out.add(Tree.str(Tree.map(o), "value"));
        }
        return out;
    }

    private static List<String> minus(Set<String> x, Set<String> y) {
        List<String> out = new ArrayList<>();
        for (String s : x) {
            if (!y.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
