package org.msnscope.testkit;

/**
 * One packet of a generated capture, with what the generator knows about it for tests to assert on.
 *
 * @param timestampNanos capture time, nanoseconds since the epoch
 * @param frame the link-layer frame (owned by this record)
 * @param connection index of the connection in the scenario (0-based)
 * @param direction who sent it
 * @param seq TCP sequence number (unsigned 32-bit)
 * @param ack TCP acknowledgement number (unsigned 32-bit)
 * @param flags TCP flag bits ({@link PacketBuilder#SYN}...)
 * @param window advertised window
 * @param payloadLength TCP payload bytes
 * @param dataIndex index of the data segment the packet carries or copies, -1 for none
 * @param note what the packet is when a knob made it ("retransmission", "duplicate"...), else null;
 *     written as the packet comment in pcapng
 * @param fragment fragment number (0-based) when the segment was cut into IPv4 fragments, else -1
 */
public record GeneratedPacket(long timestampNanos, byte[] frame, int connection, Direction direction, long seq,
        long ack, int flags, int window, int payloadLength, int dataIndex, String note, int fragment) {
}
