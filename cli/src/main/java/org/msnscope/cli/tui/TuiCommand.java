package org.msnscope.cli.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.live.LiveOptions;
import org.msnscope.cli.read.CaptureRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msnscope tui FILE...}: the timeline of a capture in a terminal UI (docs/tui.md). */
@Command(name = "tui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Browse a capture in a terminal UI: the timeline of every event, a tree of NS sessions,",
            "conversations and transfers that filters it, each event's fields and raw bytes, search and export.",
            "Live with -i IFACE and the options of live (but --format). Keys: ? in the UI; docs/tui.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quit (q)", "1:an input could not be read to its end (what was readable was shown)",
            "2:usage error, or no terminal to draw on (TERM=dumb or unset, not a terminal): use read",
            "4-7:with -i, as for live (no libpcap, no permission, no such interface, bad filter)",
            "70:internal error"})
public final class TuiCommand implements Callable<Integer>, Streams.Aware {
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "capture files: pcap or pcapng, optionally gzip-compressed")
    List<Path> files;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "capture live on this interface instead (msnscope interfaces lists them)")
    String iface;

    @Mixin
    LiveOptions live;

    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    /** Why this process cannot draw a screen, or null when it can. */
    static String noTerminal(String term, boolean console) {
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return "tui needs a terminal that can draw a screen (TERM is " + (term == null || term.isEmpty() ? "not set" : term)
                    + "); 'msnscope read FILE...' prints the same timeline as text";
        }
        if (!console) {
            return "tui needs a terminal (standard input and output are not one); 'msnscope read FILE...' prints the same timeline as text";
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        boolean noFiles = files == null || files.isEmpty();
        if (noFiles == (iface == null)) {
            streams.error(noFiles ? "tui needs capture files (tui FILE...) or an interface (tui -i IFACE)"
                    : "tui shows files or a live capture, not both: give FILE... or -i IFACE");
            return ExitCodes.USAGE;
        }
        if (!noFiles && files.contains(Path.of(CaptureRun.STDIN))) {
            streams.error("tui reads files, not standard input (the keyboard is on it); save the capture to a file first");
            return ExitCodes.USAGE;
        }
        String why = noTerminal(System.getenv("TERM"), System.console() != null && streams.out() == System.out);
        if (why != null) {
            streams.error(why);
            return ExitCodes.USAGE;
        }
        if (iface != null) {
            return live();
        }
        try (EventStore store = new EventStore()) {
            FileDecoding decoding = new FileDecoding(store);
            decoding.start(files);
            TuiApp app = new TuiApp(store, decoding.packets(), false);
            show(app);
            decoding.stop();
            String problems = decoding.problems();
            if (!problems.isEmpty()) {
                streams.err().print(problems);
            }
            if (decoding.failure() != null) {
                throw new IllegalStateException(decoding.failure());
            }
            return decoding.inputError() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
        }
    }

    private int live() throws Exception {
        try (EventStore store = new EventStore()) {
            LiveDecoding decoding = new LiveDecoding(store, live, iface);
            Integer failed = decoding.open();
            if (failed != null) {
                streams.err().print(decoding.messages());
                return failed;
            }
            decoding.start();
            show(new TuiApp(store, decoding.packets(), true));
            int code = decoding.stop();
            streams.err().print(decoding.messages());
            return code;
        }
    }

    /** Runs the UI on the process's terminal until q. */
    static void show(TuiApp app) throws Exception {
        // a buffered stream of our own: System.out flushes on every write, and Lanterna writes a character at a time
        java.io.OutputStream out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        Terminal terminal = new SttyTerminal(System.in, out, StandardCharsets.UTF_8);
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        try {
            app.run(screen);
        } finally {
            screen.stopScreen();
        }
    }
}
