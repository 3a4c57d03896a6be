package org.msnscope.testkit.p2p;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MSNSLP message: a start line ({@code INVITE MSNMSGR:handle MSNSLP/1.0} or {@code MSNSLP/1.0 200
 * OK}), the SIP-like headers To, From, Via, CSeq, Call-ID, Max-Forwards, Content-Type and
 * Content-Length, a blank line and a body of {@code Name: value} lines closed by a blank line. The
 * message ends with one NUL byte, counted in Content-Length.
 *
 * @param startLine the first line, without CRLF
 * @param to the handle in {@code To: <msnmsgr:...>} (with {@code ;{guid}} for P2Pv2 endpoints)
 * @param from the handle in {@code From: <msnmsgr:...>}
 * @param branch the Via branch GUID, with braces
 * @param cseq the CSeq number (written with the trailing space the official client sends)
 * @param callId the Call-ID GUID, with braces
 * @param contentType the body's content type
 * @param body the body lines, in order (an empty map gives a body of just CRLF)
 */
public record SlpMessage(String startLine, String to, String from, String branch, int cseq, String callId,
        String contentType, Map<String, String> body) {

    public static final String SESSION_REQUEST = "application/x-msnmsgr-sessionreqbody";
    public static final String SESSION_CLOSE = "application/x-msnmsgr-sessionclosebody";
    public static final String TRANSPORT_REQUEST = "application/x-msnmsgr-transreqbody";
    public static final String TRANSPORT_RESPONSE = "application/x-msnmsgr-transrespbody";

    public SlpMessage {
        body = new LinkedHashMap<>(body);
    }

    /** An INVITE, BYE or other request to {@code to}. */
    public static SlpMessage request(String method, String to, String from, String branch, int cseq, String callId,
            String contentType, Map<String, String> body) {
        return new SlpMessage(method + " MSNMSGR:" + to + " MSNSLP/1.0", to, from, branch, cseq, callId,
                contentType, body);
    }

    /** A response such as {@code 200 OK} or {@code 603 Decline}. */
    public static SlpMessage response(String status, String to, String from, String branch, int cseq, String callId,
            String contentType, Map<String, String> body) {
        return new SlpMessage("MSNSLP/1.0 " + status, to, from, branch, cseq, callId, contentType, body);
    }

    /**
     * The answer to this request: To and From swapped, the same branch and Call-ID, CSeq one higher and
     * the same content type.
     */
    public SlpMessage reply(String status, Map<String, String> replyBody) {
        return response(status, from, to, branch, cseq + 1, callId, contentType, replyBody);
    }

    /** The body text without the closing NUL: each line CRLF-terminated, then one more CRLF. */
    public String bodyText() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : body.entrySet()) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Content-Length: the body's UTF-8 bytes plus the closing NUL. */
    public int contentLength() {
        return bodyText().getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** The header part, up to and including the blank line before the body. */
    public String headText() {
        return startLine + "\r\n"
                + "To: <msnmsgr:" + to + ">\r\n"
                + "From: <msnmsgr:" + from + ">\r\n"
                + "Via: MSNSLP/1.0/TLP ;branch=" + branch + "\r\n"
                + "CSeq: " + cseq + " \r\n"
                + "Call-ID: " + callId + "\r\n"
                + "Max-Forwards: 0\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + contentLength() + "\r\n"
                + "\r\n";
    }

    /** The whole message as sent: head, body and the closing NUL. */
    public byte[] bytes() {
        byte[] text = (headText() + bodyText()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }
}
