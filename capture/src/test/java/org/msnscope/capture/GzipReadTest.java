package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.msnscope.capture.CaptureBytes.concat;
import static org.msnscope.capture.CaptureBytes.epb;
import static org.msnscope.capture.CaptureBytes.gzip;
import static org.msnscope.capture.CaptureBytes.idb;
import static org.msnscope.capture.CaptureBytes.payload;
import static org.msnscope.capture.CaptureBytes.pcapHeader;
import static org.msnscope.capture.CaptureBytes.pcapRecord;
import static org.msnscope.capture.CaptureBytes.shb;
import static org.msnscope.capture.CaptureBytes.textOption;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GzipReadTest {
    @TempDir
    Path dir;

    static byte[] samplePcap(boolean bigEndian, boolean nanos) {
        byte[][] parts = new byte[41][];
        parts[0] = pcapHeader(bigEndian, nanos, 65535, LinkType.ETHERNET);
        for (int i = 1; i < parts.length; i++) {
            parts[i] = pcapRecord(bigEndian, 1000 + i, i, payload(50 + i * 13, i), 50 + i * 13);
        }
        return concat(parts);
    }

    static byte[] samplePcapng(boolean bigEndian) {
        byte[][] parts = new byte[42][];
        parts[0] = shb(bigEndian);
        parts[1] = idb(bigEndian, LinkType.RAW, 0);
        for (int i = 2; i < parts.length; i++) {
            parts[i] = epb(bigEndian, 0, 1_000_000L * i, payload(40 + i * 7, i), 40 + i * 7,
                    textOption(bigEndian, 1, "packet " + i));
        }
        return concat(parts);
    }

    /** Reading the gzip file must give exactly what reading the plain file gives. */
    private void assertSameAsPlain(byte[] plain, byte[] compressed, int bufferSize) throws Exception {
        Reading.Result expected = Reading.readAll(Reading.write(dir, "plain", plain), CaptureLimits.DEFAULT_BUFFER_BYTES);
        Reading.Result actual = Reading.readAll(Reading.write(dir, "plain.gz", compressed), bufferSize);
        assertNull(actual.error());
        assertEquals(40, actual.packets().size());
        assertEquals(expected.packets(), actual.packets());
        assertEquals(expected.problems(), actual.problems());
        assertEquals(expected.interfaces(), actual.interfaces());
        assertTrue(actual.reader().gzipped());
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void gzippedPcapOfEachKind(int bufferSize) throws Exception {
        for (boolean be : new boolean[] {false, true}) {
            for (boolean nanos : new boolean[] {false, true}) {
                byte[] plain = samplePcap(be, nanos);
                assertSameAsPlain(plain, gzip(plain), bufferSize);
            }
        }
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void gzippedPcapngOfEachByteOrder(int bufferSize) throws Exception {
        for (boolean be : new boolean[] {false, true}) {
            byte[] plain = samplePcapng(be);
            assertSameAsPlain(plain, gzip(plain), bufferSize);
        }
    }

    @ParameterizedTest(name = "buffer {0}")
    @MethodSource("org.msnscope.capture.BufferSizes#sizes")
    void multiMemberGzipIsReadAcrossMembers(int bufferSize) throws Exception {
        byte[] plain = samplePcapng(false);
        int a = 3;
        int b = plain.length / 2 + 1;
        byte[] members = concat(gzip(Arrays.copyOfRange(plain, 0, a)), gzip(Arrays.copyOfRange(plain, a, b)),
                gzip(Arrays.copyOfRange(plain, b, plain.length)));
        assertSameAsPlain(plain, members, bufferSize);
    }
}
