package org.msnscope.capture.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>Damage does not end the file: a record header whose length cannot be right is skipped over to
 * the next plausible record ({@link Resync}), a second global header (two captures concatenated)
 * is adopted and reading goes on with it, and a pcapng section header (a pcapng file appended) hands
 * the rest of the input to a {@link PcapngReader} ({@link #successor()}).
 */
final class PcapReader implements ChainedReader.Successive {
    static final int GLOBAL_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    /** Link-type field bits that carry the link type (the FCS-length bits above are masked off). */
    static final int LINK_TYPE_MASK = 0x03FF_FFFF;

    private enum State { READING, ENDED, FAILED, CLOSED }

    private final InputBuffer in;
    private final String name;
    private final CaptureProblemListener problems;
    private final Resync resync;
    private boolean swap;
    private boolean nanos;
    private long fractionToNanos;
    private int timestampDigits;
    private int linkType;
    private int maxRecordBytes;
    private final String version;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private State state = State.READING;
    private long packets;
    /** Seconds of the last record read, or -1 before the first (the resync plausibility test uses it). */
    private long lastSeconds = -1;
    private CaptureFileReader successor;

    private PcapReader(InputBuffer in, String name, CaptureProblemListener problems, int magic, long framesBefore) {
        this.in = in;
        this.name = name;
        this.problems = problems;
        this.resync = new Resync(name, problems, "record");
        this.packets = framesBefore;
        adopt(magic);
        this.version = Ints.u16(in.data, in.pos + 4, swap) + "." + Ints.u16(in.data, in.pos + 6, swap);
        in.pos += GLOBAL_HEADER_BYTES;
    }

    /** Takes the global header at the buffer's position as the one records now follow. */
    private void adopt(int magic) {
        byte[] b = in.data;
        int at = in.pos;
        swap = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D;
        nanos = magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
        long snaplen = Ints.u32(b, at + 16, swap);
        linkType = Ints.i32(b, at + 20, swap) & LINK_TYPE_MASK;
        maxRecordBytes = CaptureLimits.maxPcapRecordBytes(snaplen);
        TimestampResolution resolution = nanos ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS;
        fractionToNanos = nanos ? 1 : 1000;
        timestampDigits = resolution.digits();
        interfaces.add(new InterfaceInfo(interfaces.size(), 0, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE),
                null, null, null, resolution, 0));
        // room for a record and the header after it: the resync test looks at both
        in.allowCapacity(2 * RECORD_HEADER_BYTES + maxRecordBytes);
    }

    /** Reads the global header; the buffer holds the file from offset 0 and the magic has been checked. */
    static PcapReader open(InputBuffer in, String name, CaptureProblemListener problems, int magic)
            throws CaptureException {
        return open(in, name, problems, magic, 0);
    }

    /**
     * Reads a global header at the buffer's position (offset 0, or where an earlier capture in the
     * same input ended); frames are numbered on from {@code framesBefore}.
     */
    static PcapReader open(InputBuffer in, String name, CaptureProblemListener problems, int magic, long framesBefore)
            throws CaptureException {
        if (!in.ensure(GLOBAL_HEADER_BYTES)) {
            throw new CaptureException(name, in.offset(),
                    "truncated pcap global header (" + in.available() + " of " + GLOBAL_HEADER_BYTES + " bytes)");
        }
        return new PcapReader(in, name, problems, magic, framesBefore);
    }

    static boolean isPcapMagic(int magic) {
        return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
    }

    /** A pcap global header of version 2.x starts at {@code at} (24 bytes available). */
    static boolean isGlobalHeader(byte[] b, int at) {
        int magic = Ints.magic(b, at);
        if (!isPcapMagic(magic)) {
            return false;
        }
        boolean swapped = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D;
        return Ints.u16(b, at + 4, swapped) == 2;
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
        // the common case, kept small for the JIT: a whole record of 1 to maxRecordBytes bytes in the buffer. A
        // capture header where a record should be never gets here: a pcap header's "length" is its thiszone
        // (0 as every writer sets it), a pcapng section header's is its byte-order magic (past any limit)
        int available = b.limit - b.pos;
        if (available >= RECORD_HEADER_BYTES) {
            int capturedLength = Ints.i32(b.data, b.pos + 8, swap);
            if (capturedLength > 0 && capturedLength <= maxRecordBytes
                    && available >= RECORD_HEADER_BYTES + capturedLength) {
                fill(into, b, capturedLength);
                return true;
            }
        }
        return readRecordCarefully(into);
    }

    /** Everything else: refills, empty records, capture headers, damage, the end of the input. */
    private boolean readRecordCarefully(RawPacket into) throws CaptureException {
        InputBuffer b = in;
        while (true) {
            if (b.limit - b.pos < RECORD_HEADER_BYTES && !b.ensure(RECORD_HEADER_BYTES)) {
                return end(RECORD_HEADER_BYTES);
            }
            int magic = Ints.magic(b.data, b.pos);
            if ((isPcapMagic(magic) || magic == PcapngReader.SECTION_HEADER) && nextCapture(magic)) {
                if (successor != null) {
                    state = State.ENDED;
                    return false;
                }
                continue;
            }
            int capturedLength = Ints.i32(b.data, b.pos + 8, swap);
            if (Integer.compareUnsigned(capturedLength, maxRecordBytes) > 0) {
                resync.skip(b, "record length " + Integer.toUnsignedString(capturedLength) + " exceeds the limit of "
                        + maxRecordBytes + " bytes", framing);
                continue;
            }
            int recordBytes = RECORD_HEADER_BYTES + capturedLength;
            if (b.limit - b.pos < recordBytes && !b.ensure(recordBytes)) {
                // the input ends inside this record: the last record cut short, unless its length was damaged
                // and whole records follow within what is left
                if (resync.trySkipRest(b, "record length " + capturedLength + " runs past the end of the file",
                        framing)) {
                    continue;
                }
                return end(recordBytes);
            }
            fill(into, b, capturedLength);
            return true;
        }
    }

    private void fill(RawPacket into, InputBuffer b, int capturedLength) {
        byte[] data = b.data;
        int at = b.pos;
        long seconds = Ints.u32(data, at, swap);
        long fraction = Ints.u32(data, at + 4, swap);
        int originalLength = Ints.i32(data, at + 12, swap);
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
        into.interfaceId = interfaces.size() - 1;
        into.comment = null;
        lastSeconds = seconds;
        b.pos = at + RECORD_HEADER_BYTES + capturedLength;
    }

    /**
     * A record position holds a capture file's magic: a second pcap global header is adopted, a
     * pcapng section header makes a {@link PcapngReader} the successor.
     *
     * @return false when the bytes only look like a magic (they are then read as a record header)
     */
    private boolean nextCapture(int magic) throws CaptureException {
        InputBuffer b = in;
        long at = b.offset();
        if (magic == PcapngReader.SECTION_HEADER) {
            if (!b.ensure(PcapngReader.MIN_SECTION_HEADER_BYTES) || !PcapngReader.isSectionHeader(b.data, b.pos)) {
                return false;
            }
            resync.concatenated(at, "a pcapng section header follows the pcap records: a pcapng capture appended;"
                    + " reading on with it");
            successor = PcapngReader.openAt(b, name, problems, packets);
            return true;
        }
        if (!b.ensure(GLOBAL_HEADER_BYTES) || !isGlobalHeader(b.data, b.pos)) {
            return false;
        }
        resync.concatenated(at, "a second pcap global header: captures concatenated; reading on with its header");
        adopt(magic);
        lastSeconds = -1;
        b.pos += GLOBAL_HEADER_BYTES;
        return true;
    }

    /** {@link Resync.Framing} of pcap records: a header whose lengths, fraction and time could be real. */
    private int plausibleLength(InputBuffer b, int rel) throws CaptureException {
        byte[] d = b.data;
        int at = b.pos + rel;
        int magic = Ints.magic(d, at);
        if (isPcapMagic(magic) || magic == PcapngReader.SECTION_HEADER) {
            if (b.ensure(rel + PcapngReader.MIN_SECTION_HEADER_BYTES)) {
                d = b.data;
                at = b.pos + rel;
                if (isGlobalHeader(d, at) || PcapngReader.isSectionHeader(d, at)) {
                    return 0;
                }
            }
        }
        long seconds = Ints.u32(d, at, swap);
        long fraction = Ints.u32(d, at + 4, swap);
        int captured = Ints.i32(d, at + 8, swap);
        int original = Ints.i32(d, at + 12, swap);
        if (Integer.compareUnsigned(captured, maxRecordBytes) > 0
                || Integer.compareUnsigned(original, captured) < 0
                || Integer.compareUnsigned(original, Math.max(maxRecordBytes, CaptureLimits.PCAP_MIN_RECORD_LIMIT)) > 0
                || fraction >= (nanos ? 1_000_000_000L : 1_000_000L)
                || lastSeconds >= 0 && Math.abs(seconds - lastSeconds) > CaptureLimits.RESYNC_MAX_TIME_JUMP_SECONDS) {
            return -1;
        }
        return RECORD_HEADER_BYTES + captured;
    }

    private final Resync.Framing framing = new Resync.Framing() {
        @Override
        public int headerBytes() {
            return RECORD_HEADER_BYTES;
        }

        @Override
        public int step() {
            return 1;
        }

        @Override
        public int plausibleLength(InputBuffer b, int rel) throws CaptureException {
            return PcapReader.this.plausibleLength(b, rel);
        }
    };

    /** The input ended inside a record of {@code needed} bytes (or cleanly, between records). */
    private boolean end(int needed) {
        state = State.ENDED;
        in.reportTruncated(problems, "record", needed);
        return false;
    }

    @Override
    public CaptureFileReader successor() {
        return successor;
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
        return Collections.unmodifiableList(interfaces);
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
        in.close();
    }
}
