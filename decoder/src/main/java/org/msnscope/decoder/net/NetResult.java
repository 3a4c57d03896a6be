package org.msnscope.decoder.net;

/** What {@link PacketDecoder} made of one captured packet. */
public enum NetResult {
    /** A TCP segment: the {@link PacketView} holds its addresses, header fields and payload. */
    TCP,
    /** Not IPv4/IPv6 (ARP, LLC, unknown family): counted and skipped. */
    NOT_IP,
    /** IP carrying something other than TCP: counted and skipped. */
    NOT_TCP,
    /** An IP fragment kept for reassembly (or dropped); nothing to decode yet. */
    FRAGMENT,
    /** The bytes stop before a header does because the capture cut the packet (snaplen). */
    TRUNCATED,
    MALFORMED_LINK,
    MALFORMED_IP,
    MALFORMED_TCP,
    UNSUPPORTED_LINK
}
