package org.msnscope.capture;

/**
 * One captured packet, as a borrowed view over the reader's buffer.
 *
 * <p>A {@link PacketSource} fills the same instance again on every call to
 * {@link PacketSource#next(RawPacket)}: {@link #data} and everything else are valid only until that
 * next call. A consumer that needs bytes for longer copies them (and says so in its names).
 */
public final class RawPacket {
    /** Buffer holding the packet's captured bytes at {@link #offset}; owned by the source. */
    public byte[] data;
    /** Where the captured bytes start in {@link #data}. */
    public int offset;
    /** Bytes present in the capture (pcap "caplen"). */
    public int capturedLength;
    /** Bytes the packet had on the wire (pcap "len"); larger than capturedLength when snaplen cut it. */
    public int originalLength;
    /** Capture time in nanoseconds since the Unix epoch (UTC). */
    public long timestampNanos;
    /** Decimal digits of sub-second precision the capture records (6 for microseconds, 9 for nanoseconds). */
    public int timestampDigits;
    /** Link-layer type (a {@link LinkType} value) of the interface this packet came from. */
    public int linkType;
    /** 1-based packet number in the whole run, as Wireshark numbers it; set by the merging source. */
    public long frameNumber;
    /** Index of the input file in the run (0-based, in command-line order). */
    public int fileIndex;
    /** Offset of this packet's record (header) in the decompressed input file. */
    public long fileOffset;
    /** pcapng interface id within its section (0 for classic pcap). */
    public int interfaceId;
    /** The pcapng packet comment (opt_comment), or null. */
    public String comment;

    public boolean truncated() {
        return capturedLength < originalLength;
    }

    /** Copies every field of {@code other} into this view (the bytes are shared, not copied). */
    public void set(RawPacket other) {
        data = other.data;
        offset = other.offset;
        capturedLength = other.capturedLength;
        originalLength = other.originalLength;
        timestampNanos = other.timestampNanos;
        timestampDigits = other.timestampDigits;
        linkType = other.linkType;
        frameNumber = other.frameNumber;
        fileIndex = other.fileIndex;
        fileOffset = other.fileOffset;
        interfaceId = other.interfaceId;
        comment = other.comment;
    }
}
