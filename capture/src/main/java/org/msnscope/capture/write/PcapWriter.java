package org.msnscope.capture.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.Objects;
import org.msnscope.capture.CaptureWriter;
import org.msnscope.capture.LinkType;

/**
 * Writes a classic libpcap file: the 24-byte global header, then a 16-byte record header and the
 * captured bytes per packet. Microsecond (magic a1b2c3d4) or nanosecond (a1b23c4d) timestamps, in
 * either byte order. Packets longer than the snaplen are cut to it (the original length is kept).
 * Output is staged in a 64 KiB buffer; nothing is allocated per packet.
 */
public final class PcapWriter implements CaptureWriter {
    /** Magic number of microsecond-resolution files. */
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** Magic number of nanosecond-resolution files. */
    public static final int MAGIC_NANOS = 0xa1b23c4d;

    private final OutputBuffer buffer;
    private final int linkType;
    private final int snaplen;
    private final boolean nanosecond;

    /**
     * Writes the global header at once.
     *
     * @param linkType the LINKTYPE_ every packet of the file has
     * @param snaplen the largest number of bytes stored per packet (positive)
     * @param nanosecond nanosecond timestamps instead of microseconds
     * @param order byte order of the headers
     */
    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanosecond, ByteOrder order)
            throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type out of range: " + linkType);
        }
        this.buffer = new OutputBuffer(out, order);
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanosecond = nanosecond;
        buffer.reserve(24);
        buffer.putInt(nanosecond ? MAGIC_NANOS : MAGIC_MICROS);
        buffer.putShort(2);
        buffer.putShort(4);
        buffer.putInt(0);
        buffer.putInt(0);
        buffer.putInt(snaplen);
        buffer.putInt(linkType);
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public void write(int linkType, long timestampNanos, byte[] data, int offset, int length, int originalLength,
            String comment) throws IOException {
        if (linkType != this.linkType) {
            throw new IllegalArgumentException("packet link type " + LinkType.name(linkType)
                    + " differs from the file's " + LinkType.name(this.linkType));
        }
        Objects.checkFromIndexSize(offset, length, data.length);
        if (originalLength < length) {
            throw new IllegalArgumentException("original length " + originalLength + " < captured length " + length);
        }
        int stored = Math.min(length, snaplen);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        buffer.reserve(16);
        buffer.putInt((int) seconds);
        buffer.putInt((int) (nanosecond ? fraction : fraction / 1000));
        buffer.putInt(stored);
        buffer.putInt(originalLength);
        buffer.putBytes(data, offset, stored);
    }

    @Override
    public void flush() throws IOException {
        buffer.flush();
    }

    @Override
    public void close() throws IOException {
        buffer.close();
    }
}
