package org.msnscope.capture.read;

/**
 * Walks the options of one pcapng block in place: each is a 2-byte code, a 2-byte length and the
 * value padded to 4 bytes, ending at opt_endofopt (code 0) or the end of the block body. One cursor
 * is reused for every block, so walking allocates nothing.
 */
final class OptionCursor {
    static final int END_OF_OPTIONS = 0;
    static final int COMMENT = 1;

    private byte[] data;
    private int at;
    private int end;
    private boolean swap;

    /** Option code of the current option. */
    int code;
    /** Where the current option's value starts in the block's buffer. */
    int valueAt;
    /** Length of the current option's value, without padding. */
    int valueLength;
    /** Set when an option's length runs past the end of the block; walking stopped there. */
    boolean malformed;

    void start(byte[] data, int from, int end, boolean swap) {
        this.data = data;
        this.at = from;
        this.end = end;
        this.swap = swap;
        this.malformed = false;
    }

    /** Moves to the next option; false at the end of the options (or at a malformed one). */
    boolean next() {
        if (end - at < 4) {
            return false;
        }
        code = Ints.u16(data, at, swap);
        valueLength = Ints.u16(data, at + 2, swap);
        valueAt = at + 4;
        if (code == END_OF_OPTIONS) {
            return false;
        }
        if (valueLength > end - valueAt) {
            malformed = true;
            return false;
        }
        at = valueAt + ((valueLength + 3) & ~3);
        return true;
    }
}
