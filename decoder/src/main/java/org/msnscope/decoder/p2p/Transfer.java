package org.msnscope.decoder.p2p;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.msnscope.decoder.event.TransferEvent;

/**
 * One object being transferred: what was negotiated about it, the byte ranges received, the bytes
 * themselves (an {@link ObjectStore}) and a SHA-1 computed as the contiguous prefix grows, so a
 * completed object is never read twice.
 */
public final class Transfer {
    /** A transfer's life; the JSON value is the lower-case name. */
    public enum State {
        OFFERED, ACCEPTED, TRANSFERRING, DECLINED, CANCELLED, COMPLETED, INCOMPLETE;

        boolean finished() {
            return this == DECLINED || this == CANCELLED || this == COMPLETED || this == INCOMPLETE;
        }

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    final String id;
    State state = State.OFFERED;
    String kind;
    String conversation;
    String flow;
    String from;
    String to;
    String name;
    /** announced size, or -1 */
    long size = -1;
    String transport;
    Integer p2pVersion;
    Long sessionId;
    String callId;
    String eufGuid;
    Long appId;
    /** base64 SHA-1 the MSNObject advertised, or null */
    String sha1d;
    boolean cutOff;
    /** the size was reported as above the object limit */
    boolean sizeReported;
    long conflicts;
    String reason;
    /** P2P file context: its type word and preview length, or null */
    Long fileType;
    Integer previewLength;
    /** bytes received past the size limit (counted, not kept) */
    long dropped;
    /** P2Pv2: the object's size as its first data chunk gave it (offsets derive from data remaining), or -1 */
    long v2Total = -1;
    /** P2Pv2 chunks that came before the first one (placed once it gives the size), and their bytes */
    java.util.List<Held> v2Held;
    long v2HeldBytes;

    /** A chunk held until its offset is known: the data remaining after it, and its bytes. */
    record Held(long remaining, byte[] bytes) {
    }

    /** quarter of the size last reported as progress */
    int progressQuarter;
    /** capture time of the last activity, for eviction */
    long lastActive;
    /** Where in the capture's order it was last active (sharded decoding ends open transfers in that order). */
    final long[] touched = new long[3];

    final ByteRanges ranges = new ByteRanges();
    ObjectStore store;
    private final MessageDigest sha;
    private long hashed;
    private String sha1Hex;
    private byte[] scratch;

    Transfer(String id) {
        this.id = id;
        try {
            this.sha = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return id;
    }

    boolean complete() {
        return size >= 0 && ranges.prefix() >= size && !cutOff;
    }

    long received() {
        return ranges.covered() + dropped;
    }

    /**
     * Bytes at {@code offset}; returns the number of bytes that conflicted with earlier ones.
     * The caller has checked offset and length against the size.
     */
    long write(long offset, byte[] b, int off, int len, long limit) throws IOException {
        if (offset + len > limit) {
            int keep = (int) Math.max(0, limit - offset);
            dropped += len - keep;
            cutOff = true;
            len = keep;
            if (len == 0) {
                return 0;
            }
        }
        long end = offset + len;
        long conflict = 0;
        long already = ranges.overlap(offset, end);
        if (already > 0) {
            for (long[] r : ranges.covered(offset, end)) {
                int n = (int) (r[1] - r[0]);
                if (scratch == null || scratch.length < n) {
                    scratch = new byte[Math.max(n, 2048)];
                }
                store.read(r[0], scratch, 0, n);
                int base = off + (int) (r[0] - offset);
                if (!java.util.Arrays.equals(scratch, 0, n, b, base, base + n)) {
                    conflict++;
                }
            }
            if (already == len) {
                return conflict;
            }
            // write only the new parts: the first copy wins
            long at = offset;
            for (long[] r : ranges.covered(offset, end)) {
                if (r[0] > at) {
                    store.write(at, b, off + (int) (at - offset), (int) (r[0] - at));
                }
                at = r[1];
            }
            if (at < end) {
                store.write(at, b, off + (int) (at - offset), (int) (end - at));
            }
        } else {
            store.write(offset, b, off, len);
        }
        if (offset == hashed && already == 0) {
            sha.update(b, off, len);
            hashed = end;
        }
        ranges.add(offset, end);
        catchUp();
        return conflict;
    }

    /** Hashes whatever the contiguous prefix gained beyond what is hashed. */
    private void catchUp() throws IOException {
        long prefix = ranges.prefix();
        while (hashed < prefix) {
            int n = (int) Math.min(64 << 10, prefix - hashed);
            if (scratch == null || scratch.length < n) {
                scratch = new byte[n];
            }
            store.read(hashed, scratch, 0, n);
            sha.update(scratch, 0, n);
            hashed += n;
        }
    }

    /** The SHA-1 of the whole object (once complete), computed once. */
    String sha1() {
        if (sha1Hex == null && complete() && hashed == size) {
            sha1Hex = HexFormat.of().formatHex(sha.digest());
        }
        return sha1Hex;
    }

    Boolean verified() {
        if (sha1d == null) {
            return null;
        }
        String hex = sha1();
        if (hex == null) {
            return null;
        }
        String b64 = java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        return b64.equals(sha1d.trim());
    }

    List<long[]> missing() {
        if (size < 0) {
            return List.of();
        }
        return ranges.missing(size, 64);
    }

    TransferEvent event(long ts, int digits, long frame) {
        boolean done = complete();
        return new TransferEvent(ts, digits, frame, flow, id, state.json(), kind, conversation, from, to, name,
                size >= 0 ? Long.valueOf(size) : null, received(), done, done ? sha1() : null, done ? verified() : null,
                state == State.COMPLETED || done ? List.of() : missing(), transport, p2pVersion, sessionId, callId,
                eufGuid, appId, cutOff, conflicts, reason, fileType, previewLength);
    }
}
