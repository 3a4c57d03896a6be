package org.msnscope.testkit.p2p;

import java.util.Locale;

/** Locale-independent formatting, so that the generated files are the same on every machine. */
public final class Text {
    private Text() {
    }

    public static String fmt(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
