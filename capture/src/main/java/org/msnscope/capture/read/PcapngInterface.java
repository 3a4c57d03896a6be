package org.msnscope.capture.read;

import java.nio.charset.StandardCharsets;
import org.msnscope.capture.CaptureLimits;
import org.msnscope.capture.InterfaceInfo;
import org.msnscope.capture.TimestampResolution;

/** One pcapng interface of the current section, with what packet decoding needs precomputed. */
final class PcapngInterface {
    static final int IF_NAME = 2;
    static final int IF_DESCRIPTION = 3;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;
    /** Fixed part of an Interface Description Block body: link type, reserved, snaplen. */
    static final int FIXED_BODY_BYTES = 8;

    final int linkType;
    /** Captured-length limit it promises; 0 means none. */
    final long snaplen;
    final TimestampResolution resolution;
    final int timestampDigits;
    final long offsetNanos;
    final InterfaceInfo info;

    private PcapngInterface(int linkType, long snaplen, TimestampResolution resolution, long offsetSeconds,
            InterfaceInfo info) {
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.resolution = resolution;
        this.timestampDigits = resolution.digits();
        this.offsetNanos = offsetSeconds * 1_000_000_000L;
        this.info = info;
    }

    /**
     * Parses the body of an Interface Description Block at {@code body} (length at least
     * {@link #FIXED_BODY_BYTES}), options up to {@code bodyEnd}.
     */
    static PcapngInterface parse(byte[] b, int body, int bodyEnd, boolean swap, int section, int id,
            OptionCursor options) {
        int linkType = Ints.u16(b, body, swap);
        long snaplen = Ints.u32(b, body + 4, swap);
        String name = null;
        String description = null;
        String comment = null;
        TimestampResolution resolution = TimestampResolution.MICROSECONDS;
        long offsetSeconds = 0;
        options.start(b, body + FIXED_BODY_BYTES, bodyEnd, swap);
        while (options.next()) {
            int at = options.valueAt;
            int length = options.valueLength;
            switch (options.code) {
                case IF_NAME -> name = text(b, at, length);
                case IF_DESCRIPTION -> description = text(b, at, length);
                case OptionCursor.COMMENT -> comment = text(b, at, length);
                case IF_TSRESOL -> {
                    if (length >= 1) {
                        resolution = TimestampResolution.fromTsresol(b[at] & 0xFF);
                    }
                }
                case IF_TSOFFSET -> {
                    if (length >= 8) {
                        offsetSeconds = Ints.i64(b, at, swap);
                    }
                }
                default -> {
                }
            }
        }
        InterfaceInfo info = new InterfaceInfo(section, id, linkType, (int) Math.min(snaplen, Integer.MAX_VALUE),
                name, description, comment, resolution, offsetSeconds);
        return new PcapngInterface(linkType, snaplen, resolution, offsetSeconds, info);
    }

    /** UTF-8 option text, cut at {@link CaptureLimits#MAX_INTERFACE_TEXT_BYTES} and at a NUL terminator. */
    static String text(byte[] b, int at, int length) {
        int n = Math.min(length, CaptureLimits.MAX_INTERFACE_TEXT_BYTES);
        for (int i = 0; i < n; i++) {
            if (b[at + i] == 0) {
                n = i;
                break;
            }
        }
        return new String(b, at, n, StandardCharsets.UTF_8);
    }
}
