package org.msnscope.decoder.event;

/**
 * Malformed, missing or suspicious traffic, reported as data rather than thrown.
 *
 * @param code the stable snake_case name from {@link AnomalyCode}
 * @param detail one line of human-readable detail (offsets, lengths, limits)
 */
public record AnomalyEvent(long tsNanos, int tsDigits, long frame, String flow, AnomalyCode code, String detail)
        implements Event {
    @Override
    public String type() {
        return "anomaly";
    }
}
