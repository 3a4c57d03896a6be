package org.msnscope.decoder.tcp;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * One direction's bytes held ahead of a hole: copies, sorted by stream offset and never overlapping
 * one another (storing a later copy adds only the parts not already held). Storage only: the
 * reassembler decides the limits, the delivery and what an overlap means.
 */
final class HeldSegments {
    /** Bytes copied out of a packet because they arrived ahead of a hole. */
    static final class Piece {
        final long start;
        final byte[] bytesCopy;
        final long frame;
        final long tsNanos;
        /** Set once a later copy contradicted these bytes, so the conflict is reported once. */
        boolean conflictReported;

        Piece(long start, byte[] bytesCopy, long frame, long tsNanos) {
            this.start = start;
            this.bytesCopy = bytesCopy;
            this.frame = frame;
            this.tsNanos = tsNanos;
        }

        long end() {
            return start + bytesCopy.length;
        }
    }

    /** Told of every stretch where bytes being stored meet bytes already held. */
    interface Overlaps {
        /**
         * @param held the piece already held (its bytes win)
         * @param at stream offset where the overlap starts
         * @param heldFrom index of that offset in {@code held.bytesCopy}
         * @param buf the new bytes, at {@code bufAt}
         * @param n length of the overlap
         */
        void overlap(Piece held, long at, int heldFrom, byte[] buf, int bufAt, int n);
    }

    private final ArrayList<Piece> pieces = new ArrayList<>();
    private int bytes;
    private long measuredBytes;
    private int measuredPieces;

    int count() {
        return pieces.size();
    }

    int bytes() {
        return bytes;
    }

    Piece first() {
        return pieces.get(0);
    }

    long lastEnd() {
        return pieces.get(pieces.size() - 1).end();
    }

    Piece pollFirst() {
        Piece p = pieces.remove(0);
        bytes -= p.bytesCopy.length;
        return p;
    }

    /** Works out what storing [start, start+len) would add; read it from {@link #measuredBytes()} and {@link #measuredPieces()}. */
    void measure(long start, int len) {
        long end = start + len;
        long newBytes = 0;
        int newPieces = 0;
        long s = start;
        for (int i = firstEndingAfter(start); s < end; i++) {
            Piece h = i < pieces.size() ? pieces.get(i) : null;
            if (h != null && h.start <= s) {
                s = Math.min(end, h.end());
            } else {
                long pieceEnd = h == null ? end : Math.min(end, h.start);
                newBytes += pieceEnd - s;
                newPieces++;
                s = pieceEnd;
                if (h == null) {
                    break;
                }
                i--; // look at h again: the new piece stopped at its start
            }
        }
        measuredBytes = newBytes;
        measuredPieces = newPieces;
    }

    long measuredBytes() {
        return measuredBytes;
    }

    int measuredPieces() {
        return measuredPieces;
    }

    /**
     * Stores the parts of [start, start+len) not already held (copies of {@code buf} from {@code off})
     * and reports each stretch that was already held.
     *
     * @return bytes newly held
     */
    int store(long start, byte[] buf, int off, int len, long frame, long tsNanos, Overlaps overlaps) {
        long end = start + len;
        int added = 0;
        long s = start;
        int i = firstEndingAfter(start);
        while (s < end) {
            Piece h = i < pieces.size() ? pieces.get(i) : null;
            if (h != null && h.start <= s) {
                long overlapEnd = Math.min(end, h.end());
                overlaps.overlap(h, s, (int) (s - h.start), buf, off + (int) (s - start), (int) (overlapEnd - s));
                s = overlapEnd;
            } else {
                long pieceEnd = h == null ? end : Math.min(end, h.start);
                int at = off + (int) (s - start);
                byte[] copy = Arrays.copyOfRange(buf, at, at + (int) (pieceEnd - s));
                pieces.add(i, new Piece(s, copy, frame, tsNanos));
                added += copy.length;
                s = pieceEnd;
            }
            i++;
        }
        bytes += added;
        return added;
    }

    /** Drops everything; returns the bytes released. */
    int clear() {
        int released = bytes;
        pieces.clear();
        bytes = 0;
        return released;
    }

    private int firstEndingAfter(long offset) {
        int lo = 0;
        int hi = pieces.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pieces.get(mid).end() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
