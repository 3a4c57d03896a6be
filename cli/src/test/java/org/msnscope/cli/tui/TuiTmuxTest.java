package org.msnscope.cli.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.msnscope.cli.SamplesAccess;

/**
 * The real launcher ({@code ./msnscope tui}) inside tmux, driven with keys as a person would: search,
 * next match, filter, detail, quit; the pane's text is checked at each step and the process must
 * exit 0. A private tmux server ({@code -L}) keeps the test away from the user's sessions. Without
 * tmux the test is skipped, but it fails when the environment variable CI is set (.ci/run installs tmux).
 * The launcher runs from the classes this build compiled ({@code MSNSCOPE_CLASSPATH}), so it needs no jar.
 */
class TuiTmuxTest {
    private static final long WAIT_MS = 60_000;
    private final String server = "msnscope-test-" + ProcessHandle.current().pid();
    private Path root;
    /** Where the shell in the pane writes the program's exit status. */
    private Path status;

    @BeforeEach
    void tmux() throws Exception {
        boolean present;
        try {
            present = run(List.of("tmux", "-V")).startsWith("tmux");
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("tmux is not installed, and CI is set: the tui smoke test must run (.ci/run installs tmux)");
            }
            Assumptions.abort("tmux is not installed: the tui smoke test is skipped (it fails when CI is set)");
        }
        root = SamplesAccess.samples().getParent().toAbsolutePath();
    }

    @AfterEach
    void killServer() throws Exception {
        if (root != null) {
            try {
                run(List.of("tmux", "-L", server, "kill-server"));
            } catch (IOException e) {
                // no server left
            }
        }
    }

    @Test
    void searchFilterDetailQuit() throws Exception {
        start("", "samples/p2p-v1-display-picture/capture.pcap");
        waitFor("270 of 270 events");
        waitFor("packets 181  flows 2  sessions 2  anomalies 0  filter: none");
        keys("/");
        waitFor("search:");
        literal("TFR2C2");
        keys("Enter");
        waitFor("\"TFR2C2\": match 1 of 7 in the view");
        keys("n");
        waitFor("\"TFR2C2\": match 2 of 7 in the view");
        keys("f");
        waitFor("Filter (Enter applies, Esc closes)");
        literal("kind: transfer");
        waitFor("kind: transfer");
        keys("Enter");
        waitFor("filter: kind transfer (7 events)");
        waitFor("7 of 270 events");
        keys("Enter");
        waitFor("Detail  1-");
        waitFor("transfer  event ");
        keys("q");
        assertEquals("0", deadStatus(), pane());
    }

    @Test
    void dumbTerminalIsRefused() throws Exception {
        start("TERM=dumb ", "samples/msnp8-login/capture.pcap");
        String status = deadStatus();
        String text = pane();
        assertEquals("2", status, text);
        assertTrue(text.contains("msnscope: error: tui needs a terminal that can draw a screen (TERM is dumb); "
                + "'msnscope read FILE...' prints the same timeline as text"), text);
    }

    private void start(String env, String capture) throws Exception {
        status = java.nio.file.Files.createTempFile("msnscope-tmux-", ".status");
        status.toFile().deleteOnExit();
        String cmd = "cd '" + root + "' && " + env + "MSNSCOPE_CLASSPATH='" + System.getProperty("java.class.path")
                + "' ./msnscope tui " + capture + "; echo $? > '" + status + "'";
        // no status line (the pane is the whole 120x40), and the pane stays after the program ends so its exit status can be read
        Path conf = java.nio.file.Files.createTempFile("msnscope-tmux-", ".conf");
        java.nio.file.Files.writeString(conf, "set -g status off\nset -wg remain-on-exit on\n");
        conf.toFile().deleteOnExit();
        run(List.of("tmux", "-L", server, "-f", conf.toString(), "new-session", "-d", "-s", "t", "-x", "120", "-y", "40",
                "sh", "-c", cmd));
    }

    private void keys(String... keys) throws Exception {
        List<String> c = new ArrayList<>(List.of("tmux", "-L", server, "send-keys", "-t", "t"));
        c.addAll(List.of(keys));
        run(c);
    }

    private void literal(String text) throws Exception {
        run(List.of("tmux", "-L", server, "send-keys", "-t", "t", "-l", text));
    }

    private String pane() throws Exception {
        // -J joins a line the pane wrapped, -S - takes what scrolled off the top too
        return run(List.of("tmux", "-L", server, "capture-pane", "-p", "-J", "-S", "-", "-t", "t"));
    }

    private void waitFor(String text) throws Exception {
        long until = System.currentTimeMillis() + WAIT_MS;
        String last = "";
        while (System.currentTimeMillis() < until) {
            last = pane();
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the pane never showed \"" + text + "\"; it shows:\n" + last);
    }

    /**
     * The program's exit status once it has ended: the shell in the pane writes it to a file (tmux's
     * {@code #{pane_dead_status}} was sometimes still empty when the pane was already dead).
     */
    private String deadStatus() throws Exception {
        long until = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < until) {
            String s = java.nio.file.Files.readString(status).strip();
            String dead = run(List.of("tmux", "-L", server, "display-message", "-p", "-t", "t", "#{pane_dead}")).strip();
            if (!s.isEmpty() && dead.equals("1")) {
                return s;
            }
            Thread.sleep(100);
        }
        fail("the program did not exit; the pane shows:\n" + pane());
        return null;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not end");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
