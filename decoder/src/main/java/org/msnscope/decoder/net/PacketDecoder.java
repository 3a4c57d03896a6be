package org.msnscope.decoder.net;

import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;

/**
 * Layers 2 to 4: decodes one captured packet into a {@link PacketView} of offsets over its bytes
 * (no allocation unless the packet is an IP fragment). IPv4 total length trims link padding;
 * IPv6 hop-by-hop, routing, destination options and AH headers are skipped; fragments of either
 * are reassembled and the datagram decoded as if it were one packet. Checksums are not checked
 * (captures taken on the sending host carry offloaded, unfilled checksums).
 */
public final class PacketDecoder {
    /** Most IPv6 extension headers followed in one packet. */
    public static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private static final int PROTO_TCP = 6;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AH = 51;
    private static final int IPV6_DEST_OPTS = 60;

    private final LinkLayer link = new LinkLayer();
    private final IpFragmentTable fragments;
    private long ipFragments;

    public PacketDecoder(Limits limits, Emitter emitter) {
        this.fragments = new IpFragmentTable(limits, emitter);
    }

    public IpFragmentTable fragments() {
        return fragments;
    }

    /** IP fragments seen (each fragment packet counts once). */
    public long ipFragments() {
        return ipFragments;
    }

    private boolean peeking;

    /**
     * Decodes the headers of {@code p} into {@code v} with no side effect (fragments are neither
     * counted nor stored): used to learn a batch's flow keys ahead of decoding it for real.
     */
    public NetResult peek(RawPacket p, PacketView v) {
        peeking = true;
        try {
            return decode(p, v);
        } finally {
            peeking = false;
        }
    }

    public NetResult decode(RawPacket p, PacketView v) {
        byte[] b = p.data;
        if (b == null || p.offset < 0 || p.offset > b.length || p.capturedLength < 0) {
            return v.fail(NetResult.MALFORMED_LINK, "packet view outside its buffer", p.capturedLength);
        }
        int end = p.offset + Math.min(p.capturedLength, b.length - p.offset);
        boolean truncated = p.truncated();
        NetResult r = link.parse(b, p.offset, end, p.linkType, truncated, v);
        if (r != null) {
            return r;
        }
        int n = link.networkOffset;
        int kind = link.network;
        if (kind == LinkLayer.IP_BY_VERSION) {
            if (n >= end) {
                return truncated ? NetResult.TRUNCATED : v.fail(NetResult.MALFORMED_IP, "empty raw IP packet", 0);
            }
            int version = (b[n] & 0xFF) >>> 4;
            if (version == 4) {
                kind = LinkLayer.IPV4;
            } else if (version == 6) {
                kind = LinkLayer.IPV6;
            } else {
                return v.fail(NetResult.MALFORMED_IP, "IP version", version);
            }
        }
        int missing = Math.max(0, p.originalLength - (end - p.offset));
        return kind == LinkLayer.IPV4 ? ipv4(b, n, end, missing, v, p.timestampNanos)
                : ipv6(b, n, end, missing, v, p.timestampNanos);
    }

    private NetResult ipv4(byte[] b, int n, int end, int missing, PacketView v, long ts) {
        boolean truncated = missing > 0;
        int avail = end - n;
        if (avail < 20) {
            return truncated ? NetResult.TRUNCATED : v.fail(NetResult.MALFORMED_IP, "IPv4 header shorter than 20 bytes", avail);
        }
        int version = (b[n] & 0xFF) >>> 4;
        if (version != 4) {
            return v.fail(NetResult.MALFORMED_IP, "IPv4 header with version", version);
        }
        int ihl = (b[n] & 0x0F) * 4;
        if (ihl < 20) {
            return v.fail(NetResult.MALFORMED_IP, "IPv4 header length below 20", ihl);
        }
        if (ihl > avail) {
            return truncated ? NetResult.TRUNCATED : v.fail(NetResult.MALFORMED_IP, "IPv4 header length past the packet", ihl);
        }
        int total = Bytes.u16(b, n + 2);
        if (total == 0) {
            total = avail + missing; // segmentation offload: the length was never filled in
        }
        if (total < ihl) {
            return v.fail(NetResult.MALFORMED_IP, "IPv4 total length below the header length", total);
        }
        long wireEnd = (long) n + total;
        if (wireEnd > end && !truncated) {
            return v.fail(NetResult.MALFORMED_IP, "IPv4 total length past the packet", total);
        }
        int capEnd = (int) Math.min(end, wireEnd);
        v.setV4Addresses(b, n + 12);
        int proto = b[n + 9] & 0xFF;
        int frag = Bytes.u16(b, n + 6);
        boolean more = (frag & 0x2000) != 0;
        int fragOffset = (frag & 0x1FFF) * 8;
        if (more || fragOffset != 0) {
            if (peeking) {
                return NetResult.FRAGMENT;
            }
            ipFragments++;
            if (capEnd < wireEnd) {
                return NetResult.FRAGMENT; // cut by snaplen: the datagram can never complete
            }
            int id = Bytes.u16(b, n + 4);
            if (!fragments.add(v, id, proto, proto, fragOffset, more, b, n + ihl, capEnd - n - ihl, ts)) {
                return NetResult.FRAGMENT;
            }
            if (fragments.completedProto != PROTO_TCP) {
                return NetResult.NOT_TCP;
            }
            int len = fragments.completedLength;
            return tcp(fragments.completedCopy, 0, len, len, v);
        }
        if (proto != PROTO_TCP) {
            return NetResult.NOT_TCP;
        }
        return tcp(b, n + ihl, capEnd, total - ihl, v);
    }

    private NetResult ipv6(byte[] b, int n, int end, int missing, PacketView v, long ts) {
        boolean truncated = missing > 0;
        int avail = end - n;
        if (avail < 40) {
            return truncated ? NetResult.TRUNCATED : v.fail(NetResult.MALFORMED_IP, "IPv6 header shorter than 40 bytes", avail);
        }
        int version = (b[n] & 0xFF) >>> 4;
        if (version != 6) {
            return v.fail(NetResult.MALFORMED_IP, "IPv6 header with version", version);
        }
        int payloadLength = Bytes.u16(b, n + 4);
        if (payloadLength == 0) {
            payloadLength = avail - 40 + missing; // jumbogram or offload: take what the frame holds
        }
        long wireEnd = (long) n + 40 + payloadLength;
        if (wireEnd > end && !truncated) {
            return v.fail(NetResult.MALFORMED_IP, "IPv6 payload length past the packet", payloadLength);
        }
        v.setV6Addresses(b, n + 8);
        return ipv6Chain(b, n + 40, (int) Math.min(end, wireEnd), (int) wireEnd, b[n + 6] & 0xFF, v, ts, true);
    }

    private NetResult ipv6Chain(byte[] b, int p, int capEnd, int wireEnd, int next, PacketView v, long ts,
            boolean allowFragment) {
        for (int headers = 0; headers <= MAX_IPV6_EXTENSION_HEADERS; headers++) {
            int hlen;
            switch (next) {
                case PROTO_TCP:
                    return tcp(b, p, capEnd, wireEnd - p, v);
                case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DEST_OPTS, IPV6_AH:
                    if (p + 2 > capEnd) {
                        return cut(p + 2, capEnd, wireEnd, v, "IPv6 extension header past the payload");
                    }
                    hlen = next == IPV6_AH ? ((b[p + 1] & 0xFF) + 2) * 4 : ((b[p + 1] & 0xFF) + 1) * 8;
                    break;
                case IPV6_FRAGMENT:
                    if (!allowFragment) {
                        return v.fail(NetResult.MALFORMED_IP, "IPv6 fragment header inside a fragmented datagram", 0);
                    }
                    if (p + 8 > capEnd) {
                        return cut(p + 8, capEnd, wireEnd, v, "IPv6 fragment header past the payload");
                    }
                    int offsetField = Bytes.u16(b, p + 2);
                    int fragOffset = offsetField & 0xFFF8;
                    boolean more = (offsetField & 1) != 0;
                    int inner = b[p] & 0xFF;
                    if (fragOffset == 0 && !more) { // atomic fragment: nothing to reassemble
                        next = inner;
                        p += 8;
                        continue;
                    }
                    if (peeking) {
                        return NetResult.FRAGMENT;
                    }
                    ipFragments++;
                    if (capEnd < wireEnd) {
                        return NetResult.FRAGMENT;
                    }
                    int id = Bytes.i32(b, p + 4);
                    if (!fragments.add(v, id, inner, -1, fragOffset, more, b, p + 8, capEnd - p - 8, ts)) {
                        return NetResult.FRAGMENT;
                    }
                    int len = fragments.completedLength;
                    return ipv6Chain(fragments.completedCopy, 0, len, len, fragments.completedProto, v, ts, false);
                default:
                    return NetResult.NOT_TCP;
            }
            if (p + hlen > wireEnd) {
                return v.fail(NetResult.MALFORMED_IP, "IPv6 extension header longer than the payload", hlen);
            }
            if (p + hlen > capEnd) {
                return NetResult.TRUNCATED;
            }
            next = b[p] & 0xFF;
            p += hlen;
        }
        return v.fail(NetResult.MALFORMED_IP, "IPv6 extension headers chained past the limit",
                MAX_IPV6_EXTENSION_HEADERS);
    }

    private static NetResult cut(int need, int capEnd, int wireEnd, PacketView v, String what) {
        return need > wireEnd ? v.fail(NetResult.MALFORMED_IP, what, need - capEnd) : NetResult.TRUNCATED;
    }

    private static NetResult tcp(byte[] b, int t, int capEnd, int wireLength, PacketView v) {
        int cap = capEnd - t;
        if (wireLength < 20) {
            return v.fail(NetResult.MALFORMED_TCP, "TCP segment shorter than 20 bytes", wireLength);
        }
        if (cap < 20) {
            return NetResult.TRUNCATED;
        }
        int hlen = ((b[t + 12] & 0xFF) >>> 4) * 4;
        if (hlen < 20) {
            return v.fail(NetResult.MALFORMED_TCP, "TCP data offset below 20 bytes", hlen);
        }
        if (hlen > wireLength) {
            return v.fail(NetResult.MALFORMED_TCP, "TCP data offset past the segment", hlen);
        }
        if (hlen > cap) {
            return NetResult.TRUNCATED;
        }
        v.buf = b;
        v.srcPort = Bytes.u16(b, t);
        v.dstPort = Bytes.u16(b, t + 2);
        v.seq = Bytes.i32(b, t + 4);
        v.ack = Bytes.i32(b, t + 8);
        v.flags = b[t + 13] & 0xFF;
        v.window = Bytes.u16(b, t + 14);
        v.payloadOffset = t + hlen;
        v.payloadLength = cap - hlen;
        v.payloadWireLength = wireLength - hlen;
        return NetResult.TCP;
    }
}
