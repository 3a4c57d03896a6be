package org.msnscope.capture.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.msnscope.capture.CaptureException;

class InputBufferTest {
    /** Gives {@code good} bytes (0, 1, 2, ...) three at a time, then fails with {@code failure}. */
    private static ByteInput failingAfter(int good, IOException failure, boolean gzipped) {
        return new ByteInput() {
            private int given;

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (given == good) {
                    throw failure;
                }
                int n = Math.min(Math.min(length, 3), good - given);
                for (int i = 0; i < n; i++) {
                    into[offset + i] = (byte) given++;
                }
                return n;
            }

            @Override
            public boolean gzipped() {
                return gzipped;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void readErrorsNameTheSourceAndTheOffsetReached() throws Exception {
        InputBuffer b = new InputBuffer(failingAfter(10, new IOException("disk on fire"), false), "x.pcap", 64);
        assertTrue(b.ensure(4), "bytes before the failure are still delivered");
        assertEquals(3, b.data[b.pos + 3]);
        b.pos += 10;
        CaptureException e = assertThrows(CaptureException.class, () -> b.ensure(1));
        assertEquals("x.pcap: offset 10: read error (disk on fire)", e.getMessage());
        assertEquals(10, e.offset());
    }

    @Test
    void aFailureBeforeEnoughBytesIsThrownAtOnce() {
        InputBuffer b = new InputBuffer(failingAfter(5, new EOFException("Unexpected end of ZLIB input stream"), true),
                "x.gz", 64);
        CaptureException e = assertThrows(CaptureException.class, () -> b.ensure(8));
        assertEquals("x.gz: offset 5: gzip stream cut short", e.getMessage());
    }

    @Test
    void corruptGzipIsNamed() {
        InputBuffer b = new InputBuffer(failingAfter(0, new ZipException("invalid block type"), true), "x.gz", 64);
        assertEquals("x.gz: offset 0: gzip stream corrupt (invalid block type)",
                assertThrows(CaptureException.class, () -> b.ensure(1)).getMessage());
    }

    @Test
    void growsOnlyUpToTheAllowedCapacity() throws Exception {
        InputBuffer b = new InputBuffer(failingAfter(1000, new IOException("end"), false), "x", 1);
        assertTrue(b.ensure(InputBuffer.FILE_HEADER_BYTES));
        assertEquals(InputBuffer.FILE_HEADER_BYTES, b.data.length);
        CaptureException e = assertThrows(CaptureException.class, () -> b.ensure(100));
        assertEquals("x: offset 0: record of 100 bytes exceeds the buffer limit of 64 bytes", e.getMessage());
        b.allowCapacity(100);
        assertTrue(b.ensure(100));
        assertEquals(100, b.data.length);
        assertEquals(99, b.data[99]);
    }

    @Test
    void endOfInputLeavesTheRemainingBytes() throws Exception {
        ByteInput five = new ByteInput() {
            private boolean done;

            @Override
            public int read(byte[] into, int offset, int length) {
                if (done) {
                    return -1;
                }
                done = true;
                return Math.min(length, 5);
            }

            @Override
            public boolean gzipped() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        InputBuffer b = new InputBuffer(five, "x", 16);
        assertFalse(b.ensure(8));
        assertEquals(5, b.available());
        assertFalse(b.ensure(6));
    }
}
