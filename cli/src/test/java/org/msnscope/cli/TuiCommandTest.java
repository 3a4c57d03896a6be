package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code tui} run in-process: no terminal (the test's output is not one) and usage errors, each one line and exit 2. */
class TuiCommandTest {
    private static final String SAMPLE = SamplesTest.locateSamples().resolve("msnp8-login/capture.pcap").toString();

    @Test
    void withoutATerminalItPointsToRead() {
        Run r = Run.of("tui", SAMPLE);
        assertEquals(ExitCodes.USAGE, r.code());
        String term = System.getenv("TERM");
        String why = term == null || term.isEmpty() || term.equals("dumb")
                ? "tui needs a terminal that can draw a screen (TERM is " + (term == null || term.isEmpty() ? "not set" : term) + ")"
                : "tui needs a terminal (standard input and output are not one)";
        assertArrayEquals(new String[] {"msnscope: error: " + why + "; 'msnscope read FILE...' prints the same timeline as text"},
                r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void filesOrAnInterfaceNotBothNorNeither() {
        Run none = Run.of("tui");
        assertEquals(ExitCodes.USAGE, none.code());
        assertArrayEquals(new String[] {"msnscope: error: tui needs capture files (tui FILE...) or an interface (tui -i IFACE)"},
                none.errLines());
        Run both = Run.of("tui", "-i", "lo", SAMPLE);
        assertEquals(ExitCodes.USAGE, both.code());
        assertArrayEquals(new String[] {"msnscope: error: tui shows files or a live capture, not both: give FILE... or -i IFACE"},
                both.errLines());
        Run stdin = Run.of("tui", "-");
        assertEquals(ExitCodes.USAGE, stdin.code());
        assertArrayEquals(new String[] {"msnscope: error: tui reads files, not standard input (the keyboard is on it); "
                + "save the capture to a file first"}, stdin.errLines());
    }
}
