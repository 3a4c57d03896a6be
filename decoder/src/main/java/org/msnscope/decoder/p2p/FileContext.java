package org.msnscope.decoder.p2p;

import java.nio.charset.StandardCharsets;

/**
 * The file-transfer Context of an MSNSLP INVITE, base64-decoded: a little-endian structure of
 * header length (574 for version 2, 638 for version 3), version, file size (64 bits), type
 * (whether a preview follows), the file name as 260 UTF-16LE code units, then unknown bytes and
 * an optional preview image after the header. Layout per docs/p2p.md.
 *
 * @param headerLength the announced header length
 * @param version the structure's version
 * @param size the file size
 * @param type the type / flags word
 * @param name the file name exactly as sent (up to its NUL), not yet sanitised
 * @param previewLength bytes of preview image after the header
 */
record FileContext(long headerLength, long version, long size, long type, String name, int previewLength) {
    static final int NAME_OFFSET = 20;
    static final int NAME_BYTES = 520;

    /** The structure, or null with {@code problem[0]} saying why. */
    static FileContext parse(byte[] b, String[] problem) {
        if (b.length < NAME_OFFSET) {
            problem[0] = "file context of " + b.length + " bytes is shorter than its 20-byte fixed part";
            return null;
        }
        long hl = u32(b, 0);
        long version = u32(b, 4);
        long size = u64(b, 8);
        long type = u32(b, 16);
        if (size < 0) {
            problem[0] = "file context announces a negative (over 2^63) size";
            return null;
        }
        int nameEnd = (int) Math.min(b.length, NAME_OFFSET + NAME_BYTES);
        int n = NAME_OFFSET;
        while (n + 1 < nameEnd && (b[n] != 0 || b[n + 1] != 0)) {
            n += 2;
        }
        String name = new String(b, NAME_OFFSET, n - NAME_OFFSET, StandardCharsets.UTF_16LE);
        if (hl < NAME_OFFSET || hl > b.length) {
            problem[0] = "file context header length " + hl + " does not fit its " + b.length + " bytes";
        }
        int preview = hl >= NAME_OFFSET && hl < b.length ? (int) (b.length - hl) : 0;
        return new FileContext(hl, version, size, type, name, preview);
    }

    static long u32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    static long u64(byte[] b, int o) {
        return u32(b, o) | u32(b, o + 4) << 32;
    }
}
