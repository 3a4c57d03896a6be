package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * The objects the samples transfer, generated so that they are the same bytes on every run and JVM:
 * PNG images (zlib with stored deflate blocks, so no compressor version can change them) and files
 * of text or pseudo-random bytes from a fixed seed.
 */
public final class SampleObjects {
    private SampleObjects() {
    }

    /** A pixel colour function for {@link #png}. */
    public interface Painter {
        /** RGBA at (x, y). */
        int rgba(int x, int y);
    }

    /** A truecolour-with-alpha PNG of {@code width} x {@code height} pixels. */
    public static byte[] png(int width, int height, Painter painter) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            for (int x = 0; x < width; x++) {
                int c = painter.rgba(x, y);
                raw.write(c >>> 24);
                raw.write(c >>> 16);
                raw.write(c >>> 8);
                raw.write(c);
            }
        }
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        Bytes.be32(ihdr, width);
        Bytes.be32(ihdr, height);
        ihdr.write(8);
        ihdr.write(6);
        ihdr.write(0);
        ihdr.write(0);
        ihdr.write(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", zlibStored(raw.toByteArray()));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        Bytes.be32(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        Bytes.be32(out, crc.getValue());
    }

    /** A zlib stream of stored (uncompressed) deflate blocks. */
    static byte[] zlibStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0x01);
        int off = 0;
        do {
            int n = Math.min(65535, data.length - off);
            boolean last = off + n == data.length;
            out.write(last ? 1 : 0);
            Bytes.le16(out, n);
            Bytes.le16(out, ~n & 0xFFFF);
            out.write(data, off, n);
            off += n;
        } while (off < data.length);
        Adler32 adler = new Adler32();
        adler.update(data);
        Bytes.be32(out, adler.getValue());
        return out.toByteArray();
    }

    /** A display picture: a sunset gradient with a disc, {@code size} pixels square. */
    public static byte[] displayPicture(int size, int hue) {
        return png(size, size, (x, y) -> {
            int r = Math.min(255, 120 + y * 135 / size);
            int g = (hue + x * 90 / size + y * 40 / size) & 0xFF;
            int b = Math.max(0, 200 - y * 180 / size);
            int dx = x - size * 2 / 3;
            int dy = y - size / 3;
            if (dx * dx + dy * dy < size * size / 25) {
                r = 255;
                g = 220;
                b = 90;
            }
            return (r << 24) | (g << 16) | (b << 8) | 0xFF;
        });
    }

    /** A 19x19 smiley with a transparent background, for a custom emoticon. */
    public static byte[] emoticon() {
        return png(19, 19, (x, y) -> {
            int dx = 2 * x - 18;
            int dy = 2 * y - 18;
            int d2 = dx * dx + dy * dy;
            if (d2 > 18 * 18) {
                return 0;
            }
            boolean eye = (x == 6 || x == 12) && y >= 5 && y <= 7;
            boolean mouth = y == 13 && x >= 6 && x <= 12 || y == 12 && (x == 5 || x == 13);
            if (eye || mouth || d2 > 16 * 16) {
                return 0x5A3A00FF;
            }
            return 0xFFD23CFF;
        });
    }

    private static final String[] WORDS = {
        "beach", "ferry", "tickets", "lunch", "museum", "train", "sunscreen", "market", "harbour", "hotel",
        "breakfast", "swim", "map", "castle", "bikes", "rain", "postcards", "dinner", "sunset", "walk",
        "island", "bakery", "camera", "bus", "picnic", "lighthouse", "shells", "ice", "cream", "cliffs",
        "the", "and", "then", "after", "before", "maybe", "bring", "check", "book", "remember",
    };

    /** Text lines of words drawn from {@code seed}, exactly {@code size} bytes (UTF-8, CRLF line ends). */
    public static byte[] text(String title, long seed, int size) {
        SplitMix r = new SplitMix(seed);
        StringBuilder b = new StringBuilder(title).append("\r\n\r\n");
        int day = 1;
        while (b.length() < size) {
            b.append("Day ").append(day++).append(":");
            int words = 8 + r.nextInt(10);
            for (int i = 0; i < words; i++) {
                b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
            }
            b.append(".\r\n");
        }
        b.setLength(size - 2);
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    public static byte[] random(long seed, int size) {
        return new SplitMix(seed).bytes(size);
    }
}
