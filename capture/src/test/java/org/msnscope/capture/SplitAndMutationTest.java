package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.epb;
import static org.msnscope.capture.CaptureBytes.idb;
import static org.msnscope.capture.CaptureBytes.option;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pb;
import static org.msnscope.capture.CaptureBytes.shb;
import static org.msnscope.capture.CaptureBytes.spb;
import static org.msnscope.capture.CaptureBytes.textOption;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every initial buffer size from 1 to past the whole file gives the same packets (so every record
 * and block boundary falls across a refill somewhere), and damaged files only ever end in a
 * {@link CaptureException}.
 */
class SplitAndMutationTest {
    @TempDir
    Path dir;

    static byte[] mixedPcapng() {
        return concat(shb(false), idb(false, LinkType.ETHERNET, 64, textOption(false, 2, "eth0")),
                epb(false, 0, 10, payload(17, 0), 17, textOption(false, 1, "c")),
                CaptureBytes.block(false, 5, payload(12, 0)),
                spb(false, 90, payload(64, 3)),
                shb(true), idb(true, LinkType.RAW, 0, option(true, 9, new byte[] {(byte) 0x8A})),
                pb(true, 0, 5000, payload(33, 1), 40),
                epb(true, 0, 6000, payload(0, 0), 0));
    }

    @Test
    void everyBufferSizeGivesTheSamePackets() throws Exception {
        byte[][] files = {mixedPcapng(), GzipReadTest.samplePcap(true, true), CaptureBytes.gzip(mixedPcapng())};
        for (int f = 0; f < files.length; f++) {
            Path file = Reading.write(dir, "f" + f, files[f]);
            Reading.Result expected = Reading.readAll(file, CaptureLimits.DEFAULT_BUFFER_BYTES);
            assertNull(expected.error());
            assertTrue(expected.packets().size() >= 4);
            for (int size = 1; size <= 300; size++) {
                Reading.Result r = Reading.readAll(file, size);
                assertNull(r.error(), "buffer " + size);
                assertEquals(expected.packets(), r.packets(), "buffer " + size);
                assertEquals(expected.interfaces(), r.interfaces(), "buffer " + size);
            }
        }
    }

    @Test
    void damagedFilesEndInCaptureExceptionsOnly() throws Exception {
        Random random = new Random(1863);
        byte[][] originals = {mixedPcapng(), GzipReadTest.samplePcap(false, false), GzipReadTest.samplePcapng(true)};
        int readToEnd = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] bytes = originals[round % originals.length].clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Path file = Reading.write(dir, "m.bin", bytes);
            int size = 1 + random.nextInt(200);
            try {
                Reading.Result r = Reading.readAll(file, size);
                if (r.error() == null) {
                    readToEnd++;
                }
            } catch (CaptureException e) {
                assertTrue(e.getMessage().startsWith("m.bin: offset "), e.getMessage());
            }
        }
        assertTrue(readToEnd > 100, "some damaged files still read to the end: " + readToEnd);
    }
}
