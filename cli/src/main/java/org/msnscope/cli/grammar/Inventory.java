package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole inventory: verbs by group (protocol version, role, direction) and the catalogues, each
 * value with where it was seen. {@link #tree} gives the documented JSON form (docs/grammar.md) that
 * both output formats and {@code --diff} read.
 */
final class Inventory {
    /** Bumped when a field changes meaning or goes; new fields may be added without it. */
    static final int FORMAT = 1;

    private static final List<String> ROLES = List.of("DS", "NS", "SB", "P2P", "MSNFTP", "unknown");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    /** A group: the version as the decoder gave it ({@code unknown} when it gave none), role, direction. */
    record Group(String version, String role, String dir) {
        String label() {
            return version + " " + role + " " + dir;
        }
    }

    /** Versions by their first number, then as text; {@code unknown} last. Roles in {@link #ROLES} order. */
    static final Comparator<Group> ORDER = Comparator.comparing(Group::version, Inventory::compareVersions)
            .thenComparing(g -> ROLES.indexOf(g.role()) < 0 ? ROLES.size() : ROLES.indexOf(g.role()))
            .thenComparing(Group::role).thenComparing(Group::dir);

    static int compareVersions(String a, String b) {
        return Long.compare(versionRank(a), versionRank(b)) != 0 ? Long.compare(versionRank(a), versionRank(b))
                : a.compareTo(b);
    }

    private static long versionRank(String v) {
        Matcher m = NUMBER.matcher(v);
        return v.equals("unknown") || !m.find() ? Long.MAX_VALUE : Long.parseLong(m.group().substring(0,
                Math.min(9, m.group().length())));
    }

    /** One catalogue value: how often, first frame, and the groups it was seen in. */
    static final class Row {
        long count;
        long firstFrame = Long.MAX_VALUE;
        final Set<Group> where = new TreeSet<>(ORDER);
    }

    final Map<Group, Map<String, VerbStats>> groups = new TreeMap<>(ORDER);
    final Map<String, Map<String, Row>> catalogues = new TreeMap<>();
    long commands;
    long messages;
    long slpMessages;
    long p2pHeaders;
    long sessions;
    long anomalies;
    private long omitted;

    /** Folds one connection's tally in, now that its version and role are final. */
    void merge(Tally t, String version, String role) {
        String v = version == null ? "unknown" : version;
        for (Map.Entry<String, Map<String, VerbStats>> d : t.verbs.entrySet()) {
            Map<String, VerbStats> into = groups.computeIfAbsent(new Group(v, role, d.getKey()),
                    g -> new TreeMap<>(Counter.ORDER));
            for (VerbStats s : d.getValue().values()) {
                VerbStats mine = into.get(s.verb);
                if (mine == null) {
                    into.put(s.verb, s);
                } else {
                    mine.merge(s);
                }
            }
        }
        for (Map.Entry<String, Map<String, Counter>> c : t.catalogues.entrySet()) {
            Map<String, Row> rows = catalogues.computeIfAbsent(c.getKey(), k -> new TreeMap<>(Counter.ORDER));
            for (Map.Entry<String, Counter> d : c.getValue().entrySet()) {
                omitted += d.getValue().omitted();
                for (Map.Entry<String, long[]> e : d.getValue().entries().entrySet()) {
                    Row r = rows.get(e.getKey());
                    if (r == null) {
                        if (rows.size() >= Catalogues.MAX_VALUES) {
                            omitted += e.getValue()[0];
                            continue;
                        }
                        r = new Row();
                        rows.put(e.getKey(), r);
                    }
                    r.count += e.getValue()[0];
                    r.firstFrame = Math.min(r.firstFrame, e.getValue()[1]);
                    r.where.add(new Group(v, role, d.getKey()));
                }
            }
        }
    }

    /** The JSON form: the same inventory always gives the same tree, in the same order. */
    Map<String, Object> tree(List<String> inputs, Redactor r, Set<String> unknownGuids) {
        List<Object> groupList = new ArrayList<>();
        Map<String, Map<String, Object>> unknownVerbs = new TreeMap<>(Counter.ORDER);
        long omittedInVerbs = 0;
        for (Map.Entry<Group, Map<String, VerbStats>> g : groups.entrySet()) {
            Group key = g.getKey();
            boolean slp = key.role().equals("P2P");
            List<Object> verbs = new ArrayList<>();
            long total = 0;
            for (VerbStats s : g.getValue().values()) {
                verbs.add(s.tree(r, slp));
                total += s.count;
                omittedInVerbs += s.omitted();
                boolean unknown = slp ? s.verb.matches("[A-Za-z]+") && !Catalogues.known(Catalogues.SLP_METHODS, s.verb,
                        unknownGuids) : !s.known || (s.verb.matches("[0-9]{3}") && s.error == null);
                if (unknown) {
                    unknownVerb(unknownVerbs, key, s, !slp && s.known);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", key.version());
            m.put("version_inferred", !key.version().matches("MSNP[0-9]+"));
            m.put("role", key.role());
            m.put("dir", key.dir());
            m.put("count", total);
            m.put("verbs", verbs);
            groupList.add(m);
        }
        Map<String, Object> cats = new LinkedHashMap<>();
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("verbs", new ArrayList<Object>(unknownVerbs.values()));
        for (String name : Catalogues.ALL) {
            List<Object> all = new ArrayList<>();
            List<Object> unknownRows = new ArrayList<>();
            for (Map.Entry<String, Row> e : catalogues.getOrDefault(name, Map.of()).entrySet()) {
                boolean known = Catalogues.known(name, e.getKey(), unknownGuids);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("value", e.getKey());
                row.put("known", known);
                row.put("count", e.getValue().count);
                row.put("first_frame", e.getValue().firstFrame);
                row.put("where", labels(e.getValue().where));
                all.add(row);
                if (!known) {
                    unknownRows.add(row);
                }
            }
            cats.put(name, all);
            unknown.put(name, unknownRows);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("commands", commands);
        summary.put("messages", messages);
        summary.put("slp_messages", slpMessages);
        summary.put("p2p_headers", p2pHeaders);
        summary.put("sessions", sessions);
        summary.put("anomalies", anomalies);
        summary.put("omitted", omitted + omittedInVerbs);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("grammar_format", FORMAT);
        top.put("inputs", inputs);
        top.put("summary", summary);
        top.put("unknown", unknown);
        top.put("groups", groupList);
        top.put("catalogues", cats);
        return top;
    }

    /** @param known true for an error code whose meaning msnscope does not know (the code itself is a known shape) */
    private static void unknownVerb(Map<String, Map<String, Object>> into, Group g, VerbStats s, boolean known) {
        Map<String, Object> row = into.get(s.verb);
        if (row == null) {
            row = new LinkedHashMap<>();
            row.put("verb", s.verb);
            row.put("known", known);
            row.put("error", s.error);
            row.put("count", 0L);
            row.put("first_frame", s.firstFrame);
            row.put("where", new ArrayList<String>());
            into.put(s.verb, row);
        }
        row.put("count", (Long) row.get("count") + s.count);
        row.put("first_frame", Math.min((Long) row.get("first_frame"), s.firstFrame));
        @SuppressWarnings("unchecked")
        List<String> where = (List<String>) row.get("where");
        where.add(g.label());
    }

    private static List<Object> labels(Set<Group> where) {
        List<Object> out = new ArrayList<>(where.size());
        for (Group g : where) {
            out.add(g.label());
        }
        return out;
    }
}
