package org.msnscope.decoder.p2p;

/**
 * File names from the wire, made safe to show: control characters and NULs removed, path
 * separators replaced, length bounded. msnscope never uses them as file names on disk.
 */
final class Names {
    private Names() {
    }

    /** Longest name kept, in characters. */
    static final int MAX_NAME = 255;

    /** The sanitised name; {@code changed[0]} says whether anything had to go. */
    static String sanitise(String name, boolean[] changed) {
        if (name == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_NAME));
        boolean altered = false;
        for (int i = 0; i < name.length() && sb.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                altered = true;
            } else if (c == '/' || c == '\\' || c == ':') {
                sb.append('_');
                altered = true;
            } else {
                sb.append(c);
            }
        }
        if (sb.length() < name.length() && !altered) {
            altered = true;
        }
        String s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
            altered = true;
        }
        if (s.isEmpty() && !name.isEmpty()) {
            altered = true;
        }
        changed[0] = altered;
        return s;
    }

    /** The name for a message: quoted, control characters escaped, clipped. */
    static String describe(String name) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < name.length() && i < 80; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        if (name.length() > 80) {
            sb.append("... (").append(name.length()).append(" characters)");
        }
        return sb.toString();
    }
}
