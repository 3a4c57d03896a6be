package org.msnscope.decoder.p2p;

/**
 * Told about every P2P binary header {@link P2pLayer} reads, acknowledgements and handshakes
 * included, before the layer acts on it. It exists for inventories of what the traffic uses (the
 * {@code grammar} command counts flag values and footers); it never changes decoding and no event
 * carries what it sees.
 */
@FunctionalInterface
public interface P2pObserver {
    /**
     * @param frame the packet that completed the message
     * @param flow the connection that carried it
     * @param dir {@code c2s} or {@code s2c} on that connection
     * @param version 1 or 2
     * @param flags P2Pv1: the header's flags word; P2Pv2: the data header's TF combination, or -1
     *        when the message has no data header (SYN, RAK, ACK only)
     * @param opcode P2Pv2: the transport header's operation code; -1 for P2Pv1
     * @param footerAppId the application id of the footer (switchboard only), or null
     */
    void header(long frame, String flow, String dir, int version, long flags, int opcode, Long footerAppId);

    /** Sees nothing. */
    P2pObserver NONE = (frame, flow, dir, version, flags, opcode, footerAppId) -> { };
}
