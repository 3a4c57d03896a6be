package org.msnscope.decoder.msnp.command;

import java.util.List;

/**
 * One framed command, owned: the verb, its TrID (null when it carries none), the arguments after
 * them, and the payload (null when none).
 */
public record Command(boolean fromClient, String verb, Long trid, List<String> args, byte[] payload,
        long streamOffset) {
    /** Argument i, or null past the end. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    public int argc() {
        return args.size();
    }

    public String dir() {
        return fromClient ? "c2s" : "s2c";
    }
}
