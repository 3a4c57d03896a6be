package org.msnscope.cli;

/** Exit codes, documented in docs/cli.md. */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Everything read (warnings, such as a truncated last record, may have been printed). */
    public static final int OK = 0;
    /** An input could not be read (to its end); everything readable was still decoded and printed. */
    public static final int INPUT_ERROR = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** Output could not be written (disk full, closed pipe). */
    public static final int OUTPUT_ERROR = 3;
    /** Live capture: libpcap is not installed. */
    public static final int NO_LIBPCAP = 4;
    /** Live capture: not allowed to capture (not root, no CAP_NET_RAW/CAP_NET_ADMIN). */
    public static final int NO_PERMISSION = 5;
    /** Live capture: no interface of that name. */
    public static final int NO_SUCH_INTERFACE = 6;
    /** Live capture: the BPF filter does not compile. */
    public static final int BAD_FILTER = 7;
    /** A defect in msnscope: one line on stderr, MSNSCOPE_DEBUG=1 shows the stack trace. */
    public static final int INTERNAL = 70;
}
