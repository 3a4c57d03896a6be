package org.msnscope.capture.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFormat;
import org.msnscope.capture.CaptureLimits;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.InterfaceInfo;
import org.msnscope.capture.RawPacket;

/**
 * Reads pcapng files: sections (each with its own byte order and interface ids), interface
 * descriptions, and Enhanced, Simple and obsolete Packet Blocks. Every other block is skipped by
 * its length; unknown types are reported once per type.
 */
final class PcapngReader implements CaptureFileReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int NAME_RESOLUTION = 4;
    static final int INTERFACE_STATISTICS = 5;
    static final int ENHANCED_PACKET = 6;
    static final int DECRYPTION_SECRETS = 0x0A;
    static final int CUSTOM = 0x0000_0BAD;
    static final int CUSTOM_NO_COPY = 0x4000_0BAD;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Type, length and trailing length. */
    static final int MIN_BLOCK_BYTES = 12;
    static final int MIN_SECTION_HEADER_BYTES = 28;
    static final int MIN_INTERFACE_BYTES = 20;
    /** Header (8), interface, timestamp (8), captured and original length, trailer (4). */
    static final int MIN_PACKET_BYTES = 32;
    static final int MIN_SIMPLE_PACKET_BYTES = 16;

    private enum State { READING, ENDED, FAILED, CLOSED }

    private final InputBuffer in;
    private final String name;
    private final CaptureProblemListener problems;
    private final OptionCursor options = new OptionCursor();
    private final List<PcapngInterface> sectionInterfaces = new ArrayList<>();
    private final List<InterfaceInfo> allInterfaces = new ArrayList<>();
    private final int[] reportedTypes = new int[CaptureLimits.MAX_REPORTED_BLOCK_TYPES];
    private int reportedTypeCount;
    private boolean reportedMalformedOption;
    private State state = State.READING;
    private boolean swap;
    private int section = -1;
    private String version;
    private long packets;
    private long lastTimestampNanos;
    /** Set by {@link #readBlock} when the block just read filled the packet. */
    private boolean lastDelivered;

    private PcapngReader(InputBuffer in, String name, CaptureProblemListener problems) {
        this.in = in;
        this.name = name;
        this.problems = problems;
        in.allowCapacity(CaptureLimits.MAX_BLOCK_BYTES);
    }

    /**
     * Reads the first Section Header Block, so that a file that is not pcapng after all fails here.
     * The buffer holds the file from offset 0 and the block type has been checked.
     */
    static PcapngReader open(InputBuffer in, String name, CaptureProblemListener problems) throws CaptureException {
        if (!in.ensure(MIN_SECTION_HEADER_BYTES)) {
            throw new CaptureException(name, 0, "truncated pcapng section header block (" + in.available()
                    + " of " + MIN_SECTION_HEADER_BYTES + " bytes)");
        }
        PcapngReader reader = new PcapngReader(in, name, problems);
        reader.readBlock(null);
        return reader;
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        if (state != State.READING) {
            return false;
        }
        try {
            while (readBlock(into)) {
                if (lastDelivered) {
                    return true;
                }
            }
            return false;
        } catch (CaptureException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Reads one block. Packet blocks fill {@code into} (when it is not null) and set
     * {@link #lastDelivered}.
     *
     * @return false at the end of the input (clean or cut short)
     */
    private boolean readBlock(RawPacket into) throws CaptureException {
        lastDelivered = false;
        InputBuffer b = in;
        if (b.limit - b.pos < 8 && !b.ensure(8)) {
            return end(8);
        }
        int type = Ints.i32(b.data, b.pos, swap);
        if (type == SECTION_HEADER) {
            if (!b.ensure(12)) {
                return end(12);
            }
            readByteOrder(b.data, b.pos);
        }
        int length = Ints.i32(b.data, b.pos + 4, swap);
        checkLength(length, b.offset());
        if (b.limit - b.pos < length && !b.ensure(length)) {
            return end(length);
        }
        byte[] data = b.data;
        int at = b.pos;
        long blockOffset = b.base + at;
        int trailer = Ints.i32(data, at + length - 4, swap);
        if (trailer != length) {
            throw new CaptureException(name, blockOffset, "trailing block length " + Integer.toUnsignedString(trailer)
                    + " differs from leading block length " + length);
        }
        b.pos = at + length;
        switch (type) {
            case ENHANCED_PACKET -> lastDelivered = packet(into, data, at, length, blockOffset, true);
            case PACKET -> lastDelivered = packet(into, data, at, length, blockOffset, false);
            case SIMPLE_PACKET -> lastDelivered = simplePacket(into, data, at, length, blockOffset);
            case INTERFACE_DESCRIPTION -> describeInterface(data, at, length, blockOffset);
            case SECTION_HEADER -> startSection(data, at, length, blockOffset);
            case NAME_RESOLUTION, INTERFACE_STATISTICS, DECRYPTION_SECRETS, CUSTOM, CUSTOM_NO_COPY -> {
            }
            default -> reportSkipped(type, blockOffset);
        }
        return true;
    }

    private void readByteOrder(byte[] data, int at) throws CaptureException {
        int magic = Ints.i32(data, at + 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
            swap = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swap = true;
        } else {
            throw new CaptureException(name, in.offset(), String.format(
                    "bad byte-order magic 0x%08x in section header block", Ints.magic(data, at + 8)));
        }
    }

    private void checkLength(int length, long blockOffset) throws CaptureException {
        String unsigned = Integer.toUnsignedString(length);
        if (Integer.compareUnsigned(length, CaptureLimits.MAX_BLOCK_BYTES) > 0) {
            throw new CaptureException(name, blockOffset, "block length " + unsigned + " exceeds the limit of "
                    + CaptureLimits.MAX_BLOCK_BYTES + " bytes");
        }
        if (length < MIN_BLOCK_BYTES) {
            throw new CaptureException(name, blockOffset, "block length " + unsigned + " is less than "
                    + MIN_BLOCK_BYTES);
        }
        if ((length & 3) != 0) {
            throw new CaptureException(name, blockOffset, "block length " + unsigned + " is not a multiple of 4");
        }
    }

    private void requireLength(String kind, int length, int minimum, long blockOffset) throws CaptureException {
        if (length < minimum) {
            throw new CaptureException(name, blockOffset, kind + " block length " + length
                    + " is too short (at least " + minimum + " bytes)");
        }
    }

    private void startSection(byte[] data, int at, int length, long blockOffset) throws CaptureException {
        requireLength("section header", length, MIN_SECTION_HEADER_BYTES, blockOffset);
        int major = Ints.u16(data, at + 12, swap);
        int minor = Ints.u16(data, at + 14, swap);
        if (major != 1) {
            throw new CaptureException(name, blockOffset, "unsupported pcapng version " + major + "." + minor);
        }
        if (version == null) {
            version = major + "." + minor;
        }
        section++;
        sectionInterfaces.clear();
    }

    private void describeInterface(byte[] data, int at, int length, long blockOffset) throws CaptureException {
        requireLength("interface description", length, MIN_INTERFACE_BYTES, blockOffset);
        if (allInterfaces.size() >= CaptureLimits.MAX_INTERFACES) {
            throw new CaptureException(name, blockOffset, "more than " + CaptureLimits.MAX_INTERFACES
                    + " interfaces described");
        }
        PcapngInterface described = PcapngInterface.parse(data, at + 8, at + length - 4, swap, section,
                sectionInterfaces.size(), options);
        noteMalformedOptions(blockOffset);
        sectionInterfaces.add(described);
        allInterfaces.add(described.info);
    }

    /** Enhanced Packet Block (32-bit interface id) or obsolete Packet Block (16-bit id, 16-bit drops). */
    private boolean packet(RawPacket into, byte[] data, int at, int length, long blockOffset, boolean enhanced)
            throws CaptureException {
        String kind = enhanced ? "enhanced packet" : "packet";
        requireLength(kind, length, MIN_PACKET_BYTES, blockOffset);
        int interfaceId = enhanced ? Ints.i32(data, at + 8, swap) : Ints.u16(data, at + 8, swap);
        PcapngInterface described = described(kind, interfaceId, blockOffset);
        long units = (Ints.u32(data, at + 12, swap) << 32) | Ints.u32(data, at + 16, swap);
        int capturedLength = Ints.i32(data, at + 20, swap);
        int originalLength = Ints.i32(data, at + 24, swap);
        int room = length - MIN_PACKET_BYTES;
        if (Integer.compareUnsigned(capturedLength, room) > 0) {
            throw new CaptureException(name, blockOffset, "captured length " + Integer.toUnsignedString(capturedLength)
                    + " does not fit in the block (" + room + " bytes of room)");
        }
        if (into == null) {
            return false;
        }
        int dataAt = at + 28;
        int optionsAt = dataAt + ((capturedLength + 3) & ~3);
        long timestamp = described.resolution.toNanos(units) + described.offsetNanos;
        fill(into, data, dataAt, capturedLength, originalLength, timestamp, described, interfaceId, blockOffset);
        into.comment = optionsAt < at + length - 4 ? comment(data, optionsAt, at + length - 4, blockOffset) : null;
        return true;
    }

    private boolean simplePacket(RawPacket into, byte[] data, int at, int length, long blockOffset)
            throws CaptureException {
        requireLength("simple packet", length, MIN_SIMPLE_PACKET_BYTES, blockOffset);
        if (sectionInterfaces.isEmpty()) {
            throw new CaptureException(name, blockOffset, "simple packet block before any interface description");
        }
        PcapngInterface described = sectionInterfaces.get(0);
        long originalLength = Ints.u32(data, at + 8, swap);
        long capturedLength = Math.min(originalLength, length - MIN_SIMPLE_PACKET_BYTES);
        if (described.snaplen > 0) {
            capturedLength = Math.min(capturedLength, described.snaplen);
        }
        if (into == null) {
            return false;
        }
        fill(into, data, at + 12, (int) capturedLength, (int) Math.min(originalLength, Integer.MAX_VALUE),
                lastTimestampNanos, described, 0, blockOffset);
        into.comment = null;
        return true;
    }

    private PcapngInterface described(String kind, int interfaceId, long blockOffset) throws CaptureException {
        if (Integer.compareUnsigned(interfaceId, sectionInterfaces.size()) >= 0) {
            throw new CaptureException(name, blockOffset, kind + " block names interface "
                    + Integer.toUnsignedString(interfaceId) + ", but section " + section + " describes "
                    + sectionInterfaces.size());
        }
        return sectionInterfaces.get(interfaceId);
    }

    private void fill(RawPacket into, byte[] data, int dataAt, int capturedLength, int originalLength,
            long timestampNanos, PcapngInterface described, int interfaceId, long blockOffset) {
        if (Integer.compareUnsigned(originalLength, capturedLength) < 0) {
            originalLength = capturedLength;
        } else if (originalLength < 0) {
            originalLength = Integer.MAX_VALUE;
        }
        into.data = data;
        into.offset = dataAt;
        into.capturedLength = capturedLength;
        into.originalLength = originalLength;
        into.timestampNanos = timestampNanos;
        into.timestampDigits = described.timestampDigits;
        into.linkType = described.linkType;
        into.frameNumber = ++packets;
        into.fileIndex = 0;
        into.fileOffset = blockOffset;
        into.interfaceId = interfaceId;
        lastTimestampNanos = timestampNanos;
    }

    /** The packet's opt_comment values (joined by newlines when there are several), or null. */
    private String comment(byte[] data, int from, int to, long blockOffset) {
        String comment = null;
        options.start(data, from, to, swap);
        while (options.next()) {
            if (options.code == OptionCursor.COMMENT) {
                String text = new String(data, options.valueAt, options.valueLength, StandardCharsets.UTF_8);
                comment = comment == null ? text : comment + "\n" + text;
            }
        }
        noteMalformedOptions(blockOffset);
        return comment;
    }

    private void noteMalformedOptions(long blockOffset) {
        if (options.malformed && !reportedMalformedOption) {
            reportedMalformedOption = true;
            problems.problem(new CaptureProblem(name, blockOffset, "malformed_option",
                    "option length " + options.valueLength + " runs past the end of the block; options from there"
                            + " ignored (reported once per file)", false));
        }
    }

    private void reportSkipped(int type, long blockOffset) {
        for (int i = 0; i < reportedTypeCount; i++) {
            if (reportedTypes[i] == type) {
                return;
            }
        }
        if (reportedTypeCount == reportedTypes.length) {
            return;
        }
        reportedTypes[reportedTypeCount++] = type;
        problems.problem(new CaptureProblem(name, blockOffset, "skipped_block",
                String.format("skipped block of unknown type 0x%08x", type), false));
    }

    /** The input ended inside a block of at least {@code needed} bytes (or cleanly, between blocks). */
    private boolean end(int needed) {
        state = State.ENDED;
        in.reportTruncated(problems, "block", needed);
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
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
        return Collections.unmodifiableList(allInterfaces);
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
        in.close();
    }
}
