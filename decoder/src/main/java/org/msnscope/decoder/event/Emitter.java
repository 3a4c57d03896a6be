package org.msnscope.decoder.event;

/**
 * Stamps events with the packet being processed (its capture time, precision and frame number)
 * and hands them to the {@link EventSink}. The decoder layers share one emitter; only the code that
 * reads packets moves its clock.
 */
public final class Emitter {
    private final EventSink sink;
    private long tsNanos;
    private int tsDigits = 6;
    private long frame;
    private long anomalies;

    private final boolean wanted;
    private Ids ids = Ids.local();
    /** Where the current work stands in the capture's order (see {@link Order}); kept only when sharded. */
    public final Order order = new Order();

    public Emitter(EventSink sink) {
        this.sink = sink;
        this.wanted = sink != EventSink.DISCARD;
    }

    /** False when events are discarded: layers may skip building the records (anomalies are still counted). */
    public boolean wanted() {
        return wanted;
    }

    /** Where flow, conversation and transfer numbers come from (one decoder: counters of its own). */
    public Ids ids() {
        return ids;
    }

    public void setIds(Ids ids) {
        this.ids = ids;
    }

    /** Sets the packet every following event belongs to. */
    public void at(long tsNanos, int tsDigits, long frame) {
        this.tsNanos = tsNanos;
        this.tsDigits = tsDigits;
        this.frame = frame;
    }

    public long tsNanos() {
        return tsNanos;
    }

    public int tsDigits() {
        return tsDigits;
    }

    public long frame() {
        return frame;
    }

    /** Anomaly events emitted so far. */
    public long anomalies() {
        return anomalies;
    }

    public void anomaly(String flow, AnomalyCode code, String detail) {
        anomalies++;
        sink.accept(new AnomalyEvent(tsNanos, tsDigits, frame, flow, code, detail));
    }

    public void flowStart(String flow, String client, String server, boolean midstream) {
        sink.accept(new FlowStartEvent(tsNanos, tsDigits, frame, flow, client, server, midstream));
    }

    public void flowEnd(String flow, String reason, long bytesC2s, long bytesS2c, long gaps, long gapBytes,
            long packets) {
        sink.accept(new FlowEndEvent(tsNanos, tsDigits, frame, flow, reason, bytesC2s, bytesS2c, gaps, gapBytes,
                packets));
    }

    /** Any other event, stamped by the caller with {@link #tsNanos()}, {@link #tsDigits()} and {@link #frame()}. */
    public void emit(Event e) {
        sink.accept(e);
    }
}
