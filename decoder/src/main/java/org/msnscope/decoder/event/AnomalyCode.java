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
    CAPTURE_RESYNC("damaged bytes of a capture file were skipped to the next plausible record or block"),
    CAPTURE_CONCATENATED("a capture file holds a second capture after the first (files concatenated)"),
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
    TCP_OUT_OF_ORDER_LIMIT("out-of-order data beyond its limit; the hole was declared a gap"),
    // HTTP (the MSN HTTP gateway and SOAP services; raised only on connections that carry them)
    HTTP_MALFORMED("a request line, status line or header that does not parse, or a body length that cannot be determined"),
    HTTP_RESYNC("bytes that are not HTTP messages were skipped up to the next plausible start line"),
    HTTP_HEADER_TOO_LARGE("a message head with a line or more headers than the limits allow"),
    HTTP_BODY_TOO_LARGE("a body longer than its limit: not believed (Content-Length) or counted and not kept (chunked)"),
    HTTP_CHUNK_TOO_LARGE("a chunk size past its limit was not believed"),
    HTTP_BAD_CHUNK("chunked transfer coding that does not parse"),
    HTTP_TRUNCATED_MESSAGE("the stream ended inside an HTTP message: a body shorter than announced, or a head cut short"),
    HTTP_RESPONSE_WITHOUT_REQUEST("an HTTP response with no request waiting for it on its connection"),
    HTTP_PENDING_LIMIT("more requests awaiting their responses on one connection than the limit"),
    GATEWAY_UNKNOWN_SESSION("a gateway request naming a SessionID no captured response gave"),
    GATEWAY_MALFORMED("a gateway request or response without the parameters or header the gateway exchange needs"),
    GATEWAY_SESSION_LIMIT("more gateway sessions open than the limit; the least recently active was ended"),
    SOAP_MALFORMED("a SOAP body that is not well-formed XML, or an offline message that cannot be decoded"),
    // MSNP framing (raised only once a connection is known to carry MSNP)
    MSNP_FRAME_DROPPED("a command line or payload cut by a gap in the stream was dropped"),
    MSNP_RESYNC("bytes that are not MSNP commands were skipped up to the next plausible command line"),
    MSNP_LINE_TOO_LONG("a command line longer than its limit was dropped"),
    MSNP_PAYLOAD_TOO_LARGE("a command announced a payload longer than its limit; the length was not believed"),
    MSNP_BAD_LENGTH("a payload command whose length argument is not a number"),
    MSNP_TRUNCATED_FRAME("the connection or capture ended inside a command line or payload"),
    MSNP_UNKNOWN_VERB("a verb msnscope does not know (decoded and kept verbatim)"),
    MSNP_MALFORMED_COMMAND("a known command whose arguments do not have the documented shape"),
    // MSNP content
    MSNP_INVALID_UTF8("message text that is not valid UTF-8 (decoded with replacement characters)"),
    MSNP_MALFORMED_MIME("a message payload whose MIME headers do not parse"),
    MSNP_MALFORMED_XML("an XML payload (ADL, RML, UBX, UUX, GCF...) that is not well-formed"),
    MSNP_INCOMPLETE_MESSAGE("a message sent in chunks whose chunks did not all arrive (what arrived is decoded)"),
    MSNP_PENDING_LIMIT("more messages awaiting acknowledgement than the limit; the oldest was given up"),
    MSNP_EXPECTATION_LIMIT("more switchboard cookies awaiting their connection than the limit; the oldest was dropped"),
    // MSNP18+ routed payloads (SDG, NFY, PUT, DEL: header blocks and network-prefixed addresses)
    MSNP_MALFORMED_BLOCK("a header block of a routed payload that does not parse (the rest is decoded)"),
    MSNP_BLOCK_LENGTH("a routed payload's Content-Length that is not a number or disagrees with the bytes that follow"),
    MSNP_BLOCK_LIMIT("a routed payload with more header lines or header bytes than the limit"),
    MSNP_UNKNOWN_NETWORK("an address whose network prefix msnscope does not know (kept as sent)"),
    MSNP_CONVERSATION_LIMIT("more routed conversations on one connection than the limit; the least recently active was forgotten"),
    // P2P, MSNSLP, direct connections, MSNFTP
    P2P_MALFORMED_HEADER("a P2P message too short for its binary header, or whose header lengths are impossible"),
    P2P_BAD_LENGTH("a P2P message length larger than the bytes that carry it (what is there is used)"),
    P2P_BAD_OFFSET("a P2P data piece whose offset and length do not fit the object's size (dropped)"),
    P2P_SIZE_MISMATCH("a P2P data piece whose total size differs from what the transfer announced"),
    P2P_OBJECT_TOO_LARGE("an object larger than the size limit; bytes past it are counted but not kept"),
    P2P_OVERLAP_CONFLICT("a P2P data piece overlaps earlier bytes with different content (the first copy wins)"),
    P2P_TOO_FRAGMENTED("an object arriving in more separate pieces than the limit; closed as incomplete"),
    P2P_TRANSFER_LIMIT("more transfers open at once than the limit; the least recently active was closed"),
    P2P_STORE_FAILED("an object's bytes could not be kept (temporary file error)"),
    P2P_SLP_TOO_LARGE("an MSNSLP message larger than its limit was not reassembled"),
    P2P_SLP_INCOMPLETE("an MSNSLP message whose pieces did not all arrive"),
    P2P_MALFORMED_SLP("a P2P control message that is not a well-formed MSNSLP message"),
    P2P_UNKNOWN_GUID("an MSNSLP invitation for an application (EUF-GUID) msnscope does not know; kept as unknown"),
    P2P_BAD_CONTEXT("an invitation Context that is not base64, not an MSNObject, or not a file context"),
    P2P_UNSAFE_NAME("a file name from the wire with path separators, control characters or excess length (sanitised)"),
    P2P_DIRECT_BAD_PACKET("a direct-connection packet whose length prefix is impossible; the connection is given up"),
    P2P_NONCE_MISMATCH("a direct connection whose handshake nonce is not the one the negotiation announced"),
    P2P_LISTENER_LIMIT("more announced direct-connection or MSNFTP listeners awaiting their connection than the limit; the least recently announced was dropped"),
    MSNFTP_BAD_BLOCK("an MSNFTP data block header that is not valid; the rest of the connection is not read as blocks"),
    MSNFTP_CANCELLED("an MSNFTP transfer cancelled by either side (CCL, a cancel block or an error BYE)");

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
