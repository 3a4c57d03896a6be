package org.msnscope.capture;

import java.io.IOException;

/**
 * A capture that cannot be read past a point. The message is one line:
 * {@code FILE: offset N: what was wrong}.
 */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;
    private final String reason;

    public CaptureException(String source, long offset, String reason) {
        super(source + ": offset " + offset + ": " + reason);
        this.source = source;
        this.offset = offset;
        this.reason = reason;
    }

    public CaptureException(String source, long offset, String reason, Throwable cause) {
        this(source, offset, reason);
        initCause(cause);
    }

    public String source() {
        return source;
    }

    /** Byte offset in the (decompressed) file where the problem was found. */
    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
