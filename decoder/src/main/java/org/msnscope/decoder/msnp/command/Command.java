package org.msnscope.decoder.msnp.command;

import java.util.Arrays;
import java.util.List;

/**
 * One framed command: the verb, its TrID (null when it carries none), the arguments after them
 * and the payload (null when none). The arguments are a view of the framer's token array, valid
 * only while the command is being handled; {@link #args()} copies them.
 */
public final class Command {
    private final boolean fromClient;
    private final String verb;
    private final Long trid;
    private final String[] tokens;
    private final int first;
    private final int argc;
    private final byte[] payload;
    private final long streamOffset;

    public Command(boolean fromClient, String verb, Long trid, String[] tokens, int first, int count, byte[] payload,
            long streamOffset) {
        this.fromClient = fromClient;
        this.verb = verb;
        this.trid = trid;
        this.tokens = tokens;
        this.first = first;
        this.argc = Math.max(0, count - first);
        this.payload = payload;
        this.streamOffset = streamOffset;
    }

    public boolean fromClient() {
        return fromClient;
    }

    public String verb() {
        return verb;
    }

    public Long trid() {
        return trid;
    }

    /** The owned payload, or null. */
    public byte[] payload() {
        return payload;
    }

    public long streamOffset() {
        return streamOffset;
    }

    /** Argument i, or null past the end. */
    public String arg(int i) {
        return i < argc ? tokens[first + i] : null;
    }

    public int argc() {
        return argc;
    }

    /** Index of the first argument equal to {@code s}, or -1. */
    public int indexOf(String s) {
        for (int i = 0; i < argc; i++) {
            if (tokens[first + i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of the arguments. */
    public List<String> args() {
        return argc == 0 ? List.of() : List.of(Arrays.copyOfRange(tokens, first, first + argc));
    }

    public String dir() {
        return fromClient ? "c2s" : "s2c";
    }
}
