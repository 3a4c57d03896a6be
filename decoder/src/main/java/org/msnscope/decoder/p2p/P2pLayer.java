package org.msnscope.decoder.p2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.SlpEvent;
import org.msnscope.decoder.event.TransferEvent;
import org.msnscope.decoder.msnp.command.MsnObject;

/**
 * Rebuilds transfers: P2P messages (v1 and v2 binary headers) from switchboard MSGs and direct
 * connections, the MSNSLP dialogue they carry, and MSNFTP invitations and sessions. Every transfer
 * gets an id, a state ({@link Transfer.State}) and its bytes reassembled by offset; when it ends the
 * {@link TransferSink} may keep the bytes. All tables are bounded by {@link Limits.P2p}.
 */
public final class P2pLayer {
    final Limits.P2p limits;
    final Emitter emitter;
    private final ObjectStore.Budget budget;
    private Path spillDir = Path.of(System.getProperty("java.io.tmpdir"));
    private TransferSink sink = TransferSink.NONE;
    private long transfers;
    private long p2pMessages;
    private long slpMessages;
    private long objectBytes;

    /** Transfers offered or in progress, least recently active first. */
    private final LinkedHashMap<String, Transfer> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Transfer> bySession = new java.util.HashMap<>();
    /** Sessions that ended recently, so late retransmissions of their data stay quiet. */
    private final LinkedHashMap<Long, Transfer> endedSessions;
    /** By Call-ID (or MSNFTP invitation cookie), open and recently finished. */
    private final LinkedHashMap<String, Transfer> byCall;
    /** MSNSLP messages split over several P2P messages, by sender and identifier. */
    private final LinkedHashMap<String, SlpPieces> slpPieces = new LinkedHashMap<>();
    /** Announced listeners ("ip:port") waiting for their direct or MSNFTP connection. */
    final LinkedHashMap<String, Listener> listeners;
    /** The same listeners by nonce ({GUID}, upper case): a direct connection to an address nobody announced (NAT) is still matched. */
    private final LinkedHashMap<String, Listener> listenersByNonce;
    /** MSNObjects advertised in presence, by account (lower case). */
    private final LinkedHashMap<String, List<Map<String, String>>> advertised;
    /** P2P version last seen between two accounts. */
    private final LinkedHashMap<String, Integer> pairVersion;

    /** A listener announced in a transport response or an MSNFTP invitation. */
    public record Listener(String endpoint, Transfer transfer, String listenerAccount, String connectorAccount, String nonce,
            String authCookie, boolean msnftp, long announcedNanos) {
    }

    private static final class SlpPieces {
        final byte[] buf;
        final ByteRanges got = new ByteRanges();

        SlpPieces(int size) {
            buf = new byte[size];
        }
    }

    public P2pLayer(Limits.P2p limits, Emitter emitter) {
        this.limits = limits;
        this.emitter = emitter;
        this.budget = new ObjectStore.Budget(limits.maxHeldBytes());
        int bound = Math.max(64, limits.maxOpenTransfers() * 4);
        this.byCall = lru(bound);
        this.endedSessions = lru(bound);
        this.listeners = lru(limits.maxDirectExpectations());
        this.listenersByNonce = lru(limits.maxDirectExpectations());
        this.advertised = lru(65_536);
        this.pairVersion = lru(65_536);
    }

    private static <K, V> LinkedHashMap<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    org.msnscope.decoder.PortWatcher ports = org.msnscope.decoder.PortWatcher.NONE;

    /** Who is told about announced direct-connection and MSNFTP listeners. */
    public void setPortWatcher(org.msnscope.decoder.PortWatcher w) {
        this.ports = w;
    }

    /** Where objects larger than the memory threshold are spilled while they are reassembled. */
    public void setSpillDirectory(Path dir) {
        this.spillDir = dir;
    }

    /** Who receives finished transfers and their bytes. */
    public void setSink(TransferSink sink) {
        this.sink = sink;
    }

    private P2pObserver observer = P2pObserver.NONE;

    /** Who is told about every binary header read (inventories); decoding is the same either way. */
    public void setObserver(P2pObserver observer) {
        this.observer = observer;
    }

    public long transfers() {
        return transfers;
    }

    public long p2pMessages() {
        return p2pMessages;
    }

    public long slpMessages() {
        return slpMessages;
    }

    /** Distinct object bytes stored so far. */
    public long objectBytes() {
        return objectBytes;
    }

    /** Bytes held in memory by open transfers now. */
    public long heldBytes() {
        return budget.held();
    }

    void anomaly(String flow, AnomalyCode code, String detail) {
        emitter.anomaly(flow, code, detail);
    }

    // ---------------------------------------------------------------- where a P2P message came from

    /** Where a P2P message came from: reused per call, never kept. */
    public static final class Origin {
        public String flow;
        public String conversation;
        public String dir;
        public String sender;
        public String receiver;
        public String transport;
        public long streamOffset;

        public Origin set(String flow, String conversation, String dir, String sender, String receiver,
                String transport, long streamOffset) {
            this.flow = flow;
            this.conversation = conversation;
            this.dir = dir;
            this.sender = sender;
            this.receiver = receiver;
            this.transport = transport;
            this.streamOffset = streamOffset;
            return this;
        }

        String where() {
            return dir + ": P2P message at stream offset " + streamOffset;
        }
    }

    // ---------------------------------------------------------------- switchboard entry

    /**
     * An {@code application/x-msnmsgrp2p} MSG body: a P2Pv1 or P2Pv2 message and its 4-byte footer.
     *
     * @param dest the P2P-Dest header, {@code src} the P2P-Src header (either may be null)
     */
    public void switchboard(Origin o, String dest, String src, byte[] b, int off, int len) {
        p2pMessages++;
        if (dest != null && !dest.isEmpty()) {
            o.receiver = bare(dest);
        }
        if (src != null && !src.isEmpty()) {
            o.sender = bare(src);
        }
        int version = version(o, dest, src, b, off, len);
        if (version == 2) {
            v2(o, b, off, len, true);
        } else {
            v1(o, b, off, len, true);
        }
    }

    /**
     * An MSNSLP message sent as text, without a P2P header: MSNP21's {@code SDG} with
     * {@code Message-Type: Signal/P2P}, which MSNPSharp uses for transport requests and responses. It is
     * read as a P2Pv2 session's MSNSLP (MSNP21 clients speak P2Pv2).
     */
    public void signal(Origin o, byte[] b, int off, int len) {
        if (len > limits.maxSlpBytes()) {
            anomaly(o.flow, AnomalyCode.P2P_SLP_TOO_LARGE, o.where() + ": an MSNSLP message of " + len
                    + " bytes (limit " + limits.maxSlpBytes() + ") was not read");
            return;
        }
        slp(o, b, off, len, 2);
    }

    private static String bare(String address) {
        String a = address.trim();
        int semi = a.indexOf(';');
        return (semi >= 0 ? a.substring(0, semi) : a).toLowerCase(Locale.ROOT);
    }

    /** P2Pv1 or v2: by the shape of the header, then by the endpoint GUIDs, then by what the pair used before. */
    private int version(Origin o, String dest, String src, byte[] b, int off, int len) {
        boolean v1 = len >= 48 && (48 + FileContext.u32(b, off + 24) + 4 == len
                || (FileContext.u32(b, off + 24) == 0 && FileContext.u64(b, off + 16) == len - 52));
        boolean v2 = v2Shaped(b, off, len, true);
        String key = pair(o.sender, o.receiver);
        Integer before = pairVersion.get(key);
        int decided;
        if (v1 != v2) {
            decided = v1 ? 1 : 2;
        } else {
            boolean endpoints = (dest != null && dest.contains(";{")) || (src != null && src.contains(";{"));
            decided = before != null && !v1 ? before : endpoints && v2 ? 2 : 1;
        }
        if (before == null || before != decided) {
            pairVersion.put(key, decided);
        }
        return decided;
    }

    private static String pair(String a, String b) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    static boolean v2Shaped(byte[] b, int off, int len, boolean footer) {
        if (len < 8) {
            return false;
        }
        int hl = b[off] & 0xFF;
        int size = (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        return hl >= 8 && hl % 4 == 0 && hl <= len && hl + size + (footer ? 4 : 0) == len;
    }

    // ---------------------------------------------------------------- P2Pv1

    /** One P2Pv1 message: the 48-byte little-endian header, data, and (switchboard) the footer. */
    void v1(Origin o, byte[] b, int off, int len, boolean footer) {
        if (len < 48) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_HEADER, o.where() + ": " + len
                    + " bytes, shorter than the 48-byte P2Pv1 header");
            return;
        }
        long sid = FileContext.u32(b, off);
        long ident = FileContext.u32(b, off + 4);
        long offset = FileContext.u64(b, off + 8);
        long total = FileContext.u64(b, off + 16);
        long mlen = FileContext.u32(b, off + 24);
        long flags = FileContext.u32(b, off + 28);
        int trailer = footer ? 4 : 0;
        if (mlen == 0 && offset == 0 && total > 0 && total == len - 48 - trailer) {
            // some senders leave the length 0 when one message carries the whole blob (papyon TLPHeader.parse)
            mlen = total;
        }
        if (mlen > len - 48 - trailer) {
            long room = Math.max(0, len - 48 - trailer);
            anomaly(o.flow, AnomalyCode.P2P_BAD_LENGTH, o.where() + ": message length " + mlen + " but only "
                    + room + " bytes follow the header" + (footer ? " (before the footer)" : ""));
            mlen = room;
        }
        Long appId = footer && len >= 48 + mlen + 4 ? Long.valueOf(be32(b, off + 48 + (int) mlen)) : null;
        observer.header(emitter.frame(), o.flow, o.dir, 1, flags, -1, appId);
        if ((flags & 0x2) != 0 && mlen == 0) {
            return; // acknowledgement
        }
        if ((flags & 0x100) != 0) {
            return; // direct-connection handshake (nonce)
        }
        if (offset < 0 || total < 0) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": offset or total size above 2^63");
            return;
        }
        if (mlen == 0) {
            return;
        }
        if (offset > total || offset + mlen > total) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": " + mlen + " bytes at offset " + offset
                    + " do not fit the total size " + total);
            return;
        }
        if (sid == 0) {
            slpPiece(o, "1|" + o.sender + "|" + ident, offset, total, b, off + 48, (int) mlen, 1);
            return;
        }
        data(o, sid, 1, appId, offset, total, b, off + 48, (int) mlen, flags == 0 && total == 4 && mlen == 4
                && b[off + 48] == 0 && b[off + 49] == 0 && b[off + 50] == 0 && b[off + 51] == 0);
    }

    static long be32(byte[] b, int o) {
        return (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
    }

    // ---------------------------------------------------------------- P2Pv2

    /** One P2Pv2 message: big-endian transport header with TLVs, optional data header, data, footer. */
    void v2(Origin o, byte[] b, int off, int len, boolean footer) {
        if (len < 8) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_HEADER, o.where() + ": " + len
                    + " bytes, shorter than the 8-byte P2Pv2 header");
            return;
        }
        int hl = b[off] & 0xFF;
        int size = (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        if (hl < 8 || hl > len) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_HEADER, o.where() + ": P2Pv2 header length " + hl
                    + " outside 8.." + len);
            return;
        }
        if (hl + size > len) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_LENGTH, o.where() + ": P2Pv2 message size " + size + " but only "
                    + (len - hl) + " bytes follow the header");
            size = len - hl;
        }
        if (observer != P2pObserver.NONE) {
            int tf = size >= 8 && (b[off + hl] & 0xFF) >= 8 ? b[off + hl + 1] & 0xFF : -1;
            observer.header(emitter.frame(), o.flow, o.dir, 2, tf, b[off + 1] & 0xFF,
                    footer && len >= hl + size + 4 ? Long.valueOf(be32(b, off + hl + size)) : null);
        }
        if (size == 0) {
            return; // SYN/RAK/ACK only
        }
        int d = off + hl;
        int dhl = b[d] & 0xFF;
        if (dhl < 8 || dhl > size) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_HEADER, o.where() + ": P2Pv2 data header length " + dhl
                    + " outside 8.." + size);
            return;
        }
        int tf = b[d + 1] & 0xFF;
        int pkg = (b[d + 2] & 0xFF) << 8 | (b[d + 3] & 0xFF);
        long sid = be32(b, d + 4);
        long remaining = 0;
        for (int t = d + 8; t + 2 <= d + dhl;) {
            int type = b[t] & 0xFF;
            int l = b[t + 1] & 0xFF;
            if (type == 0 || t + 2 + l > d + dhl) {
                break;
            }
            if (type == 1 && l == 8) {
                remaining = be32(b, t + 2) << 32 | be32(b, t + 6);
            }
            t += 2 + l;
        }
        int dataOff = d + dhl;
        int dataLen = size - dhl;
        Long appId = footer && len >= hl + size + 4 ? Long.valueOf(be32(b, off + hl + size)) : null;
        if (remaining < 0) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": data remaining above 2^63");
            return;
        }
        if (dataLen == 0) {
            return;
        }
        if (sid == 0) {
            String key = "2|" + o.sender + "|" + pkg;
            long total;
            long offset;
            SlpPieces pieces = slpPieces.get(key);
            if ((tf & 0x01) != 0 || pieces == null) {
                total = dataLen + remaining;
                offset = 0;
                if (pieces != null) {
                    slpPieces.remove(key);
                }
            } else {
                total = pieces.buf.length;
                offset = total - remaining - dataLen;
            }
            if (offset < 0) {
                anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": data remaining " + remaining
                        + " does not fit the MSNSLP message's " + total + " bytes");
                return;
            }
            slpPiece(o, key, offset, total, b, dataOff, dataLen, 2);
            return;
        }
        Transfer t = bySession.get(sid);
        if (t == null && endedSessions.containsKey(sid)) {
            return;
        }
        boolean first = (tf & 0x01) != 0;
        boolean prep = (tf & 0xFE) == 0 && dataLen == 4 && remaining == 0 && b[dataOff] == 0 && b[dataOff + 1] == 0
                && b[dataOff + 2] == 0 && b[dataOff + 3] == 0;
        long total;
        if (first) {
            total = dataLen + remaining;
        } else if (t != null && t.v2Total >= 0) {
            total = t.v2Total;
        } else if (t != null && t.size >= 0) {
            total = t.size;
        } else {
            // a later chunk before the first: its place is known only from the end; hold it
            Transfer got = data(o, sid, 2, appId, 0, -1, b, dataOff, 0, true);
            if (got != null) {
                holdV2(o, got, remaining, b, dataOff, dataLen);
            }
            return;
        }
        long offset = total - remaining - dataLen;
        if (offset < 0) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": data remaining " + remaining
                    + " does not fit the object's " + total + " bytes");
            return;
        }
        Transfer got = data(o, sid, 2, appId, offset, total, b, dataOff, dataLen, prep);
        if (got != null && !prep && got.v2Total < 0) {
            got.v2Total = total;
            List<Transfer.Held> held = got.v2Held;
            got.v2Held = null;
            budget.give(got.v2HeldBytes);
            got.v2HeldBytes = 0;
            if (held != null) {
                for (Transfer.Held h : held) {
                    long at = total - h.remaining() - h.bytes().length;
                    if (at < 0) {
                        anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": a held chunk's data remaining "
                                + h.remaining() + " does not fit the object's " + total + " bytes");
                    } else if (!got.state.finished()) {
                        data(o, sid, 2, appId, at, total, h.bytes(), 0, h.bytes().length, false);
                    }
                }
            }
        }
    }

    /** Keeps a v2 chunk that arrived before its object's first chunk, within the spill threshold. */
    private void holdV2(Origin o, Transfer t, long remaining, byte[] b, int off, int len) {
        if (t.v2Held == null) {
            t.v2Held = new ArrayList<>();
        }
        if (t.v2HeldBytes + len > limits.spillBytes() || !budget.take(len)) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": transfer " + t.id + ": more than "
                    + limits.spillBytes() + " bytes arrived before the object's first chunk (which gives its size); dropped");
            return;
        }
        t.v2HeldBytes += len;
        t.v2Held.add(new Transfer.Held(remaining, java.util.Arrays.copyOfRange(b, off, off + len)));
    }

    // ---------------------------------------------------------------- MSNSLP

    private void slpPiece(Origin o, String key, long offset, long total, byte[] b, int off, int len, int version) {
        if (offset == 0 && total == len) {
            slp(o, b, off, len, version);
            return;
        }
        if (total > limits.maxSlpBytes()) {
            anomaly(o.flow, AnomalyCode.P2P_SLP_TOO_LARGE, o.where() + ": an MSNSLP message of " + total
                    + " bytes (limit " + limits.maxSlpBytes() + ") was not reassembled");
            return;
        }
        SlpPieces p = slpPieces.get(key);
        if (p == null || p.buf.length != total) {
            if (slpPieces.size() >= limits.maxPendingSlp()) {
                Iterator<String> it = slpPieces.keySet().iterator();
                it.next();
                it.remove();
                anomaly(o.flow, AnomalyCode.P2P_SLP_INCOMPLETE, o.where()
                        + ": too many MSNSLP messages being reassembled; the oldest was given up");
            }
            p = new SlpPieces((int) total);
            slpPieces.put(key, p);
        }
        System.arraycopy(b, off, p.buf, (int) offset, len);
        p.got.add(offset, offset + len);
        if (p.got.prefix() >= total) {
            slpPieces.remove(key);
            slp(o, p.buf, 0, p.buf.length, version);
        }
    }

    private void slp(Origin o, byte[] b, int off, int len, int version) {
        slpMessages++;
        if (!Slp.looksLike(b, off, len)) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_SLP, o.where() + ": a control message (session 0) that is not MSNSLP");
            return;
        }
        Slp m = Slp.parse(b, off, len);
        if (m.problem != null) {
            anomaly(o.flow, AnomalyCode.P2P_MALFORMED_SLP, o.where() + ": " + m.problem);
        }
        String callId = m.callId();
        String ct = m.contentType();
        String slpFrom = bare(nz(Slp.address(m.header("From"))));
        String slpTo = bare(nz(Slp.address(m.header("To"))));
        Transfer t = callId != null ? byCall.get(callId.toUpperCase(Locale.ROOT)) : null;
        boolean session = ct == null || ct.endsWith("sessionreqbody") || ct.endsWith("sessionclosebody");
        if ("INVITE".equals(m.method) && ct != null && ct.endsWith("sessionreqbody") && t == null) {
            t = offer(o, m, slpFrom, slpTo, callId, version);
        } else if (t != null && m.status != null && session && !t.state.finished()) {
            t.flow = o.flow;
            if (m.status == 200) {
                if (t.state == Transfer.State.OFFERED) {
                    t.state = Transfer.State.ACCEPTED;
                    emit(t);
                }
            } else if (m.status >= 300) {
                finish(t, Transfer.State.DECLINED, m.status + " " + nz(m.statusText).trim());
            }
        } else if (t != null && "BYE".equals(m.method) && !t.state.finished()) {
            t.flow = o.flow;
            if (t.size > 0 && t.ranges.end() >= t.size) {
                // the last byte went by: the holes are the capture's, not the transfer's
                finish(t, Transfer.State.INCOMPLETE, "BYE after the last byte: " + (t.size - t.ranges.covered())
                        + " bytes are missing from the capture, not from the transfer");
            } else {
                finish(t, Transfer.State.CANCELLED,
                        "BYE from " + (slpFrom.isEmpty() ? "a peer" : slpFrom) + " before the object was complete");
            }
        }
        if (ct != null && (ct.endsWith("transreqbody") || ct.endsWith("transrespbody"))) {
            transport(o, m, t, slpFrom, slpTo);
        }
        if (emitter.wanted()) {
            emitter.emit(new SlpEvent(emitter.tsNanos(), emitter.tsDigits(), emitter.frame(), o.flow, o.dir,
                    o.conversation, m.method, m.status, Slp.address(m.header("To")), Slp.address(m.header("From")),
                    callId, m.cseq(), m.branch(), parseLong(m.header("Max-Forwards")),
                    java.util.Collections.unmodifiableMap(m.headers), m.header("Content-Type"), m.bodyView(),
                    t != null ? t.id : null,
                    version));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** An INVITE for a session: a new transfer. */
    private Transfer offer(Origin o, Slp m, String slpFrom, String slpTo, String callId, int version) {
        String guid = m.field("EUF-GUID");
        String kind = Kinds.ofGuid(guid);
        Long sid = parseLong(m.field("SessionID"));
        Long appId = parseLong(m.field("AppID"));
        Transfer t = newTransfer(o);
        t.p2pVersion = version;
        t.sessionId = sid;
        t.callId = callId;
        t.eufGuid = guid;
        t.appId = appId;
        t.transport = o.transport;
        if (kind == null) {
            kind = "unknown";
            anomaly(o.flow, AnomalyCode.P2P_UNKNOWN_GUID, o.where() + ": session " + sid + " with EUF-GUID " + guid
                    + " (AppID " + appId + ") that msnscope does not know; kept as kind unknown");
        }
        t.kind = kind;
        // the inviter asks for a picture (sent by the other side) or offers a file (sent by itself)
        boolean pull = kind.equals("msnobject");
        t.from = pull ? slpTo : slpFrom;
        t.to = pull ? slpFrom : slpTo;
        String context = m.field("Context");
        if (kind.equals("msnobject")) {
            msnObjectContext(o, t, context);
        } else if (kind.equals("file")) {
            fileContext(o, t, context);
        }
        if (sid != null) {
            Transfer old = bySession.put(sid, t);
            if (old != null && old != t && !old.state.finished()) {
                finish(old, Transfer.State.INCOMPLETE, "a new invitation reused session id " + sid);
                bySession.put(sid, t);
            }
        }
        if (callId != null) {
            byCall.put(callId.toUpperCase(Locale.ROOT), t);
        }
        emit(t);
        return t;
    }

    private void msnObjectContext(Origin o, Transfer t, String context) {
        if (context == null || context.isEmpty()) {
            t.kind = "display_picture";
            return;
        }
        String xml = context.startsWith("<") ? context : decodeBase64Text(o, t, context);
        Map<String, String> obj = xml == null ? null : MsnObject.parse(xml.trim());
        if (obj != null && !wellFormed(xml)) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_CONTEXT, o.where() + ": transfer " + t.id
                    + ": the Context's MSNObject is not well-formed XML (its attributes are read leniently)");
        } else if (obj == null || obj.isEmpty()) {
            if (xml != null) {
                anomaly(o.flow, AnomalyCode.P2P_BAD_CONTEXT, o.where() + ": transfer " + t.id
                        + ": the Context is not an MSNObject");
            }
            t.kind = "msnobject";
            return;
        }
        applyMsnObject(t, obj);
    }

    private void applyMsnObject(Transfer t, Map<String, String> obj) {
        t.kind = Kinds.ofMsnObjectType(obj.get("type"));
        t.sha1d = obj.get("sha1d");
        Long size = parseLong(obj.get("size"));
        if (size != null && size >= 0 && t.size < 0) {
            t.size = size;
        }
        if (t.name == null) {
            String friendly = obj.get("friendly_decoded");
            String location = obj.get("location");
            // WLM writes Location="0" for objects that have no file name
            t.name = sanitise(null, t, friendly != null && !friendly.isEmpty() ? friendly
                    : location != null && !location.equals("0") ? location : null);
        }
    }

    private static boolean wellFormed(String xml) {
        byte[] b = xml.trim().getBytes(StandardCharsets.UTF_8);
        return org.msnscope.decoder.msnp.mime.Xml.parse(b, 0, b.length).problem() == null;
    }

    private String decodeBase64Text(Origin o, Transfer t, String context) {
        byte[] raw = decodeBase64(o, t, context);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8).replace("\0", "");
    }

    private byte[] decodeBase64(Origin o, Transfer t, String context) {
        StringBuilder clean = new StringBuilder(context.length() + 3);
        for (int i = 0; i < context.length(); i++) {
            char c = context.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                clean.append(c);
            }
        }
        // some clients drop the padding (papyon pads it back); anything else not base64 is refused
        while (clean.length() % 4 != 0 && clean.length() % 4 != 1) {
            clean.append('=');
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_CONTEXT, o.where() + ": transfer " + t.id
                    + ": the Context is not base64 (" + e.getMessage() + ")");
            return null;
        }
    }

    private void fileContext(Origin o, Transfer t, String context) {
        if (context == null) {
            return;
        }
        byte[] raw = decodeBase64(o, t, context);
        if (raw == null) {
            return;
        }
        String[] problem = new String[1];
        FileContext fc = FileContext.parse(raw, problem);
        if (problem[0] != null) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_CONTEXT, o.where() + ": transfer " + t.id + ": " + problem[0]);
        }
        if (fc != null) {
            t.size = fc.size();
            checkSize(o, t);
            t.name = sanitise(o.flow, t, fc.name());
            t.fileType = fc.type();
            t.previewLength = fc.previewLength();
            if (fc.previewLength() > 0) {
                sink.preview(t.id, java.util.Arrays.copyOfRange(raw, raw.length - fc.previewLength(), raw.length));
            }
        }
    }

    String sanitise(String flow, Transfer t, String name) {
        boolean[] changed = new boolean[1];
        String s = Names.sanitise(name, changed);
        if (changed[0]) {
            anomaly(flow != null ? flow : t.flow, AnomalyCode.P2P_UNSAFE_NAME, "transfer " + t.id + ": the name "
                    + Names.describe(name) + " was sanitised to \"" + s + "\"");
        }
        return s;
    }

    private static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s.trim());
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A transport request or response: remember any listener it announces. */
    private void transport(Origin o, Slp m, Transfer t, String slpFrom, String slpTo) {
        String listening = m.field("Listening");
        if (listening == null || !listening.trim().equalsIgnoreCase("true")) {
            return;
        }
        String nonce = m.field("Nonce");
        if (nonce == null) {
            nonce = m.field("Hashed-Nonce");
        }
        List<String> endpoints = new ArrayList<>();
        addEndpoints(endpoints, Slp.transportField(m, "IPv4Internal-Addrs"), Slp.transportField(m, "IPv4Internal-Port"));
        addEndpoints(endpoints, Slp.transportField(m, "IPv4External-Addrs"), Slp.transportField(m, "IPv4External-Port"));
        addEndpoints(endpoints, Slp.transportField(m, "IPv6-Addrs"), Slp.transportField(m, "IPv6-Port"));
        for (String ep : endpoints) {
            listen(o.flow, new Listener(ep, t, slpFrom, slpTo, nonce, null, false, emitter.tsNanos()));
            org.msnscope.decoder.PortWatcher.announce(ports, ep, "direct connection");
        }
        if (nonce != null) {
            listenersByNonce.put(bracedUpper(nonce), new Listener(null, t, slpFrom, slpTo, nonce, null, false,
                    emitter.tsNanos()));
        }
    }

    /**
     * Registers an announced listener under its endpoint. With {@code maxDirectExpectations} waiting
     * already, the least recently announced one is dropped, and that is reported: its connection, if
     * it comes, is then decoded without the transfer it was announced for.
     */
    void listen(String flow, Listener l) {
        if (!listeners.containsKey(l.endpoint()) && listeners.size() >= limits.maxDirectExpectations()) {
            Listener oldest = listeners.values().iterator().next();
            anomaly(flow, AnomalyCode.P2P_LISTENER_LIMIT, "more than " + limits.maxDirectExpectations()
                    + " announced listeners await their connection; the least recently announced, " + oldest.endpoint()
                    + (oldest.transfer() != null ? " (" + oldest.transfer().id + ")" : "") + ", was dropped");
        }
        listeners.put(l.endpoint(), l);
    }

    private static void addEndpoints(List<String> out, String addrs, String port) {
        if (addrs == null || port == null) {
            return;
        }
        Long p = parseLong(port);
        if (p == null || p <= 0 || p > 65535) {
            return;
        }
        for (String a : addrs.trim().split("[ ,]+")) {
            if (!a.isEmpty() && out.size() < 16) {
                out.add((a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + p);
            }
        }
    }

    /** A packet of a direct connection (no footer), in the version its handshake showed. */
    public void directMessage(Origin o, int version, byte[] pk) {
        p2pMessages++;
        if (version == 2) {
            v2(o, pk, 0, pk.length, false);
        } else {
            v1(o, pk, 0, pk.length, false);
        }
    }

    static String bracedUpper(String guid) {
        String g = guid.trim().toUpperCase(Locale.ROOT);
        return g.startsWith("{") ? g : "{" + g + "}";
    }

    /** The listener whose negotiation announced this nonce (as sent, or as its Hashed-Nonce), or null. */
    Listener listenerByNonce(String nonce, String hashedNonce) {
        Listener l = listenersByNonce.get(nonce);
        return l != null ? l : listenersByNonce.get(hashedNonce);
    }

    /** The listener announced at this server endpoint ("ip:port"), removed; or null. */
    public Listener claimListener(String serverEndpoint) {
        return listeners.remove(serverEndpoint);
    }

    // ---------------------------------------------------------------- data

    /**
     * Object bytes for session {@code sid}; a session whose invitation was not captured gets a
     * transfer of its own. Returns the transfer, or null when the bytes were not taken.
     */
    Transfer data(Origin o, long sid, int version, Long appId, long offset, long total, byte[] b, int off, int len,
            boolean preparation) {
        Transfer t = bySession.get(sid);
        if (t == null) {
            Transfer ended = endedSessions.get(sid);
            if (ended != null) {
                return null; // late or retransmitted data of a transfer that is over
            }
            t = newTransfer(o);
            t.sessionId = sid;
            t.p2pVersion = version;
            t.appId = appId;
            t.kind = appId != null ? Kinds.ofAppId(appId) : "unknown";
            t.from = o.sender;
            t.to = o.receiver;
            t.transport = o.transport;
            t.state = Transfer.State.TRANSFERRING;
            bySession.put(sid, t);
            if (t.kind.equals("msnobject") || t.kind.equals("display_picture") || t.kind.equals("emoticon")) {
                Map<String, String> obj = advertisedBy(t.from, total);
                if (obj != null) {
                    applyMsnObject(t, obj);
                }
            }
            emit(t);
        }
        if (preparation) {
            return t;
        }
        t.lastActive = emitter.tsNanos();
        open.get(t.id);
        emitter.order.copyTo(t.touched);
        if (t.appId == null && appId != null && appId != 0) {
            t.appId = appId;
        }
        if (t.size < 0 || (total != t.size && t.ranges.covered() == 0)) {
            if (t.size >= 0 && total != t.size) {
                anomaly(o.flow, AnomalyCode.P2P_SIZE_MISMATCH, o.where() + ": transfer " + t.id + " was announced as "
                        + t.size + " bytes; its data says " + total);
            }
            t.size = total;
        } else if (total != t.size) {
            anomaly(o.flow, AnomalyCode.P2P_SIZE_MISMATCH, o.where() + ": transfer " + t.id + " is " + t.size
                    + " bytes; a piece claims a total of " + total + " (dropped)");
            return t;
        }
        if (offset + len > t.size) {
            anomaly(o.flow, AnomalyCode.P2P_BAD_OFFSET, o.where() + ": " + len + " bytes at offset " + offset
                    + " do not fit transfer " + t.id + "'s " + t.size + " bytes");
            return t;
        }
        write(o, t, offset, b, off, len);
        return t;
    }

    /** Reports, once per transfer, a size above the object limit (from a Context, FIL or the data). */
    void checkSize(Origin o, Transfer t) {
        if (t.size > limits.maxObjectBytes() && !t.sizeReported) {
            t.sizeReported = true;
            anomaly(o.flow, AnomalyCode.P2P_OBJECT_TOO_LARGE, o.where() + ": transfer " + t.id + " announces "
                    + t.size + " bytes; only the first " + limits.maxObjectBytes() + " will be kept (cut_off)");
        }
    }

    void write(Origin o, Transfer t, long offset, byte[] b, int off, int len) {
        checkSize(o, t);
        if (t.store == null) {
            t.store = new ObjectStore(budget, limits.spillBytes(), spillDir);
        }
        boolean started = t.state == Transfer.State.OFFERED || t.state == Transfer.State.ACCEPTED;
        if (started) {
            t.state = Transfer.State.TRANSFERRING;
            if (o.transport != null) {
                t.transport = o.transport;
            }
        } else if (o.transport != null && !o.transport.equals(t.transport) && t.transport != null
                && !t.transport.equals("msnftp")) {
            t.transport = o.transport;
        }
        long before = t.ranges.covered();
        t.flow = o.flow;
        try {
            long conflicts = t.write(offset, b, off, len, limits.maxObjectBytes());
            if (conflicts > 0) {
                t.conflicts += conflicts;
                anomaly(o.flow, AnomalyCode.P2P_OVERLAP_CONFLICT, o.where() + ": transfer " + t.id + ": " + len
                        + " bytes at offset " + offset + " overlap earlier bytes with different content (the first copy wins)");
            }
        } catch (IOException e) {
            anomaly(o.flow, AnomalyCode.P2P_STORE_FAILED, "transfer " + t.id + ": could not keep its bytes: "
                    + e.getMessage());
            finish(t, Transfer.State.INCOMPLETE, "its bytes could not be stored");
            return;
        }
        objectBytes += t.ranges.covered() - before;
        if (t.ranges.count() > limits.maxRanges()) {
            anomaly(o.flow, AnomalyCode.P2P_TOO_FRAGMENTED, "transfer " + t.id + " arrived in more than "
                    + limits.maxRanges() + " separate pieces; it is closed as incomplete");
            finish(t, Transfer.State.INCOMPLETE, "too fragmented");
            return;
        }
        if (t.complete()) {
            finish(t, Transfer.State.COMPLETED, null);
            return;
        }
        if (t.cutOff && t.ranges.prefix() >= limits.maxObjectBytes() && t.received() >= t.size) {
            finish(t, Transfer.State.INCOMPLETE, "cut off at " + limits.maxObjectBytes() + " bytes (the size limit)");
            return;
        }
        int quarter = t.size > 0 ? (int) Math.min(3, t.received() * 4 / t.size) : 0;
        if (started || quarter > t.progressQuarter) {
            t.progressQuarter = Math.max(quarter, t.progressQuarter);
            emit(t);
        }
    }

    private Map<String, String> advertisedBy(String account, long size) {
        List<Map<String, String>> objs = account == null ? null : advertised.get(account.toLowerCase(Locale.ROOT));
        if (objs == null) {
            return null;
        }
        for (int i = objs.size() - 1; i >= 0; i--) {
            Long s = parseLong(objs.get(i).get("size"));
            if (s != null && s == size) {
                return objs.get(i);
            }
        }
        return null;
    }

    /** An MSNObject someone advertised in presence (CHG, NLN, ILN): lets a transfer without its invitation be verified. */
    public void advertised(String account, Map<String, String> msnObject) {
        if (account == null || msnObject == null) {
            return;
        }
        List<Map<String, String>> objs = advertised.computeIfAbsent(account.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>(2));
        objs.remove(msnObject);
        objs.add(msnObject);
        if (objs.size() > 8) {
            objs.remove(0);
        }
        // a transfer already open for this object (fetched before the presence line was seen)
        for (Transfer t : open.values()) {
            if (t.sha1d == null && account.equalsIgnoreCase(t.from) && t.kind != null
                    && (t.kind.equals("msnobject") || t.kind.equals("display_picture") || t.kind.equals("emoticon"))) {
                Long s = parseLong(msnObject.get("size"));
                if (s != null && s == t.size) {
                    t.sha1d = msnObject.get("sha1d");
                }
            }
        }
    }

    // ---------------------------------------------------------------- transfers

    Transfer newTransfer(Origin o) {
        if (open.size() >= limits.maxOpenTransfers()) {
            Transfer oldest = open.values().iterator().next();
            anomaly(o.flow, AnomalyCode.P2P_TRANSFER_LIMIT, "more than " + limits.maxOpenTransfers()
                    + " transfers open at once; the least recently active, " + oldest.id + ", is closed as incomplete");
            finish(oldest, Transfer.State.INCOMPLETE, "closed to make room (the open-transfer limit)");
        }
        transfers++;
        Transfer t = new Transfer("T" + emitter.ids().next(org.msnscope.decoder.event.Ids.TRANSFER));
        t.flow = o.flow;
        t.conversation = o.conversation;
        t.lastActive = emitter.tsNanos();
        open.put(t.id, t);
        emitter.order.copyTo(t.touched);
        return t;
    }

    /** A transfer found by its invitation cookie or Call-ID (upper case key). */
    Transfer byCall(String key) {
        return key == null ? null : byCall.get(key.toUpperCase(Locale.ROOT));
    }

    void rememberCall(String key, Transfer t) {
        byCall.put(key.toUpperCase(Locale.ROOT), t);
    }

    void emit(Transfer t) {
        if (emitter.wanted()) {
            emitter.emit(t.event(emitter.tsNanos(), emitter.tsDigits(), emitter.frame()));
        }
    }

    void finish(Transfer t, Transfer.State state, String reason) {
        if (t.state.finished()) {
            return;
        }
        t.state = state;
        t.reason = reason;
        TransferEvent e = t.event(emitter.tsNanos(), emitter.tsDigits(), emitter.frame());
        if (emitter.wanted()) {
            emitter.emit(e);
        }
        ObjectStore store = t.store;
        t.store = null;
        if (t.v2Held != null) {
            budget.give(t.v2HeldBytes);
            t.v2Held = null;
            t.v2HeldBytes = 0;
        }
        open.remove(t.id);
        if (t.sessionId != null && bySession.get(t.sessionId) == t) {
            bySession.remove(t.sessionId);
            endedSessions.put(t.sessionId, t);
        }
        if (store != null) {
            try {
                if (t.ranges.covered() > 0) {
                    long length = t.size >= 0 ? Math.min(t.size, limits.maxObjectBytes()) : store.length();
                    sink.finished(e, new TransferSink.Bytes() {
                        @Override
                        public void saveAs(Path target) throws IOException {
                            store.saveAs(target, length);
                        }

                        @Override
                        public long length() {
                            return length;
                        }
                    });
                } else {
                    sink.finished(e, null);
                }
            } finally {
                store.close();
            }
        } else {
            sink.finished(e, null);
        }
    }

    /** The capture is over: every open transfer ends as incomplete, its missing ranges said. */
    public void finish() {
        for (Transfer t : new ArrayList<>(open.values())) {
            String why = switch (t.state) {
                case OFFERED -> "the capture ended before the offer was answered";
                case ACCEPTED -> "the capture ended before any data";
                default -> "the capture ended before the object was complete";
            };
            emitter.order.sub(t.touched[0], t.touched[1], t.touched[2]); // least recently active first
            finish(t, t.complete() ? Transfer.State.COMPLETED : Transfer.State.INCOMPLETE, why);
        }
        slpPieces.clear();
    }
}
