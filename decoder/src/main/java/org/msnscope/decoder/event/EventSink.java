package org.msnscope.decoder.event;

/** Receives events in emission order. Sinks read events and never call back into the decoder. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);

    /**
     * Takes nothing: the decoder still decodes everything (framing, sessions, MIME) but skips building
     * event records nobody reads ({@code read --stats}).
     */
    EventSink DISCARD = e -> { };
}
