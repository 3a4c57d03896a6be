package org.msnscope.capture.read;

import java.io.IOException;
import java.util.List;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFormat;
import org.msnscope.capture.CaptureLimits;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.InterfaceInfo;
import org.msnscope.capture.RawPacket;
import org.msnscope.capture.TimestampResolution;

/**
 * Reads classic libpcap files: the 24-byte global header, then 16-byte record headers each followed
 * by the captured bytes. Either byte order, microsecond or nanosecond timestamps.
 */
final class PcapReader implements CaptureFileReader {
    static final int GLOBAL_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    /** Link-type field bits that carry the link type (the FCS-length bits above are masked off). */
    static final int LINK_TYPE_MASK = 0x03FF_FFFF;

    private enum State { READING, ENDED, FAILED, CLOSED }

    private final InputBuffer in;
    private final String name;
    private final CaptureProblemListener problems;
    private final boolean swap;
    private final long fractionToNanos;
    private final int timestampDigits;
    private final int linkType;
    private final int maxRecordBytes;
    private final String version;
    private final List<InterfaceInfo> interfaces;
    private State state = State.READING;
    private long packets;

    private PcapReader(InputBuffer in, String name, CaptureProblemListener problems, boolean swap, boolean nanos) {
        this.in = in;
        this.name = name;
        this.problems = problems;
        this.swap = swap;
        byte[] b = in.data;
        int at = in.pos;
        this.version = Ints.u16(b, at + 4, swap) + "." + Ints.u16(b, at + 6, swap);
        long snaplen = Ints.u32(b, at + 16, swap);
        this.linkType = Ints.i32(b, at + 20, swap) & LINK_TYPE_MASK;
        this.maxRecordBytes = CaptureLimits.maxPcapRecordBytes(snaplen);
        TimestampResolution resolution = nanos ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS;
        this.fractionToNanos = nanos ? 1 : 1000;
        this.timestampDigits = resolution.digits();
        this.interfaces = List.of(new InterfaceInfo(0, 0, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE),
                null, null, null, resolution, 0));
        in.pos += GLOBAL_HEADER_BYTES;
        in.allowCapacity(RECORD_HEADER_BYTES + maxRecordBytes);
    }

    /** Reads the global header; the buffer holds the file from offset 0 and the magic has been checked. */
    static PcapReader open(InputBuffer in, String name, CaptureProblemListener problems, int magic)
            throws CaptureException {
        if (!in.ensure(GLOBAL_HEADER_BYTES)) {
            throw new CaptureException(name, 0,
                    "truncated pcap global header (" + in.available() + " of " + GLOBAL_HEADER_BYTES + " bytes)");
        }
        boolean swap = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D;
        boolean nanos = magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
        return new PcapReader(in, name, problems, swap, nanos);
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        if (state != State.READING) {
            return false;
        }
        try {
            return readRecord(into);
        } catch (CaptureException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private boolean readRecord(RawPacket into) throws CaptureException {
        InputBuffer b = in;
        if (b.limit - b.pos < RECORD_HEADER_BYTES && !b.ensure(RECORD_HEADER_BYTES)) {
            return end(RECORD_HEADER_BYTES);
        }
        byte[] data = b.data;
        int at = b.pos;
        long seconds = Ints.u32(data, at, swap);
        long fraction = Ints.u32(data, at + 4, swap);
        int capturedLength = Ints.i32(data, at + 8, swap);
        int originalLength = Ints.i32(data, at + 12, swap);
        if (Integer.compareUnsigned(capturedLength, maxRecordBytes) > 0) {
            throw new CaptureException(name, b.base + at, "record length " + Integer.toUnsignedString(capturedLength)
                    + " exceeds the limit of " + maxRecordBytes + " bytes");
        }
        int recordBytes = RECORD_HEADER_BYTES + capturedLength;
        if (b.limit - at < recordBytes) {
            if (!b.ensure(recordBytes)) {
                return end(recordBytes);
            }
            data = b.data;
            at = b.pos;
        }
        if (Integer.compareUnsigned(originalLength, capturedLength) < 0) {
            originalLength = capturedLength;
        } else if (originalLength < 0) {
            originalLength = Integer.MAX_VALUE;
        }
        into.data = data;
        into.offset = at + RECORD_HEADER_BYTES;
        into.capturedLength = capturedLength;
        into.originalLength = originalLength;
        into.timestampNanos = seconds * 1_000_000_000L + fraction * fractionToNanos;
        into.timestampDigits = timestampDigits;
        into.linkType = linkType;
        into.frameNumber = ++packets;
        into.fileIndex = 0;
        into.fileOffset = b.base + at;
        into.interfaceId = 0;
        into.comment = null;
        b.pos = at + recordBytes;
        return true;
    }

    /** The input ended inside a record of {@code needed} bytes (or cleanly, between records). */
    private boolean end(int needed) {
        state = State.ENDED;
        in.reportTruncated(problems, "record", needed);
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean gzipped() {
        return in.gzipped();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
        in.close();
    }
}
