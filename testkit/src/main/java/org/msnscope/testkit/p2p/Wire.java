package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes for one scenario data line, kept as pieces so that the scenario stays readable: text pieces are
 * written as quoted strings, binary pieces as {@code hex:}.
 */
public final class Wire {
    /** One piece: text (UTF-8) or binary. */
    public record Piece(boolean text, byte[] bytes) {
    }

    private final List<Piece> pieces;

    private Wire(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    public static Wire text(String s) {
        return new Wire(List.of(new Piece(true, s.getBytes(StandardCharsets.UTF_8))));
    }

    public static Wire bin(byte[] b) {
        return new Wire(List.of(new Piece(false, b.clone())));
    }

    public static Wire of(Wire... parts) {
        List<Piece> all = new ArrayList<>();
        for (Wire w : parts) {
            all.addAll(w.pieces);
        }
        return new Wire(all);
    }

    public Wire then(Wire next) {
        return of(this, next);
    }

    public Wire thenText(String s) {
        return of(this, text(s));
    }

    public Wire thenBin(byte[] b) {
        return of(this, bin(b));
    }

    public List<Piece> pieces() {
        return pieces;
    }

    public int length() {
        int n = 0;
        for (Piece p : pieces) {
            n += p.bytes.length;
        }
        return n;
    }

    /**
     * The bytes {@code [from, from + length)}, keeping piece boundaries; a cut text piece stays text
     * when the cut leaves valid UTF-8.
     */
    public Wire slice(int from, int length) {
        List<Piece> out = new ArrayList<>();
        int pos = 0;
        int end = from + length;
        for (Piece p : pieces) {
            int pStart = pos;
            int pEnd = pos + p.bytes.length;
            pos = pEnd;
            int s = Math.max(pStart, from);
            int e = Math.min(pEnd, end);
            if (s >= e) {
                continue;
            }
            byte[] part = Bytes.slice(p.bytes, s - pStart, e - s);
            boolean text = p.text && java.util.Arrays.equals(part,
                    new String(part, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            out.add(new Piece(text, part));
        }
        return new Wire(out);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length());
        for (Piece p : pieces) {
            out.writeBytes(p.bytes);
        }
        return out.toByteArray();
    }
}
