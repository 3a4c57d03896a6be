package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * What a person meets when live capture cannot start: one line and a distinct exit code. Tests that
 * need libpcap (or root) are skipped, with the reason, where it is missing.
 */
class LiveErrorsTest {
    static boolean libpcap() {
        Run r = Run.of("interfaces");
        return r.code() != ExitCodes.NO_LIBPCAP;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void aBadDurationIsAUsageError() {
        Run r = Run.of("live", "-i", "lo", "--duration", "soon");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("msnscope: error: --duration: \"soon\" is not a duration (e.g. 90, 30s, 5m, 1h)\n", r.err());
    }

    @Test
    void interfacesListsTheLoopback() {
        assumeTrue(libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        Run r = Run.of("interfaces");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("lo ") && l.contains("127.0.0.1") && l.contains("(loopback)")),
                r.out());
    }

    @Test
    void anUnknownInterfaceIsNamedWithTheOnesThatExist() {
        assumeTrue(libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        Run r = Run.of("live", "-i", "no-such-if0");
        assertEquals(ExitCodes.NO_SUCH_INTERFACE, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("msnscope: error: no capture interface \"no-such-if0\"; there are: "), r.err());
        assertTrue(r.err().contains("lo"), r.err());
    }

    @Test
    void aFilterThatDoesNotCompileShowsLibpcapsError() {
        assumeTrue(libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        assumeTrue(root(), "capturing needs root (or CAP_NET_RAW/CAP_NET_ADMIN)");
        Run r = Run.of("live", "-i", "lo", "--filter", "tcp port");
        assertEquals(ExitCodes.BAD_FILTER, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("msnscope: error: the filter \"tcp port\" does not compile: "), r.err());
        assertTrue(r.err().contains("syntax error"), r.err());
    }

    @Test
    void withoutPermissionTheMessageSaysWhatToDo() {
        assumeTrue(libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        assumeTrue(!root(), "running as root: the permission error cannot happen here");
        Run r = Run.of("live", "-i", "lo", "--duration", "1s");
        assertEquals(ExitCodes.NO_PERMISSION, r.code());
        assertTrue(r.err().contains("run as root, or grant java the capabilities"), r.err());
    }
}
