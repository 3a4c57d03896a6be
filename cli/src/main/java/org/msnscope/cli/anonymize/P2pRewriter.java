package org.msnscope.cli.anonymize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2P messages (docs/p2p.md): data, acknowledgements and handshakes pass unchanged; MSNSLP messages
 * (session 0) are gathered from their chunks, rewritten whole ({@link SlpRewriter}) and cut again at
 * the same places in proportion, each chunk keeping its carrier. The header fields that depend on
 * the SLP message's size follow it: P2Pv1 offset, total size and length (and the data size of the
 * ACK that acknowledges it), P2Pv2 message size and DataRemaining. A chunk waits (its carrier is
 * completed later) until its message is whole; one whose message never completes is masked.
 */
final class P2pRewriter {
    static final int MAX_SLP_BYTES = 64 << 10;
    static final int MAX_PENDING = 256;
    private static final int MAX_RESIZED = 4096;

    /** Whatever carries one P2P message: an MSG frame on a switchboard, a packet on a direct connection. */
    interface Carrier {
        /** @param message the rewritten message, or null when it stays as it was */
        void complete(byte[] message);
    }

    /** One sender's (direction's) messages being gathered, and the version it last used. */
    static final class Direction {
        private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
        int lastVersion = 1;
    }

    private record Chunk(byte[] message, int dataAt, int length, long offset, int remainingAt, Carrier carrier) {
    }

    private static final class Pending {
        final int version;
        final byte[] buf;
        final List<Chunk> chunks = new ArrayList<>();

        Pending(int version, int total) {
            this.version = version;
            this.buf = new byte[total];
        }

        boolean whole() {
            List<Chunk> sorted = new ArrayList<>(chunks);
            sorted.sort(Comparator.comparingLong(Chunk::offset));
            long covered = 0;
            for (Chunk c : sorted) {
                if (c.offset() > covered) {
                    return false;
                }
                covered = Math.max(covered, c.offset() + c.length());
            }
            return covered >= buf.length;
        }
    }

    private final SlpRewriter slp;
    private final Tally tally;
    private final java.util.function.Supplier<Masker> masker;
    /** v1 SLP messages whose size changed, by identifier: their old and new total size. */
    private final LinkedHashMap<Long, long[]> resized = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > MAX_RESIZED;
        }
    };

    P2pRewriter(SlpRewriter slp, Tally tally, java.util.function.Supplier<Masker> masker) {
        this.slp = slp;
        this.tally = tally;
        this.masker = masker;
    }

    /** P2Pv1 or v2 by the header's shape (as the decoder decides), else the endpoints, else the sender's last. */
    static int version(byte[] m, boolean footer, boolean endpoints, int last) {
        int trailer = footer ? 4 : 0;
        int len = m.length;
        boolean v1 = len >= 48 && (48 + u32le(m, 24) + trailer == len || (u32le(m, 24) == 0 && u64le(m, 16) == len - 48 - trailer));
        boolean v2 = len >= 8 && (m[0] & 0xFF) >= 8 && (m[0] & 0xFF) % 4 == 0 && (m[0] & 0xFF) <= len
                && (m[0] & 0xFF) + u16be(m, 2) + trailer == len;
        if (v1 != v2) {
            return v1 ? 1 : 2;
        }
        return !v1 && last == 2 ? 2 : endpoints && v2 ? 2 : 1;
    }

    /** One message; {@code c} is completed now or when its MSNSLP message is whole. */
    void message(Direction d, byte[] m, boolean footer, int version, Carrier c) {
        d.lastVersion = version;
        if (version == 2) {
            v2(d, m, footer, c);
        } else {
            v1(d, m, footer, c);
        }
    }

    private void v1(Direction d, byte[] m, boolean footer, Carrier c) {
        int trailer = footer ? 4 : 0;
        if (m.length < 48) {
            c.complete(null);
            return;
        }
        long sid = u32le(m, 0);
        long ident = u32le(m, 4);
        long offset = u64le(m, 8);
        long total = u64le(m, 16);
        long mlen = u32le(m, 24);
        long flags = u32le(m, 28);
        if (mlen == 0 && offset == 0 && total > 0 && total == m.length - 48 - trailer) {
            mlen = total; // one message carrying the whole blob with its length left 0 (papyon)
        }
        if ((flags & 0x2) != 0 && mlen == 0) {
            c.complete(ackOf(m));
            return;
        }
        if (sid != 0 || mlen == 0 || (flags & 0x100) != 0) {
            c.complete(null);
            return;
        }
        if (mlen > m.length - 48 - trailer || offset < 0 || total < 0 || offset + mlen > total) {
            c.complete(maskNow(m));
            return;
        }
        chunk(d, "1|" + ident, 1, new Chunk(m, 48, (int) mlen, offset, -1, c), total);
    }

    /** An ACK of a v1 MSNSLP message whose size changed carries the new size. */
    private byte[] ackOf(byte[] m) {
        long[] sizes = resized.get(u32le(m, 32));
        if (sizes == null || u64le(m, 40) != sizes[0]) {
            return null;
        }
        byte[] out = m.clone();
        putLe(out, 40, sizes[1], 8);
        return out;
    }

    private void v2(Direction d, byte[] m, boolean footer, Carrier c) {
        int len = m.length;
        int hl = len >= 8 ? m[0] & 0xFF : 0;
        int size = len >= 8 ? u16be(m, 2) : 0;
        if (hl < 8 || hl > len || hl + size > len || size == 0) {
            c.complete(null);
            return;
        }
        int dhl = m[hl] & 0xFF;
        if (dhl < 8 || dhl > size) {
            c.complete(null);
            return;
        }
        int tf = m[hl + 1] & 0xFF;
        int pkg = u16be(m, hl + 2);
        long sid = u32be(m, hl + 4);
        long remaining = 0;
        int remainingAt = -1;
        for (int t = hl + 8; t + 2 <= hl + dhl;) {
            int type = m[t] & 0xFF;
            int l = m[t + 1] & 0xFF;
            if (type == 0 || t + 2 + l > hl + dhl) {
                break;
            }
            if (type == 1 && l == 8) {
                remaining = u32be(m, t + 2) << 32 | u32be(m, t + 6);
                remainingAt = t + 2;
            }
            t += 2 + l;
        }
        int dataLen = size - dhl;
        if (sid != 0 || dataLen == 0) {
            c.complete(null);
            return;
        }
        String key = "2|" + pkg;
        Pending open = d.pending.get(key);
        long total;
        long offset;
        if ((tf & 0x01) != 0 || open == null) {
            total = dataLen + remaining;
            offset = 0;
            if (open != null) {
                flush(d.pending.remove(key));
            }
        } else {
            total = open.buf.length;
            offset = total - remaining - dataLen;
        }
        if (remaining < 0 || offset < 0) {
            c.complete(maskNow(m));
            return;
        }
        chunk(d, key, 2, new Chunk(m, hl + dhl, dataLen, offset, remainingAt, c), total);
    }

    private void chunk(Direction d, String key, int version, Chunk chunk, long total) {
        if (chunk.offset() == 0 && chunk.length() == total) {
            finish(version, total, List.of(chunk), Arrays.copyOfRange(chunk.message(), chunk.dataAt(),
                    chunk.dataAt() + chunk.length()));
            return;
        }
        if (total > MAX_SLP_BYTES) {
            chunk.carrier().complete(maskNow(chunk.message()));
            return;
        }
        Pending p = d.pending.get(key);
        if (p == null || p.buf.length != total) {
            if (p != null) {
                flush(d.pending.remove(key));
            }
            if (d.pending.size() >= MAX_PENDING) {
                Iterator<Pending> oldest = d.pending.values().iterator();
                flush(oldest.next());
                oldest.remove();
            }
            p = new Pending(version, (int) total);
            d.pending.put(key, p);
        }
        System.arraycopy(chunk.message(), chunk.dataAt(), p.buf, (int) chunk.offset(), chunk.length());
        p.chunks.add(chunk);
        if (p.whole()) {
            d.pending.remove(key);
            finish(version, total, p.chunks, p.buf);
        }
    }

    /** The whole message rewritten and every chunk cut from it where it lay, in proportion. */
    private void finish(int version, long total, List<Chunk> chunks, byte[] whole) {
        byte[] rewritten = slp.rewrite(whole);
        long newTotal = rewritten.length;
        if (newTotal != total) {
            tally.p2pResized++;
            if (version == 1) {
                resized.put(u32le(chunks.get(0).message(), 4), new long[] {total, newTotal});
            }
        }
        for (Chunk c : chunks) {
            long from = scale(c.offset(), total, newTotal);
            long to = scale(c.offset() + c.length(), total, newTotal);
            byte[] data = Arrays.copyOfRange(rewritten, (int) from, (int) to);
            c.carrier().complete(version == 1 ? v1Chunk(c, from, newTotal, data) : v2Chunk(c, to, newTotal, data));
        }
    }

    static long scale(long at, long total, long newTotal) {
        return at >= total ? newTotal : at * newTotal / total;
    }

    private static byte[] v1Chunk(Chunk c, long offset, long total, byte[] data) {
        byte[] out = splice(c, data);
        putLe(out, 8, offset, 8);
        putLe(out, 16, total, 8);
        if (u32le(c.message(), 24) != 0) {
            putLe(out, 24, data.length, 4);
        }
        return out;
    }

    private static byte[] v2Chunk(Chunk c, long end, long total, byte[] data) {
        byte[] out = splice(c, data);
        int hl = out[0] & 0xFF;
        int dhl = out[hl] & 0xFF;
        out[2] = (byte) ((dhl + data.length) >> 8);
        out[3] = (byte) (dhl + data.length);
        if (c.remainingAt() >= 0) {
            long r = Math.max(0, total - end);
            for (int i = 0; i < 8; i++) {
                out[c.remainingAt() + i] = (byte) (r >>> (56 - 8 * i));
            }
        }
        return out;
    }

    /** The chunk's headers, the new data, and whatever followed the old data (the footer). */
    private static byte[] splice(Chunk c, byte[] data) {
        byte[] m = c.message();
        int after = c.dataAt() + c.length();
        byte[] out = new byte[c.dataAt() + data.length + (m.length - after)];
        System.arraycopy(m, 0, out, 0, c.dataAt());
        System.arraycopy(data, 0, out, c.dataAt(), data.length);
        System.arraycopy(m, after, out, c.dataAt() + data.length, m.length - after);
        return out;
    }

    /** Every message still waiting (the capture ended first) is completed masked. */
    void finish(Direction d) {
        for (Pending p : d.pending.values()) {
            flush(p);
        }
        d.pending.clear();
    }

    private void flush(Pending p) {
        for (Chunk c : p.chunks) {
            c.carrier().complete(maskNow(c.message()));
        }
    }

    private byte[] maskNow(byte[] m) {
        byte[] out = m.clone();
        return masker.get().mask(out, 0, out.length) > 0 ? out : null;
    }

    static long u32le(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    static long u64le(byte[] b, int o) {
        return u32le(b, o) | u32le(b, o + 4) << 32;
    }

    static long u32be(byte[] b, int o) {
        return (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
    }

    static int u16be(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    static void putLe(byte[] b, int o, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[o + i] = (byte) (v >>> (8 * i));
        }
    }
}
