package org.msnscope.testkit;

/** A TCP segment planned by {@link ConnectionSimulator}, before it becomes a frame. */
final class Segment {
    long timestampNanos;
    Direction direction;
    int seq;
    int ack;
    int flags;
    int window = ConnectionSimulator.WINDOW;
    int mss;
    /** Payload source (the direction's stream, or a conflicting copy) and the range in it. */
    byte[] payload = new byte[0];
    int payloadOffset;
    int payloadLength;
    int dataIndex = -1;
    boolean badChecksum;
    boolean fragment;
    String note;

    Segment(long timestampNanos, Direction direction, int seq, int ack, int flags) {
        this.timestampNanos = timestampNanos;
        this.direction = direction;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
    }

    Segment copy(String newNote) {
        Segment s = new Segment(timestampNanos, direction, seq, ack, flags);
        s.window = window;
        s.mss = mss;
        s.payload = payload;
        s.payloadOffset = payloadOffset;
        s.payloadLength = payloadLength;
        s.dataIndex = dataIndex;
        s.badChecksum = badChecksum;
        s.fragment = fragment;
        s.note = newNote;
        return s;
    }
}
