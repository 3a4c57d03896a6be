package org.msnscope.cli.tui;

import java.util.List;

/** The event types a timeline row can have (the JSON {@code type} values of docs/events.md). */
final class Kind {
    static final List<String> NAMES = List.of("flow_start", "flow_end", "anomaly", "command", "session_start",
            "session_end", "participant", "message", "delivery", "presence", "contact", "transfer", "slp",
            "token_request");
    static final int ANOMALY = NAMES.indexOf("anomaly");

    private Kind() {
    }

    static int of(String type) {
        int k = NAMES.indexOf(type);
        if (k < 0) {
            throw new IllegalArgumentException("event type " + type + " has no timeline kind");
        }
        return k;
    }
}
