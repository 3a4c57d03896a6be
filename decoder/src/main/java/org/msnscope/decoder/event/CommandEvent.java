package org.msnscope.decoder.event;

import java.util.List;

/**
 * One MSNP command as it was on the wire.
 *
 * @param dir {@code c2s} or {@code s2c}
 * @param cmd the verb, or the three-digit error code, verbatim (an unknown verb too)
 * @param trid the transaction id, or null for commands that carry none
 * @param args the raw argument strings after cmd and trid
 * @param payloadLength the announced payload length, or null for commands without a payload
 * @param known false for a verb msnscope does not know
 * @param error for an error reply, what the code means (null when unknown or not an error)
 * @param payload for payload commands other than MSG (ADL, UBX, UUX, GCF, NOT, QRY...), the payload
 *        as UTF-8 text; null otherwise (MSG payloads become {@link MessageEvent}s)
 * @param gatewaySession for a session carried by the HTTP gateway, its SessionID (the flow is then the HTTP
 *        connection that carried this command); null for direct TCP
 */
public record CommandEvent(long tsNanos, int tsDigits, long frame, String flow, String dir, String cmd, Long trid,
        List<String> args, Long payloadLength, boolean known, String error, String payload, String gatewaySession)
        implements Event {
    @Override
    public String type() {
        return "command";
    }
}
