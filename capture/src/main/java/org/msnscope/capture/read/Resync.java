package org.msnscope.capture.read;

import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureLimits;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.CaptureProblemListener;

/**
 * Finds the next record or block after damage in a capture file: steps through the bytes after the
 * damaged header until one is a plausible header of its format and the one after it is too (or the
 * input ends exactly there), at most {@link CaptureLimits#MAX_RESYNC_BYTES} bytes on. Each resync is a
 * non-fatal {@code resync} problem naming the damaged offset, the reason, the bytes skipped and where
 * reading went on; a resync that finds nothing is a {@link CaptureException} (the run exits 1).
 */
final class Resync {
    /** How a format tells a plausible header. */
    interface Framing {
        /** Bytes that must be present at a candidate for {@link #plausibleLength} to judge it. */
        int headerBytes();

        /** Candidates are this many bytes apart (pcapng blocks are 32-bit aligned). */
        int step();

        /**
         * Judges a candidate at {@code b.pos + rel} ({@link #headerBytes()} bytes are available there; the
         * method may {@link InputBuffer#ensure} more, which keeps relative offsets valid).
         *
         * @return -1 when it cannot be a header, 0 when it is a file or section header (taken at once),
         *         otherwise the length of the unit it starts (taken when the header after it is plausible too)
         */
        int plausibleLength(InputBuffer b, int rel) throws CaptureException;
    }

    private final String name;
    private final CaptureProblemListener problems;
    private final String unit;
    private int reported;

    Resync(String name, CaptureProblemListener problems, String unit) {
        this.name = name;
        this.problems = problems;
        this.unit = unit;
    }

    /**
     * The unit at the buffer's position is damaged ({@code reason}): moves the position to the next
     * plausible one and reports it.
     *
     * @throws CaptureException when no plausible unit follows within the limit or before the input ends
     */
    void skip(InputBuffer b, String reason, Framing f) throws CaptureException {
        long damagedAt = b.offset();
        int step = f.step();
        b.pos += Math.min(step, b.available());
        while (true) {
            long skipped = b.offset() - damagedAt;
            if (skipped > CaptureLimits.MAX_RESYNC_BYTES) {
                throw new CaptureException(name, damagedAt, reason + "; no plausible " + unit + " in the "
                        + CaptureLimits.MAX_RESYNC_BYTES + " bytes after it");
            }
            if (!b.ensure(f.headerBytes())) {
                throw new CaptureException(name, damagedAt, reason + "; no plausible " + unit + " in the "
                        + (skipped + b.available()) + " bytes from there to the end of the file");
            }
            if (taken(b, f)) {
                reportSkip(damagedAt, reason, b.offset());
                return;
            }
            b.pos += step;
        }
    }

    /**
     * The unit at the buffer's position runs past the end of the input: either the last unit cut
     * short or a damaged length. Looks for whole units in the bytes that are left.
     *
     * @return true when one was found (the position is there, the skip reported); false leaves the
     *         position where it was
     */
    boolean trySkipRest(InputBuffer b, String reason, Framing f) throws CaptureException {
        long damagedAt = b.offset();
        long endAt = b.base + b.limit;
        int step = f.step();
        for (long at = damagedAt + step; at + f.headerBytes() <= endAt; at += step) {
            b.pos = (int) (at - b.base);
            if (taken(b, f)) {
                reportSkip(damagedAt, reason, b.offset());
                return true;
            }
        }
        b.pos = (int) Math.max(0, damagedAt - b.base);
        return false;
    }

    private boolean taken(InputBuffer b, Framing f) throws CaptureException {
        int length = f.plausibleLength(b, 0);
        if (length <= 0) {
            return length == 0;
        }
        if (b.ensure(length + f.headerBytes())) {
            return f.plausibleLength(b, length) >= 0;
        }
        return b.available() == length; // the input ends right after it
    }

    /** Another capture begins inside this one's input (files concatenated): reported, never fatal. */
    void concatenated(long offset, String what) {
        report(offset, "concatenated", what);
    }

    /** A block whose lengths agree but whose content cannot be used was skipped whole. */
    void skippedBlock(long offset, String reason, int length) {
        report(offset, "resync", reason + "; skipped the block's " + length + " bytes");
    }

    private void reportSkip(long damagedAt, String reason, long resumedAt) {
        report(damagedAt, "resync", reason + "; skipped " + (resumedAt - damagedAt) + " bytes to the next plausible "
                + unit + " at offset " + resumedAt);
    }

    /** One non-fatal problem, while fewer than {@link CaptureLimits#MAX_REPORTED_RESYNCS} have been reported. */
    private void report(long offset, String code, String message) {
        if (reported >= CaptureLimits.MAX_REPORTED_RESYNCS) {
            return;
        }
        reported++;
        String more = reported == CaptureLimits.MAX_REPORTED_RESYNCS
                ? " (further resyncs in this file are not reported)" : "";
        problems.problem(new CaptureProblem(name, offset, code, message + more, false));
    }
}
