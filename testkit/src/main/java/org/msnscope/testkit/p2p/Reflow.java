package org.msnscope.testkit.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-wraps Markdown text at a fixed width: paragraphs and list items ({@code - }, {@code 1. }) are joined
 * and wrapped again, list continuation lines indented under the item's text; headings stay as they are.
 */
public final class Reflow {
    static final int WIDTH = 100;
    private static final Pattern ITEM = Pattern.compile("^(- |\\d+\\. )");

    private Reflow() {
    }

    public static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        List<String> item = new ArrayList<>();
        String marker = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = ITEM.matcher(line);
            boolean blank = line.isBlank();
            boolean heading = line.startsWith("#");
            if (blank || heading || m.find()) {
                flush(out, item, marker);
                item.clear();
                marker = null;
                if (blank) {
                    out.append('\n');
                    continue;
                }
                if (heading) {
                    out.append(line).append('\n');
                    continue;
                }
                marker = m.group(1);
                item.add(line.substring(marker.length()).trim());
                continue;
            }
            item.add(line.trim());
        }
        flush(out, item, marker);
        String s = out.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Splits at spaces, but never inside a `code span`. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == ' ' && !code) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
                continue;
            }
            w.append(c);
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    private static void flush(StringBuilder out, List<String> item, String marker) {
        if (item.isEmpty()) {
            return;
        }
        String first = marker == null ? "" : marker;
        String rest = " ".repeat(first.length());
        List<String> words = words(String.join(" ", item).trim());
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String w : words) {
            if (!empty && line.length() + 1 + w.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(w);
            empty = false;
        }
        out.append(line).append('\n');
    }
}
