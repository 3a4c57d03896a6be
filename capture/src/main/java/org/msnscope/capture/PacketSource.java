package org.msnscope.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of captured packets: a capture file, several merged files, or a live interface.
 *
 * <p>Data that cannot be read any further (a bad header, a record length past a limit, a cut gzip
 * stream) raises a {@link CaptureException} naming the file and offset; the source is finished
 * after that. Recoverable oddities (a truncated last record, skipped blocks) go to the
 * {@link CaptureProblemListener} given when the source was opened.
 */
public interface PacketSource extends Closeable {
    /**
     * Fills {@code into} with the next packet. The view stays valid until the next call.
     *
     * @return false at the end of the capture
     */
    boolean next(RawPacket into) throws IOException;

    /** The name used in messages: the file path as given, or the interface name. */
    String name();
}
