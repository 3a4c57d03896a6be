package org.msnscope.decoder.p2p;

import java.io.IOException;
import java.nio.file.Path;
import org.msnscope.decoder.event.TransferEvent;

/** Receives every transfer once it is over, with its bytes (for extraction). */
public interface TransferSink {
    /** The bytes of a finished transfer, valid only during {@link #finished}. */
    interface Bytes {
        /** Writes the object (its announced size; holes as zeros) to {@code target}, replacing it. */
        void saveAs(Path target) throws IOException;

        /** Bytes the file will hold. */
        long length();
    }

    /**
     * A transfer ended (completed, declined, cancelled, incomplete).
     *
     * @param bytes the object, or null when no byte of it arrived
     */
    void finished(TransferEvent event, Bytes bytes);

    /** The preview image an invitation's file context carried (its bytes are the callee's). */
    default void preview(String transfer, byte[] image) {
    }

    /** Keeps nothing. */
    TransferSink NONE = (event, bytes) -> { };
}
