package org.msnscope.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Lanterna's Unix terminal, sized by {@code stty size} (the kernel's idea of the window, right at
 * once and after every SIGWINCH) rather than by moving the cursor far away and waiting for the
 * terminal to report where it landed, which through tmux sometimes came late and left the screen a
 * row off. Falls back to the report when stty says nothing.
 */
final class SttyTerminal extends UnixTerminal {
    SttyTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP); // Ctrl-C is a key: it quits as q does (TuiApp)
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        try {
            String[] rc = runSTTYCommand("size").trim().split("\\s+");
            if (rc.length == 2) {
                int rows = Integer.parseInt(rc[0]);
                int cols = Integer.parseInt(rc[1]);
                if (rows > 0 && cols > 0) {
                    return new TerminalSize(cols, rows);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no stty, or no tty: ask the terminal instead
        }
        flush();
        return super.findTerminalSize();
    }
}
