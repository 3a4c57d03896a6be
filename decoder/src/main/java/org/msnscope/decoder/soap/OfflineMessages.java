package org.msnscope.decoder.soap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.http.HttpFlow;
import org.msnscope.decoder.http.HttpMessage;
import org.msnscope.decoder.msnp.mime.MimeMessage;
import org.msnscope.decoder.msnp.mime.Text;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Offline messages: sent with the OIM service's Store / Store2 (sender and recipient in the SOAP
 * header's {@code From memberName} and {@code To memberName}, the message in {@code Content}), and
 * retrieved with RSI's GetMessage ({@code GetMessageResult}: a mail-like message whose {@code From}
 * and {@code To} headers name the accounts). Both carry MIME headers and a body, base64 when
 * {@code Content-Transfer-Encoding} says so. Each becomes a {@code message} event of kind
 * {@code offline}: {@code c2s} when stored, {@code s2c} when retrieved.
 */
final class OfflineMessages {
    static final String KIND = "offline";

    private OfflineMessages() {
    }

    static void stored(HttpFlow flow, HttpMessage req, Xml.Result x) {
        String from = null;
        String to = null;
        String content = null;
        for (Xml.Element e : x.elements()) {
            switch (e.name()) {
                case "From" -> from = e.attr("memberName");
                case "To" -> to = e.attr("memberName");
                case "Content" -> content = e.text();
                default -> {
                }
            }
        }
        emit(flow, "c2s", from, to, content, req, "Store");
    }

    static void retrieved(HttpFlow flow, HttpMessage resp, Xml.Result x) {
        String content = x.text("GetMessageResult");
        emit(flow, "s2c", null, null, content, resp, "GetMessage");
    }

    private static void emit(HttpFlow flow, String dir, String from, String to, String content, HttpMessage m,
            String call) {
        if (content == null) {
            flow.anomaly(AnomalyCode.SOAP_MALFORMED, dir + ": " + call + " at stream offset " + m.streamOffset()
                    + ": no message content");
            return;
        }
        // the message sits inside XML: lines may carry the document's indentation
        StringBuilder mime = new StringBuilder(content.length() + 2);
        for (String line : content.split("\r?\n", -1)) {
            mime.append(line.strip()).append("\r\n");
        }
        MimeMessage mm = MimeMessage.parse(mime.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = mm.redactedHeaders();
        if (from == null) {
            from = address(mm.header("From"));
        }
        if (to == null) {
            to = address(mm.header("To"));
        }
        byte[] all = mime.toString().getBytes(StandardCharsets.UTF_8);
        int off = Math.min(mm.bodyOffset(), all.length);
        String bodyText = new String(all, off, all.length - off, StandardCharsets.UTF_8).strip();
        byte[] body = bodyText.getBytes(StandardCharsets.UTF_8);
        String cte = mm.header("Content-Transfer-Encoding");
        if (cte != null && cte.trim().equalsIgnoreCase("base64")) {
            try {
                body = Base64.getMimeDecoder().decode(bodyText);
            } catch (IllegalArgumentException e) {
                flow.anomaly(AnomalyCode.SOAP_MALFORMED, dir + ": " + call + " at stream offset " + m.streamOffset()
                        + ": the message body is not base64");
            }
        }
        String type = mm.contentType() == null ? "text/plain" : mm.contentType();
        boolean valid = Text.validUtf8(body, 0, body.length);
        Emitter em = flow.emitter();
        if (em.wanted()) {
            em.emit(new MessageEvent(em.tsNanos(), em.tsDigits(), em.frame(), flow.id(), dir, null, KIND, from,
                    to == null ? List.of() : List.of(to), type.toLowerCase(Locale.ROOT), Text.utf8(body, 0, body.length),
                    null, null, null, body.length, headers, valid ? null : Text.hex(body, 0, body.length), null, null, null));
        }
    }

    /** {@code =?utf-8?B?...?= <alice@example.com>} to {@code alice@example.com}; a bare address as it is. */
    static String address(String header) {
        if (header == null) {
            return null;
        }
        int lt = header.lastIndexOf('<');
        int gt = header.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            return header.substring(lt + 1, gt).trim();
        }
        String h = header.trim();
        return h.isEmpty() ? null : h;
    }
}
