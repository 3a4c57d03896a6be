package org.msnscope.testkit;

/** A mistake in a {@code .scn} scenario file; the message reads {@code FILE:LINE: message}. */
public final class ScenarioParseException extends Exception {
    private final int line;

    public ScenarioParseException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.line = line;
    }

    /** 1-based line of the mistake. */
    public int line() {
        return line;
    }
}
