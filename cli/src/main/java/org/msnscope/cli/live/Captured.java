package org.msnscope.cli.live;

/**
 * A packet as libpcap handed it over (pcap4j copies it out of libpcap's buffer).
 *
 * @param data the captured bytes, starting at the link header
 * @param originalLength the length on the wire
 * @param tsNanos the capture time, nanoseconds since the epoch
 */
record Captured(byte[] data, int originalLength, long tsNanos) {
    /** Marks the end of the capture on the decoder queue. */
    static final Captured END = new Captured(new byte[0], 0, 0);
}
