package org.msnscope.decoder.msnp.session;

/**
 * A connection's protocol version: negotiated by VER when the capture holds it, otherwise bounded by
 * what the traffic shows (docs/msnp.md, "Version inference") and reported as {@code >=MSNP11},
 * {@code <=MSNP7} or {@code MSNP8..MSNP12}.
 */
public final class Version {
    private int negotiated;
    private int min;
    private int max = Integer.MAX_VALUE;

    /** The server's VER answer picked this version (0: VER failed). */
    public void negotiated(int v) {
        negotiated = v;
    }

    public int negotiated() {
        return negotiated;
    }

    /** Evidence that the version is at least {@code v}. */
    public void atLeast(int v) {
        if (v > min) {
            min = v;
        }
    }

    /** Evidence that the version is at most {@code v}. */
    public void atMost(int v) {
        if (v < max) {
            max = v;
        }
    }

    /** Takes another connection's knowledge (a switchboard inherits its NS session's version). */
    public void inherit(Version parent) {
        if (negotiated == 0 && parent.negotiated != 0) {
            negotiated = parent.negotiated;
        }
        atLeast(parent.min);
        atMost(parent.max);
    }

    /** Best guess for decisions that depend on the version: negotiated, else the lower bound (0 unknown). */
    public int guess() {
        if (negotiated != 0) {
            return negotiated;
        }
        return min;
    }

    public boolean inferred() {
        return negotiated == 0;
    }

    /** {@code MSNP11}, {@code >=MSNP11}, {@code <=MSNP7}, {@code MSNP8..MSNP12}, or null when nothing is known. */
    public String describe() {
        if (negotiated != 0) {
            return "MSNP" + negotiated;
        }
        boolean hasMax = max != Integer.MAX_VALUE;
        if (min == 0 && !hasMax) {
            return null;
        }
        if (!hasMax) {
            return ">=MSNP" + min;
        }
        if (min == 0) {
            return "<=MSNP" + max;
        }
        if (min >= max) {
            return "MSNP" + max;
        }
        return "MSNP" + min + "..MSNP" + max;
    }

    /** The version number of a {@code MSNPn} token, or 0. */
    public static int parse(String token) {
        if (token == null || token.length() < 5 || !token.startsWith("MSNP")) {
            return 0;
        }
        int v = 0;
        for (int i = 4; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9' || i > 6) {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
