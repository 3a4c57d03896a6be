package org.msnscope.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The terminal UI's state and its keys: which pane has the focus, the timeline view, the tree's
 * selection, the detail pane, search, filter, export and the prompts. {@link #key} changes the
 * state; {@link Painter} draws it; {@link #run} is the loop between a Lanterna screen and the two.
 */
final class TuiApp {
    enum Focus { TIMELINE, TREE, DETAIL }

    enum Mode { NORMAL, HELP, FILTER, PROMPT }

    static final List<String> HELP = List.of(
            "Up/Down      one row (PgUp/PgDn a page, Home/End the first/last)",
            "Tab          next pane: timeline, sessions, detail (Shift-Tab back)",
            "Enter        timeline: open or close the detail of the event",
            "             sessions: show only that node's events; again: fold it",
            "Left/Right   sessions: fold or unfold a node",
            "/            search every event's text (summary and all fields)",
            "n / N        next / previous match",
            "f            filter by event kind, account or conversation",
            "t            hide or show typing and keep-alive (PNG/QNG)",
            "e            export the view: NAME.jsonl (JSON Lines) or a transcript",
            "F            live: follow new events, or stop following",
            "Esc          close a prompt or a menu",
            "?            this help",
            "q, Ctrl-C    quit");

    final EventStore store;
    final TimelineView view;
    final Packets packets;
    final boolean live;
    Focus focus = Focus.TIMELINE;
    Mode mode = Mode.NORMAL;
    boolean detailOpen;
    int detailTop;
    boolean wide;
    int treeSelected;
    int treeTop;
    String scopeKey = "all:0";
    final Set<String> collapsed = new HashSet<>();
    Search search;
    BitSet searchMatches = new BitSet();
    String message;
    String promptLabel;
    final StringBuilder input = new StringBuilder();
    int filterSelected;
    boolean quit;
    private final Painter painter = new Painter(this);
    private Runnable onPromptEnter;
    private int detailEvent = -1;
    private int detailWidth;
    private List<String> detailCache = List.of();
    private List<SessionTree.Visible> treeCache;
    private int treeVersion = -1;
    private String pendingExport;
    private boolean jumpWhenSearched;

    TuiApp(EventStore store, Packets packets, boolean live) {
        this.store = store;
        this.packets = packets;
        this.live = live;
        this.view = new TimelineView(store);
        view.follow(live);
    }

    /** Draws the whole screen. */
    void draw(Screen screen) {
        TerminalSize size = screen.getTerminalSize();
        wide = size.getColumns() >= Painter.WIDE;
        view.refresh();
        settle();
        painter.paint(screen.newTextGraphics(), size);
    }

    /** The loop: keys, new events and resizes redraw the screen, until q or the terminal goes away. */
    void run(Screen screen) throws IOException, InterruptedException {
        long lastDraw = 0;
        boolean dirty = true;
        boolean complete = false;
        int seen = -1;
        while (!quit) {
            KeyStroke k = screen.pollInput();
            if (k != null) {
                key(k);
                dirty = true;
                continue;
            }
            boolean resized = screen.doResizeIfNecessary() != null;
            if (resized) {
                dirty = true;
                complete = true;
            }
            long now = System.nanoTime();
            boolean changed = store.size() != seen || !store.counters.finished || live || search != null && search.running()
                    || jumpWhenSearched;
            if (changed && now - lastDraw > 100_000_000L) {
                dirty = true;
            }
            if (dirty) {
                seen = store.size();
                draw(screen);
                // after a resize every cell is written again: what the terminal kept of the old size is not to be trusted
                screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
                complete = false;
                lastDraw = now;
                dirty = false;
            } else {
                Thread.sleep(15);
            }
        }
    }

    void key(KeyStroke k) {
        if (k.getKeyType() == KeyType.EOF || k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() == 'c') {
            quit = true; // the terminal went away, or Ctrl-C: as q (live: what was captured is decoded first)
            return;
        }
        if (k.isAltDown() && (mode == Mode.PROMPT || mode == Mode.FILTER) && k.getKeyType() == KeyType.Character) {
            // Esc and a key typed at once arrive as Alt-key: the Esc closes the prompt, the key is a command
            mode = Mode.NORMAL;
            pendingExport = null;
            normalKey(new KeyStroke(k.getCharacter(), false, false));
            return;
        }
        switch (mode) {
            case HELP -> mode = Mode.NORMAL;
            case PROMPT -> promptKey(k);
            case FILTER -> filterKey(k);
            default -> normalKey(k);
        }
    }

    private void normalKey(KeyStroke k) {
        message = null;
        KeyType t = k.getKeyType();
        if (t == KeyType.Character) {
            char c = k.getCharacter();
            switch (c) {
                case 'q' -> quit = true;
                case '?' -> mode = Mode.HELP;
                case '/' -> prompt("search: ", this::startSearch);
                case 'n' -> nextMatch(true);
                case 'N' -> nextMatch(false);
                case 'f' -> {
                    mode = Mode.FILTER;
                    input.setLength(0);
                    filterSelected = 0;
                }
                case 't' -> {
                    view.hideNoise = !view.hideNoise;
                    view.rebuild();
                    message = view.hideNoise ? "typing and keep-alive hidden (t shows them)" : "typing and keep-alive shown";
                }
                case 'e' -> prompt("export view to (NAME.jsonl for JSON Lines, else a transcript): ", this::export);
                case 'F' -> {
                    view.follow(!view.following());
                    message = view.following() ? "following new events" : "paused: the selection stays (F follows)";
                }
                default -> { }
            }
            return;
        }
        if (t == KeyType.Tab || t == KeyType.ReverseTab) {
            List<Focus> order = new ArrayList<>(List.of(Focus.TIMELINE, Focus.TREE));
            if (detailOpen) {
                order.add(Focus.DETAIL);
            }
            int at = order.indexOf(focus);
            focus = order.get(Math.floorMod(at + (t == KeyType.Tab ? 1 : -1), order.size()));
            return;
        }
        switch (focus) {
            case TIMELINE -> timelineKey(t);
            case TREE -> treeKey(t);
            case DETAIL -> detailKey(t);
            default -> { }
        }
    }

    private static final int PAGE = 10;

    private void timelineKey(KeyType t) {
        switch (t) {
            case ArrowUp -> view.move(-1);
            case ArrowDown -> view.move(1);
            case PageUp -> view.move(-PAGE);
            case PageDown -> view.move(PAGE);
            case Home -> view.home();
            case End -> view.end();
            case Enter -> {
                detailOpen = !detailOpen;
                detailTop = 0;
            }
            default -> { }
        }
    }

    private void detailKey(KeyType t) {
        switch (t) {
            case ArrowUp -> detailTop = Math.max(0, detailTop - 1);
            case ArrowDown -> detailTop++;
            case PageUp -> detailTop = Math.max(0, detailTop - PAGE);
            case PageDown -> detailTop += PAGE;
            case Home -> detailTop = 0;
            case End -> detailTop = Integer.MAX_VALUE / 2;
            case Enter -> {
                detailOpen = false;
                focus = Focus.TIMELINE;
            }
            default -> { }
        }
    }

    private void treeKey(KeyType t) {
        List<SessionTree.Visible> nodes = treeNodes();
        if (nodes.isEmpty()) {
            return;
        }
        treeSelected = Math.max(0, Math.min(treeSelected, nodes.size() - 1));
        SessionTree.Visible n = nodes.get(treeSelected);
        switch (t) {
            case ArrowUp -> treeSelected = Math.max(0, treeSelected - 1);
            case ArrowDown -> treeSelected = Math.min(nodes.size() - 1, treeSelected + 1);
            case PageUp -> treeSelected = Math.max(0, treeSelected - PAGE);
            case PageDown -> treeSelected = Math.min(nodes.size() - 1, treeSelected + PAGE);
            case Home -> treeSelected = 0;
            case End -> treeSelected = nodes.size() - 1;
            case ArrowRight -> expand(n, true);
            case ArrowLeft -> expand(n, false);
            case Enter -> {
                if (n.key().equals(scopeKey) && n.hasChildren() && n.depth() > 0) {
                    expand(n, !n.open()); // a second Enter on the node shown folds or unfolds it
                } else {
                    scope(n);
                }
            }
            default -> { }
        }
    }

    private void expand(SessionTree.Visible n, boolean open) {
        if (open) {
            collapsed.remove(n.key());
        } else {
            collapsed.add(n.key());
        }
        treeVersion = -1;
    }

    /** Shows only the events of a tree node (all events for the root). */
    void scope(SessionTree.Visible n) {
        view.scope = store.tree.scope(n.node());
        scopeKey = n.key();
        view.rebuild();
        message = view.scope == null ? "all events" : "showing " + view.scope.label + ": " + view.count() + " events";
    }

    List<SessionTree.Visible> treeNodes() {
        int v = store.tree.version();
        if (treeCache == null || v != treeVersion) {
            treeCache = store.tree.visible(collapsed);
            treeVersion = v;
        }
        return treeCache;
    }

    /** The detail pane's lines for the selected event (kept while the selection stays). */
    List<String> detailLines(int width) {
        int e = view.selectedEvent();
        if (e < 0) {
            return List.of();
        }
        if (e != detailEvent || width != detailWidth) {
            detailCache = Detail.lines(store, store.row(e), packets, width);
            if (e != detailEvent) {
                detailTop = 0;
            }
            detailEvent = e;
            detailWidth = width;
        }
        return detailCache;
    }

    // ------------------------------------------------------------------ prompts

    private void prompt(String label, Runnable enter) {
        mode = Mode.PROMPT;
        promptLabel = label;
        input.setLength(0);
        onPromptEnter = enter;
    }

    private void promptKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case Escape -> {
                mode = Mode.NORMAL;
                pendingExport = null;
            }
            case Backspace -> {
                if (input.length() > 0) {
                    input.setLength(input.length() - 1);
                }
            }
            case Enter -> {
                mode = Mode.NORMAL;
                onPromptEnter.run();
            }
            case Character -> input.append(k.getCharacter());
            default -> { }
        }
    }

    private void startSearch() {
        String text = input.toString();
        if (text.isEmpty()) {
            search = null;
            searchMatches = new BitSet();
            message = "search cleared";
            return;
        }
        search = new Search(store, text);
        search.extend();
        jumpWhenSearched = true;
        message = "searching for \"" + text + "\"...";
        settle();
    }

    /** Once a new search has gone through the stored events, selects its first match after the selection. */
    void settle() {
        if (jumpWhenSearched && search != null && !search.running()) {
            jumpWhenSearched = false;
            nextMatch(true);
        }
    }

    private void nextMatch(boolean forward) {
        if (search == null) {
            message = "no search yet: / searches";
            return;
        }
        search.extend();
        searchMatches = search.matches();
        int k = view.nextMatch(searchMatches, forward);
        if (k < 0 && view.selected() >= 0 && searchMatches.get(view.selectedEvent()) && view.nextMatch(searchMatches, !forward) < 0) {
            message = "\"" + search.text + "\": the only match in the view";
            return;
        }
        String wrapped = "";
        if (k < 0) {
            k = firstMatch(forward); // wrap around, as a pager does
            if (k < 0 || k == view.selected()) {
                message = "\"" + search.text + "\": no match in the view" + (search.running() ? " yet (still searching)" : "");
                return;
            }
            wrapped = forward ? ", wrapped to the top" : ", wrapped to the bottom";
        }
        view.selectRow(k);
        int nth = 0;
        int total = 0;
        for (int j = 0; j < view.count(); j++) {
            if (searchMatches.get(view.event(j))) {
                total++;
                if (j <= k) {
                    nth++;
                }
            }
        }
        message = "\"" + search.text + "\": match " + nth + " of " + total + " in the view" + wrapped;
    }

    /** The view's first matching row from the top ({@code forward}) or the bottom; -1 when none. */
    private int firstMatch(boolean forward) {
        int n = view.count();
        for (int i = 0; i < n; i++) {
            int j = forward ? i : n - 1 - i;
            if (searchMatches.get(view.event(j))) {
                return j;
            }
        }
        return -1;
    }

    private void export() {
        String name = input.toString().trim();
        if (name.isEmpty()) {
            message = "export cancelled: no file name";
            return;
        }
        Path target = Path.of(name);
        if (java.nio.file.Files.exists(target)) {
            pendingExport = name;
            prompt(name + " exists: overwrite it? (y/n) ", this::confirmExport);
            return;
        }
        writeExport(target);
    }

    private void confirmExport() {
        String answer = input.toString().trim();
        String name = pendingExport;
        pendingExport = null;
        if (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes")) {
            writeExport(Path.of(name));
        } else {
            message = "not exported: " + name + " left as it was";
        }
    }

    private void writeExport(Path target) {
        try {
            long n = Export.write(store, view, target, target.getFileName().toString().endsWith(".jsonl"));
            message = "exported " + n + " events to " + target + (target.toString().endsWith(".jsonl") ? " (JSON Lines)" : " (transcript)");
        } catch (IOException | RuntimeException e) {
            message = "cannot export to " + target + ": " + org.msnscope.cli.read.CaptureRun.oneLine(e);
        }
    }

    // ------------------------------------------------------------------ filter menu

    /** The filter menu's choices, narrowed by what was typed. */
    List<String> filterChoices() {
        List<String> all = new ArrayList<>();
        all.add("clear all filters");
        for (String k : Kind.NAMES) {
            boolean on = view.kinds != null && view.kinds.get(Kind.of(k));
            all.add("kind: " + k + (on ? "  (shown; Enter hides)" : ""));
        }
        for (int a = 1; a < store.accounts.size(); a++) {
            all.add("account: " + store.accounts.name(a));
        }
        for (SessionTree.Node c : store.tree.conversationsInOrder()) {
            all.add("conversation: " + c.text());
        }
        String narrow = input.toString().toLowerCase(java.util.Locale.ROOT);
        if (narrow.isEmpty()) {
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String s : all) {
            if (s.toLowerCase(java.util.Locale.ROOT).contains(narrow)) {
                out.add(s);
            }
        }
        return out;
    }

    private void filterKey(KeyStroke k) {
        List<String> choices = filterChoices();
        switch (k.getKeyType()) {
            case Escape -> mode = Mode.NORMAL;
            case ArrowUp -> filterSelected = Math.max(0, filterSelected - 1);
            case ArrowDown -> filterSelected = Math.min(Math.max(0, choices.size() - 1), filterSelected + 1);
            case PageUp -> filterSelected = Math.max(0, filterSelected - PAGE);
            case PageDown -> filterSelected = Math.min(Math.max(0, choices.size() - 1), filterSelected + PAGE);
            case Backspace -> {
                if (input.length() > 0) {
                    input.setLength(input.length() - 1);
                }
                filterSelected = 0;
            }
            case Character -> {
                input.append(k.getCharacter());
                filterSelected = 0;
            }
            case Enter -> {
                mode = Mode.NORMAL;
                if (!choices.isEmpty()) {
                    applyFilter(choices.get(Math.min(filterSelected, choices.size() - 1)));
                }
            }
            default -> { }
        }
    }

    /** Applies one filter-menu choice ("kind: message", "account: bob@...", "conversation: C1 ..."). */
    void applyFilter(String choice) {
        if (choice.equals("clear all filters")) {
            view.scope = null;
            view.account = 0;
            view.kinds = null;
            scopeKey = "all:0";
        } else if (choice.startsWith("kind: ")) {
            int kind = Kind.of(choice.substring(6).split(" ")[0]);
            if (view.kinds == null) {
                view.kinds = new BitSet();
                view.kinds.set(kind);
            } else {
                view.kinds.flip(kind);
                if (view.kinds.isEmpty()) {
                    view.kinds = null;
                }
            }
        } else if (choice.startsWith("account: ")) {
            view.account = store.accounts.find(choice.substring(9));
        } else if (choice.startsWith("conversation: ")) {
            String id = choice.substring(14).split(" ")[0];
            SessionTree.Node c = store.tree.conversationNode(store.conversations.find(id));
            if (c != null) {
                view.scope = store.tree.scope(c);
                scopeKey = SessionTree.key(c);
            }
        }
        view.rebuild();
        message = "filter: " + view.describeFilter() + " (" + view.count() + " events)";
    }
}
