package org.msnscope.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Hand-built capture file bytes for tests (independent of any writer in main code). */
final class CaptureBytes {
    private CaptureBytes() {
    }

    /** Appends integers in a chosen byte order. */
    static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final boolean bigEndian;

        Out(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Out u8(int v) {
            bytes.write(v);
            return this;
        }

        Out u16(int v) {
            return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
        }

        Out u32(long v) {
            int x = (int) v;
            return bigEndian ? u8(x >>> 24).u8(x >>> 16).u8(x >>> 8).u8(x) : u8(x).u8(x >>> 8).u8(x >>> 16).u8(x >>> 24);
        }

        Out u64(long v) {
            return bigEndian ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
        }

        Out raw(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        Out pad4() {
            while (bytes.size() % 4 != 0) {
                u8(0);
            }
            return this;
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    /** Deterministic packet bytes: n bytes starting at seed, counting up. */
    static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    // ---- classic pcap

    static byte[] pcapHeader(boolean bigEndian, boolean nanos, long snaplen, long linkTypeField) {
        return new Out(bigEndian).u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0)
                .u32(snaplen).u32(linkTypeField).toBytes();
    }

    static byte[] pcapRecord(boolean bigEndian, long seconds, long fraction, byte[] data, long originalLength) {
        return new Out(bigEndian).u32(seconds).u32(fraction).u32(data.length).u32(originalLength).raw(data).toBytes();
    }

    static byte[] pcapRecordHeader(boolean bigEndian, long seconds, long fraction, long capturedLength,
            long originalLength) {
        return new Out(bigEndian).u32(seconds).u32(fraction).u32(capturedLength).u32(originalLength).toBytes();
    }

    // ---- pcapng

    static byte[] option(boolean bigEndian, int code, byte[] value) {
        return new Out(bigEndian).u16(code).u16(value.length).raw(value).pad4().toBytes();
    }

    static byte[] textOption(boolean bigEndian, int code, String text) {
        return option(bigEndian, code, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] endOfOptions() {
        return new byte[4];
    }

    static byte[] block(boolean bigEndian, int type, byte[] body) {
        int length = 12 + ((body.length + 3) & ~3);
        return new Out(bigEndian).u32(type).u32(length).raw(body).pad4().u32(length).toBytes();
    }

    static byte[] shb(boolean bigEndian, byte[]... options) {
        Out body = new Out(bigEndian).u32(0x1A2B3C4DL).u16(1).u16(0).u64(-1);
        for (byte[] o : options) {
            body.raw(o);
        }
        return block(bigEndian, 0x0A0D0D0A, body.toBytes());
    }

    static byte[] idb(boolean bigEndian, int linkType, long snaplen, byte[]... options) {
        Out body = new Out(bigEndian).u16(linkType).u16(0).u32(snaplen);
        for (byte[] o : options) {
            body.raw(o);
        }
        return block(bigEndian, 1, body.toBytes());
    }

    static byte[] epb(boolean bigEndian, int interfaceId, long units, byte[] data, long originalLength,
            byte[]... options) {
        Out body = new Out(bigEndian).u32(interfaceId).u32(units >>> 32).u32(units).u32(data.length)
                .u32(originalLength).raw(data).pad4();
        for (byte[] o : options) {
            body.raw(o);
        }
        return block(bigEndian, 6, body.toBytes());
    }

    static byte[] pb(boolean bigEndian, int interfaceId, long units, byte[] data, long originalLength) {
        Out body = new Out(bigEndian).u16(interfaceId).u16(0).u32(units >>> 32).u32(units).u32(data.length)
                .u32(originalLength).raw(data).pad4();
        return block(bigEndian, 2, body.toBytes());
    }

    static byte[] spb(boolean bigEndian, long originalLength, byte[] data) {
        return block(bigEndian, 3, new Out(bigEndian).u32(originalLength).raw(data).toBytes());
    }

    // ---- plumbing

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
