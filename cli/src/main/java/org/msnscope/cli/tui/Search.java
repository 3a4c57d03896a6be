package org.msnscope.cli.tui;

import java.io.IOException;
import java.util.BitSet;
import java.util.Locale;

/**
 * A text search over every stored event (its summary and its whole JSON line, case-insensitive),
 * run on its own thread through the spill file so the screen stays live on a large capture. Rows
 * stored after the search started are searched when {@link #extend()} is called.
 */
final class Search {
    final String text;
    private final String needle;
    private final EventStore store;
    private final BitSet matches = new BitSet();
    private volatile int searched;
    private volatile int target;
    private volatile boolean running;
    private volatile String error;

    Search(EventStore store, String text) {
        this.store = store;
        this.text = text;
        this.needle = text.toLowerCase(Locale.ROOT);
    }

    /** Searches rows not searched yet, in the background. */
    synchronized void extend() {
        if (running || searched >= store.size()) {
            return;
        }
        running = true;
        target = store.size();
        Thread t = new Thread(this::runOnce, "msnscope-search");
        t.setDaemon(true);
        t.start();
    }

    private void runOnce() {
        int from = searched;
        int to = target;
        BitSet found = new BitSet();
        try {
            store.scan(from, to, r -> {
                if (r.summary().toLowerCase(Locale.ROOT).contains(needle) || r.json().toLowerCase(Locale.ROOT).contains(needle)) {
                    found.set(r.index());
                }
                return true;
            });
        } catch (IOException | RuntimeException e) {
            error = e.getMessage();
        }
        synchronized (this) {
            matches.or(found);
            searched = to;
            running = false;
        }
    }

    boolean running() {
        return running;
    }

    String error() {
        return error;
    }

    /** A copy of the matches found so far (store indices). */
    synchronized BitSet matches() {
        return (BitSet) matches.clone();
    }

    synchronized int found() {
        return matches.cardinality();
    }

    /** Waits until the search has caught up with the store (tests, and n after a new search). */
    void await(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while ((running || searched < store.size()) && System.currentTimeMillis() < until) {
            extend();
            Thread.sleep(5);
        }
    }
}
