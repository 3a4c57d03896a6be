package org.msnscope.cli.grammar;

import java.util.List;

/** Markdown being written: lines, tables, and inline code that survives any content. */
class MdText {
    private final StringBuilder sb = new StringBuilder();

    final void line(String s) {
        sb.append(s).append('\n');
    }

    /** A heading and a blank line; when there is nothing under it, {@code none} says so and false is returned. */
    final boolean heading(String heading, boolean empty, String none) {
        line(heading);
        line("");
        if (empty) {
            line(none);
            line("");
        }
        return !empty;
    }

    final void table(String[] head, List<String[]> rows) {
        line("| " + String.join(" | ", head) + " |");
        line("|" + "---|".repeat(head.length));
        for (String[] r : rows) {
            line("| " + String.join(" | ", r) + " |");
        }
        line("");
    }

    /** A longer fence around backticks; pipes escaped, for tables; line breaks as spaces. */
    static String code(String s) {
        String t = s.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
        boolean tick = t.contains("`");
        return (tick ? "`` " : "`") + t + (tick ? " ``" : "`");
    }

    final String text() {
        return sb.toString();
    }
}
