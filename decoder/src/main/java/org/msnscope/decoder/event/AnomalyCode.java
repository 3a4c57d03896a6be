package org.msnscope.decoder.event;

/**
 * The one catalogue of anomalies. Codes are stable: the JSON {@code code} field is {@link #code()},
 * and a rename is a breaking change (docs/events.md lists them all).
 */
public enum AnomalyCode {
    // capture files
    CAPTURE_FILE_ERROR("a capture file could not be read past this point"),
    CAPTURE_TRUNCATED_RECORD("the last record of a capture file is cut short"),
    CAPTURE_SKIPPED_BLOCK("a pcapng block was skipped"),
    CAPTURE_PROBLEM("another oddity a capture reader reported without stopping"),
    PACKET_TRUNCATED("the capture holds fewer bytes of a packet than it had on the wire (snaplen)"),
    // link / network layer
    UNSUPPORTED_LINK_TYPE("packets of a link type msnscope does not decode"),
    MALFORMED_LINK("a link-layer header shorter or stranger than its type allows"),
    MALFORMED_IP("an IPv4 or IPv6 header that does not parse"),
    IP_FRAGMENT_OVERLAP("IP fragments that overlap with different bytes"),
    IP_FRAGMENT_LIMIT("IP fragment reassembly hit a limit; the datagram was dropped"),
    IP_FRAGMENT_INCOMPLETE("an IP datagram whose fragments never all arrived"),
    MALFORMED_TCP("a TCP header that does not parse"),
    // flows and reassembly
    FLOW_TABLE_FULL("the flow table hit its limit; the oldest flow was evicted"),
    TCP_GAP("bytes of a TCP stream are missing from the capture"),
    TCP_OVERLAP_CONFLICT("a TCP segment overlaps earlier data with different bytes (the first copy wins)"),
    TCP_OUT_OF_ORDER_LIMIT("out-of-order data beyond its limit; the hole was declared a gap");

    private final String description;

    AnomalyCode(String description) {
        this.description = description;
    }

    /** The stable snake_case code used in output. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
