package org.msnscope.cli.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import java.util.regex.Pattern;
import org.msnscope.cli.sink.Timeline;
import org.msnscope.cli.sink.Timestamps;

/**
 * Draws the {@link TuiApp}'s state on a Lanterna {@link TextGraphics}: the side tree, the timeline,
 * the detail pane, the status bar, and the help, filter or prompt over them. It reads the state and
 * never changes it (but for the scroll position of the panes, which depends on their height).
 */
final class Painter {
    /** Below this width the tree is shown only while it has the focus, and addresses lose their domain. */
    static final int WIDE = 120;
    private static final TextColor[] CONVERSATION = {TextColor.ANSI.CYAN, TextColor.ANSI.YELLOW,
        TextColor.ANSI.MAGENTA, TextColor.ANSI.GREEN, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.RED_BRIGHT,
        TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT};
    private static final Pattern DOMAIN = Pattern.compile("(?<=[A-Za-z0-9._%+-])@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final TextColor SELECTED_BG = TextColor.ANSI.WHITE;
    private static final TextColor UNFOCUSED_BG = TextColor.ANSI.BLACK_BRIGHT;

    private final TuiApp app;
    private final Timestamps clock = new Timestamps(' ');

    Painter(TuiApp app) {
        this.app = app;
    }

    void paint(TextGraphics g, TerminalSize size) {
        int cols = size.getColumns();
        int rows = size.getRows();
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fill(' ');
        int body = rows - 2;
        boolean wide = cols >= WIDE;
        int treeWidth = wide ? Math.min(36, cols / 5) : app.focus == TuiApp.Focus.TREE ? Math.min(34, cols * 2 / 5) : 0;
        int x = treeWidth == 0 ? 0 : treeWidth + 1;
        int width = cols - x;
        int timelineHeight = app.detailOpen ? Math.max(3, body / 3) : body;
        timeline(g, x, 0, width, timelineHeight, wide);
        if (app.detailOpen) {
            detail(g, x, timelineHeight, width, body - timelineHeight);
        }
        if (treeWidth > 0) {
            tree(g, 0, 0, treeWidth, body);
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
            for (int y = 0; y < body; y++) {
                g.setCharacter(treeWidth, y, '|');
            }
        }
        status(g, rows - 2, cols);
        if (app.mode == TuiApp.Mode.HELP) {
            help(g, cols, rows);
        } else if (app.mode == TuiApp.Mode.FILTER) {
            filter(g, cols, rows);
        }
    }

    private void title(TextGraphics g, int x, int y, int width, String text, boolean focused) {
        g.setBackgroundColor(focused ? TextColor.ANSI.BLUE : UNFOCUSED_BG);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        g.enableModifiers(SGR.BOLD);
        put(g, x, y, width, " " + text);
        g.disableModifiers(SGR.BOLD);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    /** Writes {@code s} (control characters shown as '.') padded or cut to {@code width} columns. */
    static void put(TextGraphics g, int x, int y, int width, String s) {
        if (width <= 0) {
            return;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = 0; i < s.length() && b.length() < width; i++) {
            char c = s.charAt(i);
            // one column per character, so the columns line up: wide and unpaired characters become '?'
            b.append(c < 0x20 || c >= 0x7F && c < 0xA0 ? '.'
                    : Character.isSurrogate(c) || com.googlecode.lanterna.TerminalTextUtils.isCharDoubleWidth(c) ? '?' : c);
        }
        while (b.length() < width) {
            b.append(' ');
        }
        g.putString(x, y, b.toString());
    }

    private void timeline(TextGraphics g, int x, int y, int width, int height, boolean wide) {
        TimelineView v = app.view;
        EventStore store = app.store;
        String follow = app.live ? (v.following() ? "  following (F)" : "  paused (F follows)") : "";
        title(g, x, y, width, "Timeline  " + v.count() + " of " + store.size() + " events" + follow,
                app.focus == TuiApp.Focus.TIMELINE);
        int h = height - 1;
        v.scrollTo(h);
        int accountWidth = wide ? 18 : 10;
        for (int r = 0; r < h; r++) {
            int k = v.top() + r;
            if (k >= v.count()) {
                break;
            }
            int i = v.event(k);
            EventStore.Row row = store.row(i);
            int flow = store.flow(i);
            int flags = store.flags(i);
            String role = store.role(flow);
            String account = store.accounts.name(store.accountOf(flow));
            if (account != null && !wide) {
                account = DOMAIN.matcher(account).replaceAll("");
            }
            StringBuilder time = new StringBuilder();
            if (row.frame() == 0) {
                time.append('-');
            } else {
                String t = clock.format(row.tsNanos(), row.tsDigits());
                time.append(t, 11, Math.min(t.length(), wide ? t.length() : 23));
            }
            String arrow = (flags & EventStore.C2S) != 0 ? ">" : (flags & EventStore.S2C) != 0 ? "<" : " ";
            String summary = wide ? row.summary() : DOMAIN.matcher(row.summary()).replaceAll("");
            boolean selected = k == v.selected();
            boolean anomaly = (flags & EventStore.ANOMALY) != 0;
            boolean match = app.search != null && app.searchMatches.get(i);
            int yy = y + 1 + r;
            TextColor bg = selected ? app.focus == TuiApp.Focus.TIMELINE ? SELECTED_BG : UNFOCUSED_BG
                    : anomaly ? TextColor.ANSI.RED : TextColor.ANSI.DEFAULT;
            g.setBackgroundColor(bg);
            g.setForegroundColor(selected ? TextColor.ANSI.BLACK : TextColor.ANSI.DEFAULT);
            int col = x;
            int tw = wide ? 16 : 13;
            put(g, col, yy, tw, time.toString());
            col += tw;
            g.setForegroundColor(selected ? TextColor.ANSI.BLACK : roleColour(role));
            put(g, col, yy, 5, role.isEmpty() ? "-" : role);
            col += 5;
            put(g, col, yy, 2, arrow);
            col += 2;
            g.setForegroundColor(selected ? TextColor.ANSI.BLACK : TextColor.ANSI.DEFAULT);
            put(g, col, yy, accountWidth + 1, account == null ? "-" : cut(account, accountWidth));
            col += accountWidth + 1;
            int conv = store.conversation(i);
            String convName = conv == 0 ? null : store.conversations.name(conv);
            g.setForegroundColor(selected ? TextColor.ANSI.BLACK : anomaly ? TextColor.ANSI.WHITE_BRIGHT
                    : convName != null ? CONVERSATION[Timeline.colourIndex(convName, CONVERSATION.length)] : TextColor.ANSI.DEFAULT);
            if (anomaly || match) {
                g.enableModifiers(SGR.BOLD);
            }
            put(g, col, yy, x + width - col, (match ? "*" : "") + summary);
            g.disableModifiers(SGR.BOLD);
        }
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        if (v.count() == 0) {
            put(g, x + 1, y + 1, width - 1, store.counters.finished ? "no events match the filter"
                    : "decoding... (events appear as they are decoded)");
        }
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    private static TextColor roleColour(String role) {
        return switch (role) {
            case "NS" -> TextColor.ANSI.CYAN;
            case "SB" -> TextColor.ANSI.GREEN;
            case "DS" -> TextColor.ANSI.BLUE_BRIGHT;
            case "P2P" -> TextColor.ANSI.MAGENTA;
            case "HTTP" -> TextColor.ANSI.YELLOW;
            default -> TextColor.ANSI.DEFAULT;
        };
    }

    private void detail(TextGraphics g, int x, int y, int width, int height) {
        List<String> lines = app.detailLines(width);
        int h = height - 1;
        app.detailTop = Math.max(0, Math.min(app.detailTop, Math.max(0, lines.size() - h)));
        title(g, x, y, width, "Detail  " + (lines.isEmpty() ? "" : (app.detailTop + 1) + "-"
                + Math.min(lines.size(), app.detailTop + h) + " of " + lines.size() + " lines"), app.focus == TuiApp.Focus.DETAIL);
        for (int r = 0; r < h && app.detailTop + r < lines.size(); r++) {
            String s = lines.get(app.detailTop + r);
            boolean heading = !s.isEmpty() && s.charAt(0) == Detail.HEADING;
            if (heading) {
                g.enableModifiers(SGR.BOLD);
                g.setForegroundColor(TextColor.ANSI.YELLOW_BRIGHT);
                s = s.substring(1);
            }
            put(g, x, y + 1 + r, width, s);
            g.disableModifiers(SGR.BOLD);
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
    }

    private void tree(TextGraphics g, int x, int y, int width, int height) {
        List<SessionTree.Visible> nodes = app.treeNodes();
        title(g, x, y, width, "Sessions", app.focus == TuiApp.Focus.TREE);
        int h = height - 1;
        app.treeTop = Math.max(0, Math.min(app.treeTop, Math.max(0, nodes.size() - h)));
        if (app.treeSelected < app.treeTop) {
            app.treeTop = app.treeSelected;
        } else if (app.treeSelected >= app.treeTop + h) {
            app.treeTop = app.treeSelected - h + 1;
        }
        for (int r = 0; r < h && app.treeTop + r < nodes.size(); r++) {
            int k = app.treeTop + r;
            SessionTree.Visible n = nodes.get(k);
            boolean selected = k == app.treeSelected;
            boolean active = n.key().equals(app.scopeKey);
            g.setBackgroundColor(selected ? app.focus == TuiApp.Focus.TREE ? SELECTED_BG : UNFOCUSED_BG : TextColor.ANSI.DEFAULT);
            g.setForegroundColor(selected ? TextColor.ANSI.BLACK : switch (n.node().type) {
                case "ns" -> TextColor.ANSI.CYAN;
                case "conversation" -> CONVERSATION[Timeline.colourIndex(n.node().label, CONVERSATION.length)];
                case "transfer" -> TextColor.ANSI.MAGENTA;
                default -> TextColor.ANSI.DEFAULT;
            });
            if (active) {
                g.enableModifiers(SGR.BOLD);
            }
            String mark = n.hasChildren() ? n.open() ? "- " : "+ " : "  ";
            put(g, x, y + 1 + r, width, "  ".repeat(n.depth()) + mark + (active ? "*" : "") + (app.wide ? n.text()
                    : DOMAIN.matcher(n.text()).replaceAll("")));
            g.disableModifiers(SGR.BOLD);
        }
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void status(TextGraphics g, int y, int cols) {
        EventStore.Counters c = app.store.counters;
        StringBuilder s = new StringBuilder();
        s.append(" packets ").append(c.packets).append("  flows ").append(c.flows).append("  sessions ").append(c.sessions)
                .append("  anomalies ").append(c.anomalies);
        if (app.live) {
            s.append("  rate ").append(c.rate).append(" pkt/s  drops ").append(c.drops);
        }
        if (!c.finished) {
            s.append(app.live ? "  capturing" : c.bytesTotal > 0
                    ? "  decoding " + Math.min(99, c.bytesRead * 100 / c.bytesTotal) + "%" : "  decoding");
        }
        s.append("  filter: ").append(app.view.describeFilter());
        if (app.search != null) {
            s.append("  search \"").append(app.search.text).append("\": ")
                    .append(app.search.running() ? "searching" : app.search.found() + " found");
        }
        g.setBackgroundColor(TextColor.ANSI.BLUE);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        put(g, 0, y, cols, s.toString());
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        String second;
        if (app.mode == TuiApp.Mode.PROMPT) {
            second = app.promptLabel + app.input;
            g.enableModifiers(SGR.BOLD);
            put(g, 0, y + 1, cols, second);
            g.disableModifiers(SGR.BOLD);
            return;
        }
        second = app.message != null ? " " + app.message : cols >= 100
                ? " ? help  / search  n/N next/prev  f filter  t typing  e export  Tab pane  Enter detail"
                + (app.live ? "  F follow" : "") + "  q quit"
                : " ?:help /:search n/N f:filter t:typing e:export Tab Enter" + (app.live ? " F:follow" : "") + " q:quit";
        g.setForegroundColor(app.message != null ? TextColor.ANSI.YELLOW_BRIGHT : TextColor.ANSI.DEFAULT);
        put(g, 0, y + 1, cols, second);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void box(TextGraphics g, int x, int y, int w, int h, String title, List<String> lines, int selected) {
        g.setBackgroundColor(TextColor.ANSI.BLUE);
        g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        put(g, x, y, w, "+" + "-".repeat(Math.max(0, w - 2)) + "+");
        g.enableModifiers(SGR.BOLD);
        put(g, x + 2, y, Math.min(w - 4, title.length() + 2), " " + title + " ");
        g.disableModifiers(SGR.BOLD);
        for (int r = 0; r < h - 2; r++) {
            String s = r < lines.size() ? lines.get(r) : "";
            put(g, x, y + 1 + r, 1, "|");
            if (r == selected) {
                g.setBackgroundColor(SELECTED_BG);
                g.setForegroundColor(TextColor.ANSI.BLACK);
            }
            put(g, x + 1, y + 1 + r, w - 2, " " + s);
            g.setBackgroundColor(TextColor.ANSI.BLUE);
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
            put(g, x + w - 1, y + 1 + r, 1, "|");
        }
        put(g, x, y + h - 1, w, "+" + "-".repeat(Math.max(0, w - 2)) + "+");
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void help(TextGraphics g, int cols, int rows) {
        List<String> lines = TuiApp.HELP;
        int w = Math.min(cols - 2, 76);
        int h = Math.min(rows - 2, lines.size() + 2);
        box(g, (cols - w) / 2, Math.max(0, (rows - 2 - h) / 2), w, h, "Keys (any key closes)", lines, -1);
    }

    private void filter(TextGraphics g, int cols, int rows) {
        List<String> all = app.filterChoices();
        int w = Math.min(cols - 4, 70);
        int h = Math.min(rows - 4, Math.max(6, all.size() + 3));
        int visible = h - 3;
        int top = Math.max(0, Math.min(app.filterSelected - visible + 1, all.size() - visible));
        top = Math.max(0, Math.min(top, app.filterSelected));
        List<String> lines = new java.util.ArrayList<>();
        lines.add("type to narrow: " + app.input + "_");
        for (int i = top; i < Math.min(all.size(), top + visible); i++) {
            lines.add(all.get(i));
        }
        box(g, (cols - w) / 2, 2, w, h, "Filter (Enter applies, Esc closes)", lines,
                all.isEmpty() ? -1 : app.filterSelected - top + 1);
    }
}
