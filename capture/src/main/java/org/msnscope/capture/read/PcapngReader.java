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
final class PcapngReader implements ChainedReader.Successive {
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

    private final Resync resync;
    /** True while the first section header is read: damage there means the input is not pcapng. */
    private boolean opening = true;
    private CaptureFileReader successor;

    private PcapngReader(InputBuffer in, String name, CaptureProblemListener problems, long framesBefore) {
        this.in = in;
        this.name = name;
        this.problems = problems;
        this.resync = new Resync(name, problems, "block");
        this.packets = framesBefore;
        // room for a block and the header of the one after it: the resync test looks at both
        in.allowCapacity(CaptureLimits.MAX_BLOCK_BYTES + MIN_BLOCK_BYTES);
    }

    /**
     * Reads the first Section Header Block, so that a file that is not pcapng after all fails here.
     * The buffer holds the file from offset 0 and the block type has been checked.
     */
    static PcapngReader open(InputBuffer in, String name, CaptureProblemListener problems) throws CaptureException {
        return openAt(in, name, problems, 0);
    }

    /**
     * Reads a Section Header Block at the buffer's position (offset 0, or where an earlier capture in
     * the same input ended); frames are numbered on from {@code framesBefore}.
     */
    static PcapngReader openAt(InputBuffer in, String name, CaptureProblemListener problems, long framesBefore)
            throws CaptureException {
        if (!in.ensure(MIN_SECTION_HEADER_BYTES)) {
            throw new CaptureException(name, in.offset(), "truncated pcapng section header block (" + in.available()
                    + " of " + MIN_SECTION_HEADER_BYTES + " bytes)");
        }
        PcapngReader reader = new PcapngReader(in, name, problems, framesBefore);
        reader.readBlock(null);
        reader.opening = false;
        return reader;
    }

    /** A section header block with a valid byte-order magic starts at {@code at} (28 bytes available). */
    static boolean isSectionHeader(byte[] b, int at) {
        if (Ints.magic(b, at) != SECTION_HEADER) {
            return false;
        }
        int magic = Ints.i32(b, at + 8, false);
        boolean swapped = magic == Integer.reverseBytes(BYTE_ORDER_MAGIC);
        return (magic == BYTE_ORDER_MAGIC || swapped) && Ints.u16(b, at + 12, swapped) == 1;
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
     * {@link #lastDelivered}. Damage is skipped over to the next plausible block ({@link Resync}),
     * except in the first section header.
     *
     * @return false at the end of the input (clean or cut short) or of this capture (another follows)
     */
    private boolean readBlock(RawPacket into) throws CaptureException {
        InputBuffer b = in;
        while (true) {
            lastDelivered = false;
            if (b.limit - b.pos < 8 && !b.ensure(8)) {
                return end(8);
            }
            if (!opening && PcapReader.isPcapMagic(Ints.magic(b.data, b.pos))
                    && b.ensure(PcapReader.GLOBAL_HEADER_BYTES) && PcapReader.isGlobalHeader(b.data, b.pos)) {
                resync.concatenated(b.offset(), "a pcap global header follows the pcapng blocks: a pcap capture"
                        + " appended; reading on with it");
                successor = PcapReader.open(b, name, problems, Ints.magic(b.data, b.pos), packets);
                state = State.ENDED;
                return false;
            }
            int type = Ints.i32(b.data, b.pos, swap);
            if (type == SECTION_HEADER) {
                if (!b.ensure(12)) {
                    return end(12);
                }
                String bad = readByteOrder(b.data, b.pos);
                if (bad != null) {
                    damaged(b, bad);
                    continue;
                }
            }
            int length = Ints.i32(b.data, b.pos + 4, swap);
            String bad = lengthProblem(length);
            if (bad != null) {
                damaged(b, bad);
                continue;
            }
            if (b.limit - b.pos < length && !b.ensure(length)) {
                if (!opening && resync.trySkipRest(b, "block length " + length + " runs past the end of the file",
                        framing)) {
                    continue;
                }
                return end(length);
            }
            byte[] data = b.data;
            int at = b.pos;
            long blockOffset = b.base + at;
            int trailer = Ints.i32(data, at + length - 4, swap);
            if (trailer != length) {
                damaged(b, "trailing block length " + Integer.toUnsignedString(trailer)
                        + " differs from leading block length " + length);
                continue;
            }
            b.pos = at + length;
            try {
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
            } catch (CaptureException e) {
                if (opening) {
                    throw e;
                }
                // the block is whole (its two lengths agree) but what it says cannot be used: only it is lost
                resync.skippedBlock(blockOffset, e.reason(), length);
                continue;
            }
            return true;
        }
    }

    /** The block at the buffer's position cannot be delimited: fatal while opening, else a resync. */
    private void damaged(InputBuffer b, String reason) throws CaptureException {
        if (opening) {
            throw new CaptureException(name, b.offset(), reason);
        }
        resync.skip(b, reason, framing);
    }

    /** The byte order a section header's magic gives (set), or what is wrong with it. */
    private String readByteOrder(byte[] data, int at) {
        int magic = Ints.i32(data, at + 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
            swap = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swap = true;
        } else {
            return String.format("bad byte-order magic 0x%08x in section header block", Ints.magic(data, at + 8));
        }
        return null;
    }

    private static String lengthProblem(int length) {
        String unsigned = Integer.toUnsignedString(length);
        if (Integer.compareUnsigned(length, CaptureLimits.MAX_BLOCK_BYTES) > 0) {
            return "block length " + unsigned + " exceeds the limit of " + CaptureLimits.MAX_BLOCK_BYTES + " bytes";
        }
        if (length < MIN_BLOCK_BYTES) {
            return "block length " + unsigned + " is less than " + MIN_BLOCK_BYTES;
        }
        if ((length & 3) != 0) {
            return "block length " + unsigned + " is not a multiple of 4";
        }
        return null;
    }

    /** {@link Resync.Framing} of pcapng blocks: a known type whose two lengths agree and whose content fits. */
    private int plausibleLength(InputBuffer b, int rel) throws CaptureException {
        byte[] d = b.data;
        int at = b.pos + rel;
        int magic = Ints.magic(d, at);
        if (magic == SECTION_HEADER || PcapReader.isPcapMagic(magic)) {
            if (!b.ensure(rel + MIN_SECTION_HEADER_BYTES)) {
                return -1;
            }
            d = b.data;
            at = b.pos + rel;
            return isSectionHeader(d, at) || PcapReader.isGlobalHeader(d, at) ? 0 : -1;
        }
        int type = Ints.i32(d, at, swap);
        int length = Ints.i32(d, at + 4, swap);
        int minimum = switch (type) {
            case ENHANCED_PACKET, PACKET -> MIN_PACKET_BYTES;
            case SIMPLE_PACKET -> MIN_SIMPLE_PACKET_BYTES;
            case INTERFACE_DESCRIPTION -> MIN_INTERFACE_BYTES;
            case NAME_RESOLUTION, INTERFACE_STATISTICS, DECRYPTION_SECRETS, CUSTOM, CUSTOM_NO_COPY -> MIN_BLOCK_BYTES;
            default -> -1;
        };
        if (minimum < 0 || lengthProblem(length) != null || length < minimum || !b.ensure(rel + length)) {
            return -1;
        }
        d = b.data;
        at = b.pos + rel;
        if (Ints.i32(d, at + length - 4, swap) != length) {
            return -1;
        }
        if (type == ENHANCED_PACKET || type == PACKET) {
            int interfaceId = type == ENHANCED_PACKET ? Ints.i32(d, at + 8, swap) : Ints.u16(d, at + 8, swap);
            int captured = Ints.i32(d, at + 20, swap);
            if (Integer.compareUnsigned(interfaceId, sectionInterfaces.size()) >= 0
                    || Integer.compareUnsigned(captured, length - MIN_PACKET_BYTES) > 0) {
                return -1;
            }
        } else if (type == SIMPLE_PACKET && sectionInterfaces.isEmpty()) {
            return -1;
        }
        return length;
    }

    private final Resync.Framing framing = new Resync.Framing() {
        @Override
        public int headerBytes() {
            return MIN_BLOCK_BYTES;
        }

        @Override
        public int step() {
            return 4;
        }

        @Override
        public int plausibleLength(InputBuffer b, int rel) throws CaptureException {
            return PcapngReader.this.plausibleLength(b, rel);
        }
    };

    @Override
    public CaptureFileReader successor() {
        return successor;
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
