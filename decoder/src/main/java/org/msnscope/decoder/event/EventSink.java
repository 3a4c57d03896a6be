package org.msnscope.decoder.event;

/** Receives events in emission order. Sinks read events and never call back into the decoder. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
