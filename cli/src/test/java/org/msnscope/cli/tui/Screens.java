package org.msnscope.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sample decoded to its end into a store, and a {@link TuiApp} over it drawn on Lanterna's virtual
 * terminal: what the screen tests drive with keys and read back as text.
 */
final class Screens implements AutoCloseable {
    final EventStore store;
    final TuiApp app;
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;

    private Screens(EventStore store, TuiApp app, int cols, int rows) throws IOException {
        this.store = store;
        this.app = app;
        this.terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        this.screen = new TerminalScreen(terminal);
        screen.startScreen();
        app.view.refresh();
    }

    /** Decodes {@code samples/NAME/capture.*} (named relative to the working directory, so screens do not depend on it). */
    static Screens of(String sample, int cols, int rows) throws Exception {
        EventStore store = new EventStore();
        FileDecoding d = new FileDecoding(store);
        d.start(List.of(capture(sample)));
        d.await();
        return new Screens(store, new TuiApp(store, d.packets(), false), cols, rows);
    }

    static Path capture(String sample) throws IOException {
        Path dir = org.msnscope.cli.SamplesAccess.samples().resolve(sample);
        try (var s = Files.list(dir)) {
            Path file = s.filter(p -> p.getFileName().toString().startsWith("capture.")).findFirst().orElseThrow();
            return Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
        }
    }

    Screens keys(String typed) throws InterruptedException {
        for (char c : typed.toCharArray()) {
            key(c == '\n' ? new KeyStroke(KeyType.Enter) : c == '\t' ? new KeyStroke(KeyType.Tab) : new KeyStroke(c, false, false));
        }
        return this;
    }

    Screens key(KeyStroke k) throws InterruptedException {
        app.key(k);
        if (app.search != null) {
            app.search.await(10_000);
        }
        app.settle();
        return this;
    }

    /** The screen as text: one line per row, trailing blanks kept so widths show. */
    String text() throws IOException {
        app.draw(screen);
        screen.refresh();
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                line.append(terminal.getBufferCharacter(x, y).getCharacterString());
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        screen.stopScreen();
        store.close();
    }
}
