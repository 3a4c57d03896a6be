package org.msnscope.cli.tui;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The timeline as the user sees it: the rows of the {@link EventStore} that pass the filter (scope
 * from the tree or the filter menu, account, event kinds, typing and keep-alive hidden), the
 * selected row and the first row shown. The selection is an event, not a position, so it stays put
 * when the filter changes or new rows arrive. No drawing here.
 */
final class TimelineView {
    private final EventStore store;
    private int[] rows = new int[1024];
    private int count;
    private int scanned;
    private int selected = -1;
    private int top;
    private boolean follow;

    SessionTree.Scope scope;
    /** Interned account id, 0 for any. */
    int account;
    /** Event kinds shown, null for all. */
    BitSet kinds;
    boolean hideNoise;

    TimelineView(EventStore store) {
        this.store = store;
    }

    /** Takes in rows stored since the last call; returns true when the view grew. */
    boolean refresh() {
        int n = store.size();
        int before = count;
        for (int i = scanned; i < n; i++) {
            if (matches(i)) {
                add(i);
            }
        }
        scanned = n;
        if (count > 0 && (selected < 0 || follow)) {
            selected = follow ? count - 1 : 0;
        }
        return count != before;
    }

    /** Recomputes the rows after a filter change, keeping the selected event (or the nearest after it). */
    void rebuild() {
        int event = selectedEvent();
        count = 0;
        scanned = 0;
        selected = -1;
        refresh();
        if (event >= 0 && count > 0) {
            int at = Arrays.binarySearch(rows, 0, count, event);
            selected = at >= 0 ? at : Math.min(count - 1, -at - 1);
        }
    }

    private boolean matches(int i) {
        if (hideNoise && (store.flags(i) & EventStore.NOISE) != 0) {
            return false;
        }
        if (kinds != null && !kinds.get(store.kind(i))) {
            return false;
        }
        if (account != 0 && store.accountOf(store.flow(i)) != account) {
            return false;
        }
        return scope == null || scope.matches(store, i);
    }

    private void add(int i) {
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[count++] = i;
    }

    int count() {
        return count;
    }

    /** The store index of the {@code k}-th row of the view. */
    int event(int k) {
        return rows[k];
    }

    int selected() {
        return selected;
    }

    int selectedEvent() {
        return selected >= 0 && selected < count ? rows[selected] : -1;
    }

    int top() {
        return top;
    }

    boolean following() {
        return follow;
    }

    void follow(boolean on) {
        follow = on;
        if (on && count > 0) {
            selected = count - 1;
        }
    }

    /** Moves the selection by {@code delta} rows (clamped); moving up stops following. */
    void move(int delta) {
        if (count == 0) {
            return;
        }
        if (delta < 0) {
            follow = false;
        }
        selected = Math.max(0, Math.min(count - 1, selected + delta));
    }

    void home() {
        follow = false;
        selected = count == 0 ? -1 : 0;
    }

    void end() {
        selected = count - 1;
    }

    /** Selects the row of store index {@code event} if it is in the view. */
    boolean select(int event) {
        int at = Arrays.binarySearch(rows, 0, count, event);
        if (at < 0) {
            return false;
        }
        follow = false;
        selected = at;
        return true;
    }

    /** Keeps the selection on screen in a pane of {@code height} rows. */
    void scrollTo(int height) {
        if (height <= 0) {
            return;
        }
        if (selected < top) {
            top = Math.max(0, selected);
        } else if (selected >= top + height) {
            top = selected - height + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, count - height)));
    }

    /** The next (or previous) row after the selection that is in {@code matches}, or -1. */
    int nextMatch(BitSet matches, boolean forward) {
        if (forward) {
            for (int k = selected + 1; k < count; k++) {
                if (matches.get(rows[k])) {
                    return k;
                }
            }
        } else {
            for (int k = selected - 1; k >= 0; k--) {
                if (matches.get(rows[k])) {
                    return k;
                }
            }
        }
        return -1;
    }

    void selectRow(int k) {
        if (k >= 0 && k < count) {
            follow = false;
            selected = k;
        }
    }

    /** The active filter in words, or "none". */
    String describeFilter() {
        StringBuilder s = new StringBuilder();
        if (scope != null) {
            s.append(scope.label);
        }
        if (account != 0) {
            s.append(s.length() > 0 ? ", " : "").append("account ").append(store.accounts.name(account));
        }
        if (kinds != null) {
            StringBuilder k = new StringBuilder();
            kinds.stream().forEach(i -> k.append(k.length() > 0 ? "," : "").append(Kind.NAMES.get(i)));
            s.append(s.length() > 0 ? ", " : "").append("kind ").append(k);
        }
        if (hideNoise) {
            s.append(s.length() > 0 ? ", " : "").append("no typing/keep-alive");
        }
        return s.length() == 0 ? "none" : s.toString();
    }
}
