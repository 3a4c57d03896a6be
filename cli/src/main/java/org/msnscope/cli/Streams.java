package org.msnscope.cli;

import java.io.PrintStream;

/** The output and error streams of one in-process run. */
public record Streams(PrintStream out, PrintStream err) {
    /** A command that writes to the run's streams rather than System.out/err. */
    public interface Aware {
        void streams(Streams streams);
    }

    /** Prints {@code msnscope: error: MESSAGE} on one line. */
    public void error(String message) {
        err.println("msnscope: error: " + message);
    }

    /** Prints {@code msnscope: MESSAGE} on one line: progress a person wants to see, not a problem. */
    public void info(String message) {
        err.println("msnscope: " + message);
    }

    /** Prints {@code msnscope: warning: MESSAGE} on one line. */
    public void warning(String message) {
        err.println("msnscope: warning: " + message);
    }
}
