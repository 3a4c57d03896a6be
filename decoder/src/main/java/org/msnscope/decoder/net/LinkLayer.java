package org.msnscope.decoder.net;

import org.msnscope.capture.LinkType;

/**
 * Finds the network-layer header behind each supported link header: Ethernet (with any stack of
 * 802.1Q / 802.1ad / 0x9100 tags), Linux SLL and SLL2, BSD NULL and LOOP, and raw IP. Results are
 * left in {@link #networkOffset} and {@link #network}; one instance is reused for every packet.
 */
public final class LinkLayer {
    /** Network header is IPv4. */
    public static final int IPV4 = 4;
    /** Network header is IPv6. */
    public static final int IPV6 = 6;
    /** Raw IP: the version nibble says which. */
    public static final int IP_BY_VERSION = 1;

    /** Most VLAN tags accepted in one frame; more is treated as a malformed link header. */
    public static final int MAX_VLAN_TAGS = 8;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;

    public int networkOffset;
    public int network;

    /**
     * @param end index just past the captured bytes
     * @return null when a network header follows at {@link #networkOffset}, else why not
     */
    public NetResult parse(byte[] b, int off, int end, int linkType, boolean truncated, PacketView v) {
        int len = end - off;
        switch (linkType) {
            case LinkType.ETHERNET:
                if (len < 14) {
                    return shortHeader(truncated, v, "Ethernet header shorter than 14 bytes", len);
                }
                return etherType(b, off + 12, end, truncated, v);
            case LinkType.LINUX_SLL:
                if (len < 16) {
                    return shortHeader(truncated, v, "Linux SLL header shorter than 16 bytes", len);
                }
                return etherType(b, off + 14, end, truncated, v);
            case LinkType.LINUX_SLL2:
                if (len < 20) {
                    return shortHeader(truncated, v, "Linux SLL2 header shorter than 20 bytes", len);
                }
                return etherTypeAt(b, Bytes.u16(b, off), off + 20, end, truncated, v, 0);
            case LinkType.NULL:
            case LinkType.LOOP:
                if (len < 4) {
                    return shortHeader(truncated, v, "loopback header shorter than 4 bytes", len);
                }
                int family = Bytes.i32(b, off);
                if (linkType == LinkType.NULL && (family & 0xFFFF_0000) != 0) {
                    family = Integer.reverseBytes(family);
                }
                networkOffset = off + 4;
                if (family == 2) {
                    network = IPV4;
                } else if (family == 24 || family == 28 || family == 30) {
                    network = IPV6;
                } else {
                    return NetResult.NOT_IP;
                }
                return null;
            case LinkType.RAW:
            case LinkType.RAW_12:
            case LinkType.RAW_14:
                networkOffset = off;
                network = IP_BY_VERSION;
                return null;
            case LinkType.IPV4:
                networkOffset = off;
                network = IPV4;
                return null;
            case LinkType.IPV6:
                networkOffset = off;
                network = IPV6;
                return null;
            default:
                return v.fail(NetResult.UNSUPPORTED_LINK, "link type", linkType);
        }
    }

    private NetResult etherType(byte[] b, int typeAt, int end, boolean truncated, PacketView v) {
        return etherTypeAt(b, Bytes.u16(b, typeAt), typeAt + 2, end, truncated, v, 0);
    }

    private NetResult etherTypeAt(byte[] b, int type, int next, int end, boolean truncated, PacketView v, int tags) {
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (++tags > MAX_VLAN_TAGS) {
                return v.fail(NetResult.MALFORMED_LINK, "VLAN tags stacked deeper than the limit", tags);
            }
            if (end - next < 4) {
                return shortHeader(truncated, v, "VLAN tag cut short", end - next);
            }
            type = Bytes.u16(b, next + 2);
            next += 4;
        }
        networkOffset = next;
        if (type == ETHERTYPE_IPV4) {
            network = IPV4;
            return null;
        }
        if (type == ETHERTYPE_IPV6) {
            network = IPV6;
            return null;
        }
        return NetResult.NOT_IP;
    }

    private static NetResult shortHeader(boolean truncated, PacketView v, String what, long value) {
        return truncated ? NetResult.TRUNCATED : v.fail(NetResult.MALFORMED_LINK, what, value);
    }
}
