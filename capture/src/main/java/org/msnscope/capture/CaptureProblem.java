package org.msnscope.capture;

/**
 * Something wrong with a capture file, reported rather than thrown.
 *
 * @param source the file (as named on the command line) or interface
 * @param offset byte offset in the decompressed file, or -1 when not applicable
 * @param code stable snake_case identifier, e.g. {@code truncated_record}
 * @param message one-line human description
 * @param fatal true when the source could not be read past this point
 */
public record CaptureProblem(String source, long offset, String code, String message, boolean fatal) {
    /** One line: {@code FILE: offset N: message}. */
    public String describe() {
        return offset >= 0 ? source + ": offset " + offset + ": " + message : source + ": " + message;
    }
}
