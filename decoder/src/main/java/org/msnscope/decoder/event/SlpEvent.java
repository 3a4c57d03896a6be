package org.msnscope.decoder.event;

import java.util.Map;

/**
 * One MSNSLP message (reassembled from its P2P pieces).
 *
 * @param dir c2s or s2c on the connection that carried it
 * @param conversation the switchboard conversation, or null on a direct connection
 * @param method INVITE, BYE, ACK... for requests; null for responses
 * @param status the response code (200, 603, 500...) for responses; null for requests
 * @param to the To header's address (without {@code <msnmsgr:...>})
 * @param from the From header's address
 * @param callId the Call-ID
 * @param cseq the CSeq number, or null
 * @param branch the Via branch
 * @param maxForwards the Max-Forwards value, or null
 * @param headers every header in order, as sent
 * @param contentType the body's Content-Type
 * @param body the body's fields in order (Context values are kept as sent)
 * @param transfer the transfer it belongs to, or null
 * @param p2pVersion 1 or 2
 */
public record SlpEvent(long tsNanos, int tsDigits, long frame, String flow, String dir, String conversation,
        String method, Integer status, String to, String from, String callId, Long cseq, String branch,
        Long maxForwards, Map<String, String> headers, String contentType, Map<String, String> body, String transfer, int p2pVersion) implements Event {
    @Override
    public String type() {
        return "slp";
    }
}
