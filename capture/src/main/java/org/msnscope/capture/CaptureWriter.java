package org.msnscope.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/** Writes packets to a capture file (classic pcap or pcapng). */
public interface CaptureWriter extends Closeable, Flushable {
    /**
     * Appends one packet.
     *
     * @param linkType LINKTYPE_ of the bytes (pcap: must equal the file's; pcapng: one interface per type)
     * @param timestampNanos capture time, nanoseconds since the epoch
     * @param data buffer holding the captured bytes
     * @param offset where they start
     * @param length captured length
     * @param originalLength length on the wire (>= length)
     * @param comment packet comment (pcapng only; ignored by pcap), or null
     */
    void write(int linkType, long timestampNanos, byte[] data, int offset, int length, int originalLength,
            String comment) throws IOException;

    default void write(RawPacket p) throws IOException {
        write(p.linkType, p.timestampNanos, p.data, p.offset, p.capturedLength, p.originalLength, p.comment);
    }
}
