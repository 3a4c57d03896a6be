package org.msnscope.decoder.event;

/**
 * Something msnscope found in a capture. Every event is a flat, immutable record carrying the
 * capture time of the packet that completed it, that packet's number and the flow it belongs to.
 * The JSON Lines names of every field are the contract documented in docs/events.md.
 */
public sealed interface Event permits FlowStartEvent, FlowEndEvent, AnomalyEvent, CommandEvent,
        SessionEvent, ParticipantEvent, MessageEvent, DeliveryEvent, PresenceEvent, ContactEvent, TransferEvent,
        SlpEvent, TokenRequestEvent {
    /** Capture time, nanoseconds since the epoch. */
    long tsNanos();

    /** Sub-second digits the capture records (6 or 9); output keeps this precision. */
    int tsDigits();

    /** 1-based number of the packet that completed the event; 0 when no packet did (e.g. a file error). */
    long frame();

    /** Flow id such as {@code F1}, or null for events that belong to no flow. */
    String flow();

    /** The JSON {@code type} value. */
    String type();
}
