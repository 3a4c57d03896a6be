package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A diff of two inventories as Markdown: what B has that A lacks, what it lost, what changed, with examples. */
final class DiffMarkdown extends MdText {
    private DiffMarkdown() {
    }

    static String render(Map<String, Object> d) {
        DiffMarkdown md = new DiffMarkdown();
        md.all(d);
        return md.text();
    }

    private void all(Map<String, Object> d) {
        Map<String, Object> a = Tree.map(d, "a");
        Map<String, Object> b = Tree.map(d, "b");
        line("# Grammar diff: " + code(Tree.str(a, "input")) + " → " + code(Tree.str(b, "input")));
        line("");
        line("- A: " + code(Tree.str(a, "input")) + ", versions " + versions(a));
        line("- B: " + code(Tree.str(b, "input")) + ", versions " + versions(b));
        line("");
        line("Verbs are matched by role, direction and verb, whatever the version (docs/grammar.md, \"Diff\"). "
                + "Examples are anonymised on each side separately.");
        line("");
        if (Boolean.TRUE.equals(d.get("identical"))) {
            line("No differences.");
            return;
        }
        verbs("Verbs added (in B, not in A)", Tree.list(d, "verbs_added"));
        verbs("Verbs removed (in A, not in B)", Tree.list(d, "verbs_removed"));
        List<Object> changed = Tree.list(d, "verbs_changed");
        heading("## Verbs changed", changed.isEmpty(), "None.");
        for (Object o : changed) {
            Map<String, Object> v = Tree.map(o);
            line("### " + code(Tree.str(v, "verb")) + " (" + Tree.str(v, "role") + " " + Tree.str(v, "dir") + ")");
            line("");
            line("Seen in A: " + v.get("count_a") + "; in B: " + v.get("count_b") + ".");
            line("");
            List<String[]> rows = new ArrayList<>();
            for (Object c : Tree.list(v, "changes")) {
                Map<String, Object> ch = Tree.map(c);
                rows.add(new String[] {Tree.str(ch, "what"), codes(Tree.list(ch, "added")), codes(Tree.list(ch, "removed"))});
            }
            table(new String[] {"what", "added in B", "removed from A"}, rows);
            examples("A", Tree.list(v, "examples_a"));
            examples("B", Tree.list(v, "examples_b"));
        }
        List<Object> cats = Tree.list(d, "catalogues");
        if (!heading("## Catalogues", cats.isEmpty(), "No differences.")) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Object o : cats) {
            Map<String, Object> c = Tree.map(o);
            rows.add(new String[] {Tree.str(c, "catalogue"), codes(Tree.list(c, "added")), codes(Tree.list(c, "removed"))});
        }
        table(new String[] {"catalogue", "added in B", "removed from A"}, rows);
    }

    private void verbs(String title, List<Object> rows) {
        if (!heading("## " + title, rows.isEmpty(), "None.")) {
            return;
        }
        List<String[]> out = new ArrayList<>();
        for (Object o : rows) {
            Map<String, Object> v = Tree.map(o);
            out.add(new String[] {Tree.str(v, "role"), Tree.str(v, "dir"), code(Tree.str(v, "verb")),
                v.get("count").toString(), codes(Tree.list(v, "examples"))});
        }
        table(new String[] {"role", "dir", "verb", "count", "examples"}, out);
    }

    private void examples(String side, List<Object> lines) {
        if (lines.isEmpty()) {
            return;
        }
        line("Examples in " + side + ":");
        line("");
        for (Object l : lines) {
            line("    " + l);
        }
        line("");
    }

    private static String versions(Map<String, Object> side) {
        List<String> out = new ArrayList<>();
        for (Object v : Tree.list(side, "versions")) {
            out.add(String.valueOf(v));
        }
        return out.isEmpty() ? "(none)" : String.join(", ", out);
    }

    private static String codes(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(code(String.valueOf(v)));
        }
        return out.isEmpty() ? "–" : String.join(" ", out);
    }
}
