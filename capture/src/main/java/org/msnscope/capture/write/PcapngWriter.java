package org.msnscope.capture.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.msnscope.capture.CaptureWriter;

/**
 * Writes a pcapng file with one section: a Section Header Block (section length -1, shb_userappl
 * "msnscope", optional shb_comment), Interface Description Blocks and Enhanced Packet Blocks. An
 * interface is created on the first packet of each link type (snaplen 262144, if_name
 * "msnscope&lt;linktype&gt;", if_tsresol when the resolution is not microseconds), or explicitly with
 * {@link #addInterface}. Every block is padded to 32 bits; option lists end with opt_endofopt.
 */
public final class PcapngWriter implements CaptureWriter {
    /** Snaplen of the interfaces created implicitly by {@link #write(int, long, byte[], int, int, int, String)}. */
    public static final int DEFAULT_SNAPLEN = 262144;
    /** Name written as shb_userappl. */
    public static final String USER_APPLICATION = "msnscope";
    /** Most interfaces one file may describe (each costs a few bytes of state). */
    public static final int MAX_INTERFACES = 4096;

    static final int BLOCK_SHB = 0x0A0D0D0A;
    static final int BLOCK_IDB = 1;
    static final int BLOCK_EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_SHB_USERAPPL = 4;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_TSRESOL = 9;

    private final OutputBuffer buffer;
    private final int tsDigits;
    private final long unitsPerSecond;
    private int interfaceCount;
    private int[] interfaceLinkTypes = new int[4];
    private int[] interfaceSnaplens = new int[4];
    /** Implicit interface id per link type, looked up linearly; -1 marks a free slot. */
    private int[] implicitLinkTypes = new int[0];
    private int[] implicitIds = new int[0];

    /**
     * Writes the Section Header Block at once.
     *
     * @param tsDigits 6 (microseconds) or 9 (nanoseconds)
     * @param shbComment section comment, or null for none
     */
    public PcapngWriter(OutputStream out, int tsDigits, ByteOrder order, String shbComment) throws IOException {
        if (tsDigits != 6 && tsDigits != 9) {
            throw new IllegalArgumentException("timestamp digits must be 6 or 9: " + tsDigits);
        }
        this.buffer = new OutputBuffer(out, order);
        this.tsDigits = tsDigits;
        this.unitsPerSecond = tsDigits == 6 ? 1_000_000L : 1_000_000_000L;
        byte[] comment = shbComment == null ? null : shbComment.getBytes(StandardCharsets.UTF_8);
        byte[] userAppl = USER_APPLICATION.getBytes(StandardCharsets.US_ASCII);
        int options = optionSize(comment) + optionSize(userAppl) + 4;
        int total = 28 + options;
        blockStart(BLOCK_SHB, total);
        buffer.putInt(BYTE_ORDER_MAGIC);
        buffer.putShort(1);
        buffer.putShort(0);
        buffer.putInt(-1);
        buffer.putInt(-1);
        putOption(OPT_COMMENT, comment);
        putOption(OPT_SHB_USERAPPL, userAppl);
        endOptions();
        buffer.reserve(4);
        buffer.putInt(total);
    }

    /**
     * Describes a new interface and returns its id (0, 1, ... in order of creation).
     *
     * @param comment interface comment (opt_comment), or null
     */
    public int addInterface(int linkType, int snaplen, String name, String comment) throws IOException {
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type out of range: " + linkType);
        }
        if (snaplen < 0) {
            throw new IllegalArgumentException("snaplen must not be negative: " + snaplen);
        }
        if (interfaceCount == MAX_INTERFACES) {
            throw new IllegalStateException("more than " + MAX_INTERFACES + " interfaces");
        }
        byte[] nameBytes = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        byte[] commentBytes = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        byte[] tsresol = tsDigits == 6 ? null : new byte[] {(byte) tsDigits};
        int options = optionSize(commentBytes) + optionSize(nameBytes) + optionSize(tsresol);
        int total = 20 + (options == 0 ? 0 : options + 4);
        blockStart(BLOCK_IDB, total);
        buffer.putShort(linkType);
        buffer.putShort(0);
        buffer.putInt(snaplen);
        putOption(OPT_COMMENT, commentBytes);
        putOption(OPT_IF_NAME, nameBytes);
        putOption(OPT_IF_TSRESOL, tsresol);
        if (options != 0) {
            endOptions();
        }
        buffer.reserve(4);
        buffer.putInt(total);
        if (interfaceCount == interfaceLinkTypes.length) {
            interfaceLinkTypes = Arrays.copyOf(interfaceLinkTypes, interfaceCount * 2);
            interfaceSnaplens = Arrays.copyOf(interfaceSnaplens, interfaceCount * 2);
        }
        interfaceLinkTypes[interfaceCount] = linkType;
        interfaceSnaplens[interfaceCount] = snaplen;
        return interfaceCount++;
    }

    @Override
    public void write(int linkType, long timestampNanos, byte[] data, int offset, int length, int originalLength,
            String comment) throws IOException {
        writeOn(implicitInterface(linkType), timestampNanos, data, offset, length, originalLength, comment);
    }

    /**
     * Appends an Enhanced Packet Block on an interface made by {@link #addInterface} (or implicitly).
     * Named apart from {@code write} because its parameter list is the same as
     * {@link CaptureWriter#write(int, long, byte[], int, int, int, String)}, whose first int is a link type.
     */
    public void writeOn(int interfaceId, long tsNanos, byte[] d, int off, int len, int origLen, String comment)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaceCount) {
            throw new IllegalArgumentException("no interface " + interfaceId);
        }
        Objects.checkFromIndexSize(off, len, d.length);
        if (origLen < len) {
            throw new IllegalArgumentException("original length " + origLen + " < captured length " + len);
        }
        int snaplen = interfaceSnaplens[interfaceId];
        int stored = snaplen == 0 ? len : Math.min(len, snaplen);
        byte[] commentBytes = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        int options = optionSize(commentBytes);
        int total = 32 + stored + OutputBuffer.padding(stored) + (options == 0 ? 0 : options + 4);
        long units = Math.floorDiv(tsNanos, 1_000_000_000L) * unitsPerSecond
                + Math.floorMod(tsNanos, 1_000_000_000L) / (1_000_000_000L / unitsPerSecond);
        blockStart(BLOCK_EPB, total);
        buffer.reserve(20);
        buffer.putInt(interfaceId);
        buffer.putInt((int) (units >>> 32));
        buffer.putInt((int) units);
        buffer.putInt(stored);
        buffer.putInt(origLen);
        buffer.putBytes(d, off, stored);
        buffer.reserve(4);
        buffer.putZeros(OutputBuffer.padding(stored));
        if (options != 0) {
            putOption(OPT_COMMENT, commentBytes);
            endOptions();
        }
        buffer.reserve(4);
        buffer.putInt(total);
    }

    private int implicitInterface(int linkType) throws IOException {
        for (int i = 0; i < implicitLinkTypes.length; i++) {
            if (implicitLinkTypes[i] == linkType) {
                return implicitIds[i];
            }
        }
        int id = addInterface(linkType, DEFAULT_SNAPLEN, "msnscope" + linkType, null);
        int n = implicitLinkTypes.length;
        implicitLinkTypes = Arrays.copyOf(implicitLinkTypes, n + 1);
        implicitIds = Arrays.copyOf(implicitIds, n + 1);
        implicitLinkTypes[n] = linkType;
        implicitIds[n] = id;
        return id;
    }

    private void blockStart(int type, int total) throws IOException {
        buffer.reserve(8);
        buffer.putInt(type);
        buffer.putInt(total);
    }

    private static int optionSize(byte[] value) {
        if (value == null) {
            return 0;
        }
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("option value longer than 65535 bytes");
        }
        return 4 + value.length + OutputBuffer.padding(value.length);
    }

    private void putOption(int code, byte[] value) throws IOException {
        if (value == null) {
            return;
        }
        buffer.reserve(4);
        buffer.putShort(code);
        buffer.putShort(value.length);
        buffer.putBytes(value, 0, value.length);
        buffer.reserve(4);
        buffer.putZeros(OutputBuffer.padding(value.length));
    }

    private void endOptions() throws IOException {
        buffer.reserve(4);
        buffer.putShort(OPT_ENDOFOPT);
        buffer.putShort(0);
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
