package org.msnscope.decoder.event;

/**
 * A server session began ({@code session_start}) or ended ({@code session_end}): one per connection
 * once its role is known.
 *
 * @param start true for {@code session_start}
 * @param role {@code DS}, {@code NS} or {@code SB}
 * @param account the signed-in account (for SB, the local user), or null when the capture never shows it
 * @param accountInferred true when the account was inferred (no USR/ANS in the capture)
 * @param version e.g. {@code MSNP11} when negotiated, {@code >=MSNP11} when inferred, null when unknown
 * @param client the client's name and version from CVR (e.g. {@code MSNMSGR 7.0.0777}), or null
 * @param cookie the switchboard authentication cookie (SB), or null
 * @param parentFlow the NS flow whose XFR or RNG issued the cookie (SB), or null
 * @param conversation the conversation id (SB), or null
 * @param endpoint the MPOP machine GUID the account signed in with (MSNP16+ SB), or null
 * @param reason for session_end: {@code out} (OUT), {@code out_oth} etc. (OUT with a reason), or
 *        the flow's end ({@code fin}, {@code rst}, {@code capture_end}...); null for session_start
 * @param messages for session_end: messages sent and received in the session
 * @param transport {@code http-gateway} for a session rebuilt from MSN HTTP gateway requests, null for
 *        a session on a TCP connection of its own (docs/gateway.md)
 * @param gatewaySession for a gateway session, the SessionID the gateway gave when it was opened, else null
 */
public record SessionEvent(long tsNanos, int tsDigits, long frame, String flow, boolean start, String role,
        String account, boolean accountInferred, String version, String client, String cookie, String parentFlow,
        String conversation, String endpoint, String reason, long messages, String transport,
        String gatewaySession) implements Event {
    @Override
    public String type() {
        return start ? "session_start" : "session_end";
    }
}
