package org.msnscope.capture.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Pattern;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.RawPacket;

/**
 * Fuzz target for the capture readers (pcap in all four magics, pcapng, either gzip-compressed):
 * the bytes are a whole capture file read through {@link CaptureOpener#openStream} with a buffer
 * size the fuzzer picks. Contract: opening and reading throw nothing but {@link CaptureException},
 * whose message is one line naming an offset; every packet lies inside its buffer, is numbered in
 * order and is never longer than on the wire; problems are one line; reading ends.
 * Run long with {@code bench/fuzz.sh readers}.
 */
class CaptureReaderFuzzTest {
    private static final Pattern ONE_LINE_WITH_OFFSET = Pattern.compile("[^\\r\\n]*: offset \\d+: [^\\r\\n]+");
    /** A record takes at least 16 bytes (pcap header); gzip can multiply the input by ~1000. */
    private static final long MAX_PACKETS_PER_INPUT_BYTE = 1032 / 16 + 1;

    @FuzzTest
    void readCapture(FuzzedDataProvider data) {
        int bufferSize = 1 + data.consumeInt(0, 1 << 16);
        byte[] file = data.consumeRemainingAsBytes();
        CaptureFileReader reader;
        try {
            reader = CaptureOpener.openStream(new ByteArrayInputStream(file), "fuzz", CaptureReaderFuzzTest::problem,
                    bufferSize);
        } catch (CaptureException e) {
            checkMessage(e);
            return;
        }
        assertTrue(file.length >= 4, "a reader opened on " + file.length + " bytes");
        RawPacket p = new RawPacket();
        long packets = 0;
        long maxPackets = MAX_PACKETS_PER_INPUT_BYTE * (file.length + 1);
        try (reader) {
            assertFalse(reader.interfaces() == null, "interfaces");
            while (reader.next(p)) {
                packets++;
                assertEquals(packets, p.frameNumber, "frame numbers count from 1 without holes");
                assertTrue(p.offset >= 0 && p.capturedLength >= 0 && p.offset + (long) p.capturedLength <= p.data.length,
                        "packet outside its buffer: offset " + p.offset + " length " + p.capturedLength + " of "
                                + p.data.length);
                assertTrue(Integer.compareUnsigned(p.capturedLength, p.originalLength) <= 0 || p.originalLength < 0,
                        "captured " + p.capturedLength + " > original " + p.originalLength);
                assertTrue(p.fileOffset >= 0, "file offset " + p.fileOffset);
                if (packets > maxPackets) {
                    fail(packets + " packets from " + file.length + " bytes: the reader does not end");
                }
            }
            assertFalse(reader.next(p), "a reader that ended stays ended");
        } catch (CaptureException e) {
            checkMessage(e);
        } catch (IOException e) {
            fail("an I/O exception other than CaptureException from bytes in memory: " + e, e);
        }
    }

    private static void checkMessage(CaptureException e) {
        String m = e.getMessage();
        assertTrue(m != null && ONE_LINE_WITH_OFFSET.matcher(m).matches(), "not one line with an offset: " + m);
        assertTrue(e.offset() >= 0, "offset " + e.offset());
    }

    private static void problem(CaptureProblem p) {
        String line = p.describe();
        assertFalse(line.contains("\n") || line.contains("\r"), "a problem of more than one line: " + line);
        assertFalse(p.code() == null || p.code().isEmpty(), "a problem without a code: " + line);
    }
}
