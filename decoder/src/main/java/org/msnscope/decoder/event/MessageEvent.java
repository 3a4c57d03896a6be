package org.msnscope.decoder.event;

import java.util.List;
import java.util.Map;

/**
 * One MSG, attributed.
 *
 * @param dir {@code c2s} or {@code s2c}
 * @param conversation the conversation id, or null on the NS
 * @param kind text, typing, nudge, wink, voiceclip, action, ink, emoticon, caps, invite, p2p, profile,
 *        email, oim, system or other
 * @param from the sender (for the local client's own MSG lines, the session's account), or null when unknown
 * @param to the recipients
 * @param contentType the MIME type without parameters, lower case
 * @param text for text (and action), the message text exactly; else null
 * @param format for text: the X-MMS-IM-Format fields, or null
 * @param ackMode the client's acknowledgement mode (U, N, A, D) or null for server MSG
 * @param trid the client's TrID, or null
 * @param length payload bytes
 * @param headers every MIME header in order (credential values redacted), or null when they did not parse
 * @param rawHex the body as hex when it was not valid UTF-8, else null
 * @param datacast the datacast ID for text/x-msnmsgr-datacast, else null
 * @param chunks for a message sent in several MSGs (Message-ID, Chunks, Chunk headers), how many;
 *        else null. The event comes with the MSG that completed it
 */
public record MessageEvent(long tsNanos, int tsDigits, long frame, String flow, String dir, String conversation,
        String kind, String from, List<String> to, String contentType, String text, Map<String, String> format,
        String ackMode, Long trid, int length, Map<String, String> headers, String rawHex, String datacast,
        Integer chunks, String gatewaySession)
        implements Event {
    @Override
    public String type() {
        return "message";
    }
}
