package org.msnscope.capture;

import java.util.stream.IntStream;

/** The initial buffer sizes every reader test runs with, so records span refills and growth. */
final class BufferSizes {
    private BufferSizes() {
    }

    static IntStream sizes() {
        return IntStream.of(1, 7, 64, CaptureLimits.DEFAULT_BUFFER_BYTES);
    }
}
