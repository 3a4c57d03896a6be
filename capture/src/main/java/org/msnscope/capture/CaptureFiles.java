package org.msnscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.msnscope.capture.read.CaptureOpener;

/**
 * Opens capture files: classic pcap and pcapng in either byte order, each optionally gzip-compressed.
 * The format is recognised from the file's leading bytes, never from its name. Pure Java: no libpcap.
 */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /**
     * Opens one file with the default buffer ({@link CaptureLimits#DEFAULT_BUFFER_BYTES}).
     *
     * @param displayName the name used in messages (usually the path as given on the command line)
     * @param problems receives problems that do not stop reading (truncated last record, skipped blocks)
     * @throws CaptureException when the file cannot be read at all: missing, empty, not a capture,
     *         a broken header
     */
    public static CaptureFileReader open(Path path, String displayName, CaptureProblemListener problems)
            throws IOException {
        return CaptureOpener.open(path, displayName, problems, CaptureLimits.DEFAULT_BUFFER_BYTES);
    }

    /**
     * Reads a capture from a stream that cannot seek (standard input, a pipe), gzip-compressed or
     * not. Files that are FIFOs or devices are opened this way by {@link #open} too.
     */
    public static CaptureFileReader open(InputStream stream, String displayName, CaptureProblemListener problems)
            throws IOException {
        return CaptureOpener.openStream(stream, displayName, problems, CaptureLimits.DEFAULT_BUFFER_BYTES);
    }

    /** Same as {@link #open(Path, String, CaptureProblemListener)} with an explicit initial buffer size. */
    public static CaptureFileReader open(Path path, String displayName, CaptureProblemListener problems,
            int bufferSize) throws IOException {
        return CaptureOpener.open(path, displayName, problems, bufferSize);
    }
}
