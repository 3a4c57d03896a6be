package org.msnscope.cli.anonymize;

import java.util.Map;
import java.util.OptionalInt;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.net.Bytes;
import org.msnscope.decoder.net.LinkLayer;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketView;
import org.msnscope.decoder.tcp.TcpFlow;
import org.msnscope.decoder.tcp.TcpStreamListener;

/**
 * The second pass: every TCP packet again, in order, with its flow's plan applied. The payload is
 * cut from the rewritten stream at the packet's new place; the sequence number moves by the edits
 * before it in its direction and the acknowledgement (and SACK blocks) by those of the other
 * direction; addresses get their pseudonyms (IP and MAC); IPv4 total length and header checksum,
 * IPv6 payload length and the TCP checksum are computed anew. A datagram that came in IP fragments
 * leaves as one packet (at its last fragment); packets that are not TCP are dropped.
 */
final class PacketRewriter {
    private static final int ACK = 0x10;
    private static final int SYN = 0x02;

    private final Pseudonyms p;
    private final Map<Long, FlowPlan> plans;
    private final Tracking tracking;
    private final LinkLayer link = new LinkLayer();
    private final PacketView scratch = new PacketView();
    private final long[] v6 = new long[2];
    private final Tally tally;
    /** Per flow, the furthest stream offset seen in each direction (to unwrap 32-bit offsets). */
    private final java.util.HashMap<Long, long[]> furthest = new java.util.HashMap<>();
    /** The packet built by the last {@link #rewrite} that returned true. */
    byte[] out = new byte[2048];
    int outLength;
    int outOriginalLength;

    PacketRewriter(Pseudonyms p, Map<Long, FlowPlan> plans, Limits limits) {
        this.p = p;
        this.plans = plans;
        this.tally = p.tally();
        this.tracking = new Tracking(limits, TcpStreamListener.NONE);
    }

    void finish() {
        tracking.finish();
    }

    /** @return true when the packet is to be written ({@link #out}), false when it is dropped */
    boolean rewrite(RawPacket raw) {
        NetResult r = tracking.packet(raw, v -> { });
        switch (r) {
            case TCP -> { }
            case FRAGMENT -> {
                tally.droppedFragments++;
                return false;
            }
            case NOT_IP, NOT_TCP, UNSUPPORTED_LINK -> {
                tally.droppedNotTcp++;
                return false;
            }
            default -> {
                tally.droppedMalformed++;
                return false;
            }
        }
        byte[] b = raw.data;
        int off = raw.offset;
        int end = off + raw.capturedLength;
        if (link.parse(b, off, end, raw.linkType, raw.truncated(), scratch) != null) {
            tally.droppedMalformed++;
            return false;
        }
        PacketView v = tracking.view;
        int ip = link.networkOffset;
        boolean isV6 = ((b[ip] & 0xFF) >>> 4) == 6;
        boolean reassembled = v.buf != b;
        int ipLen;
        byte[] src;
        int tcpAt;
        if (reassembled) {
            if (isV6) {
                tally.droppedFragments++;
                return false; // an IPv6 datagram rebuilt from fragments is not written again
            }
            ipLen = (b[ip] & 0x0F) * 4;
            src = v.buf;
            tcpAt = 0;
        } else {
            int t = isV6 ? v6Tcp(b, ip, end) : ip + (b[ip] & 0x0F) * 4;
            if (t < 0) {
                tally.droppedMalformed++;
                return false;
            }
            ipLen = t - ip;
            src = b;
            tcpAt = t;
        }
        int tcpLen = ((src[tcpAt + 12] & 0xFF) >>> 4) * 4;
        int payloadAt = tcpAt + tcpLen;
        int capLen = v.payloadLength;
        int wireLen = v.payloadWireLength;

        TcpFlow f = tracking.flow();
        FlowPlan plan = f == null ? null : plans.get(f.number());
        boolean fromClient = f != null && f.fromClient(v.srcHi, v.srcLo, v.srcPort);
        int seq = v.seq;
        int ack = v.ack;
        byte[] payload;
        long newWire = wireLen;
        OptionalInt base = f == null ? OptionalInt.empty() : f.streamBaseSeq(fromClient);
        if (plan != null && base.isPresent()) {
            Edits e = plan.edits(fromClient);
            long at = offset(f, fromClient, seq + ((v.flags & SYN) != 0 ? 1 : 0) - base.getAsInt());
            long na = e.newPos(at);
            payload = e.rewrite(at, src, payloadAt, capLen);
            newWire = e.newPos(at + wireLen) - na;
            seq += (int) (na - at);
        } else {
            payload = java.util.Arrays.copyOfRange(src, payloadAt, payloadAt + capLen);
        }
        Edits other = plan == null ? null : plan.edits(!fromClient);
        OptionalInt otherBase = f == null ? OptionalInt.empty() : f.streamBaseSeq(!fromClient);
        if ((v.flags & ACK) != 0 && other != null && otherBase.isPresent()) {
            ack = shift(other, offset(f, !fromClient, ack - otherBase.getAsInt()), ack);
        }

        int trailerFrom = end;
        if (!reassembled && !raw.truncated()) {
            int declared = isV6 ? 40 + Bytes.u16(b, ip + 4) : Bytes.u16(b, ip + 2);
            if (declared >= ipLen && ip + declared < end) {
                trailerFrom = ip + declared;
            }
        }
        int linkLen = ip - off;
        int trailer = reassembled ? 0 : end - trailerFrom;
        int total = linkLen + ipLen + tcpLen + payload.length + trailer;
        if (out.length < total) {
            out = new byte[Math.max(total, out.length * 2)];
        }
        System.arraycopy(b, off, out, 0, linkLen);
        macs(raw.linkType);
        System.arraycopy(b, ip, out, linkLen, ipLen);
        int o = linkLen;
        long ipPayload = ipLen + tcpLen + newWire;
        if (isV6) {
            p.addresses.v6(Bytes.i64(out, o + 8), Bytes.i64(out, o + 16), v6);
            putLong(out, o + 8, v6[0]);
            putLong(out, o + 16, v6[1]);
            p.addresses.v6(Bytes.i64(out, o + 24), Bytes.i64(out, o + 32), v6);
            putLong(out, o + 24, v6[0]);
            putLong(out, o + 32, v6[1]);
            putShort(out, o + 4, (int) Math.min(0xFFFF, ipPayload - 40));
        } else {
            putInt(out, o + 12, p.addresses.v4(Bytes.i32(out, o + 12)));
            putInt(out, o + 16, p.addresses.v4(Bytes.i32(out, o + 16)));
            putShort(out, o + 2, (int) Math.min(0xFFFF, ipPayload));
            if (reassembled) {
                putShort(out, o + 6, Bytes.u16(out, o + 6) & 0x4000); // one whole datagram: no MF, offset 0
            }
            Checksums.ipv4Header(out, o);
        }
        int t = o + ipLen;
        System.arraycopy(src, tcpAt, out, t, tcpLen);
        putInt(out, t + 4, seq);
        putInt(out, t + 8, ack);
        if (other != null && otherBase.isPresent()) {
            sack(out, t, tcpLen, other, f, !fromClient, otherBase.getAsInt());
        }
        System.arraycopy(payload, 0, out, t + tcpLen, payload.length);
        if (payload.length == newWire) {
            Checksums.tcp(out, t, tcpLen + payload.length, isV6 ? o + 8 : o + 12, isV6);
        }
        System.arraycopy(b, trailerFrom, out, t + tcpLen + payload.length, trailer);
        outLength = total;
        long missing = (long) raw.originalLength - raw.capturedLength - (wireLen - capLen) + (newWire - payload.length);
        outOriginalLength = (int) Math.max(total, total + Math.max(0, reassembled ? 0 : missing));
        tally.packetsWritten++;
        return true;
    }

    /** A sequence number at original stream offset {@code at} moved to the rewritten stream. */
    private static int shift(Edits e, long at, int seqNo) {
        return seqNo + (int) (e.newPos(at) - at);
    }

    /**
     * The 64-bit stream offset of a 32-bit one ({@code seq - base}), taken as the one nearest the
     * furthest offset seen in that direction: streams longer than 4 GiB wrap their sequence numbers.
     */
    private long offset(TcpFlow f, boolean fromClient, int rel) {
        long[] furthest = this.furthest.computeIfAbsent(f.number(), k -> new long[2]);
        int d = fromClient ? 0 : 1;
        long o = furthest[d] + (rel - (int) furthest[d]);
        if (o > furthest[d]) {
            furthest[d] = o;
        }
        return o;
    }

    /** SACK blocks (option 5) acknowledge the other direction's bytes: moved like the ACK. */
    private void sack(byte[] b, int t, int tcpLen, Edits e, TcpFlow f, boolean dir, int base) {
        int i = t + 20;
        int end = t + tcpLen;
        while (i < end) {
            int kind = b[i] & 0xFF;
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return;
            }
            int len = b[i + 1] & 0xFF;
            if (len < 2 || i + len > end) {
                return;
            }
            if (kind == 5) {
                for (int k = i + 2; k + 4 <= i + len; k += 4) {
                    int edge = Bytes.i32(b, k);
                    putInt(b, k, shift(e, offset(f, dir, edge - base), edge));
                }
            }
            i += len;
        }
    }

    /** The TCP header's offset after an IPv6 header and its extension headers, or -1. */
    private static int v6Tcp(byte[] b, int ip, int end) {
        int next = b[ip + 6] & 0xFF;
        int q = ip + 40;
        for (int n = 0; n <= 16 && q + 2 <= end; n++) {
            switch (next) {
                case 6 -> {
                    return q + 20 <= end ? q : -1;
                }
                case 0, 43, 60 -> {
                    next = b[q] & 0xFF;
                    q += ((b[q + 1] & 0xFF) + 1) * 8;
                }
                case 51 -> {
                    next = b[q] & 0xFF;
                    q += ((b[q + 1] & 0xFF) + 2) * 4;
                }
                case 44 -> {
                    next = b[q] & 0xFF;
                    q += 8;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Ethernet source and destination, the Linux cooked capture's link-layer address. */
    private void macs(int linkType) {
        switch (linkType) {
            case LinkType.ETHERNET -> {
                mac(0);
                mac(6);
            }
            case LinkType.LINUX_SLL -> {
                if (Bytes.u16(out, 4) == 6) {
                    mac(6);
                }
            }
            case LinkType.LINUX_SLL2 -> {
                if ((out[11] & 0xFF) == 6) {
                    mac(12);
                }
            }
            default -> { }
        }
    }

    private void mac(int at) {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | (out[at + i] & 0xFF);
        }
        long n = p.addresses.mac(m);
        for (int i = 5; i >= 0; i--) {
            out[at + i] = (byte) n;
            n >>>= 8;
        }
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }
}
