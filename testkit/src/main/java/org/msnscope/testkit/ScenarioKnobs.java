package org.msnscope.testkit;

import java.util.Locale;
import java.util.function.ToLongFunction;

/** Applies one {@code knob=value} setting of a {@code .scn} conn line to a connection. */
final class ScenarioKnobs {
    private ScenarioKnobs() {
    }

    static void apply(TcpConnection c, String setting, ToLongFunction<String> seconds) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected knob=value, not " + setting);
        }
        String key = setting.substring(0, eq).toLowerCase(Locale.ROOT);
        String value = setting.substring(eq + 1);
        switch (key) {
            case "midstream" -> c.midstream(ScenarioOptions.intValue(key, value));
            case "conflicting" -> c.conflicting(ScenarioOptions.bool(key, value));
            case "isnwrap" -> c.isnWrap(ScenarioOptions.bool(key, value));
            case "mss" -> c.mss(ScenarioOptions.intValue(key, value));
            case "rtt" -> c.rtt(seconds.applyAsLong(value));
            case "fragments" -> c.fragments(ScenarioOptions.intValue(key, value));
            default -> knob(c, key, value);
        }
    }

    private static void knob(TcpConnection c, String key, String value) {
        Knob knob = switch (key) {
            case "reorder" -> Knob.REORDER;
            case "duplicate" -> Knob.DUPLICATE;
            case "retransmit" -> Knob.RETRANSMIT;
            case "overlap" -> Knob.OVERLAP;
            case "drop" -> Knob.DROP;
            case "badchecksum" -> Knob.BAD_CHECKSUM;
            case "fragment" -> Knob.FRAGMENT;
            case "zerowindowprobe" -> Knob.ZERO_WINDOW_PROBE;
            case "keepalive" -> Knob.KEEP_ALIVE;
            default -> throw new IllegalArgumentException("unknown knob " + key);
        };
        if (value.contains(".")) {
            double rate;
            try {
                rate = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " rate must be a number like 0.05, not " + value);
            }
            c.knobRate(knob, rate);
            return;
        }
        String[] parts = value.split(",", -1);
        int[] indices = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            indices[i] = ScenarioOptions.intValue(key, parts[i]);
        }
        c.knob(knob, indices);
    }
}
