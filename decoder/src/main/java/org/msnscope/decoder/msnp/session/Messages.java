package org.msnscope.decoder.msnp.session;

import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.mime.ImFormat;
import org.msnscope.decoder.msnp.mime.MessageKind;
import org.msnscope.decoder.msnp.mime.MimeMessage;
import org.msnscope.decoder.msnp.mime.Text;

/** Turns an MSG payload into a {@link MessageEvent}: MIME headers, kind, exact text, format. */
final class Messages {
    private Messages() {
    }

    /** The decoded message (also emitted), or null when the MSG had no payload. */
    static MessageEvent emit(Connection conn, Command c, String from, List<String> to, String ackMode) {
        byte[] p = c.payload();
        if (p == null) {
            return null;
        }
        MimeMessage mime = MimeMessage.parse(p);
        if (mime.problem() != null) {
            conn.anomaly(AnomalyCode.MSNP_MALFORMED_MIME, c.dir() + ": MSG at stream offset " + c.streamOffset() + ": "
                    + mime.problem());
        }
        String type = mime.contentType();
        int bodyLen = p.length - mime.bodyOffset();
        String body = null;
        String rawHex = null;
        boolean binary = type.equals("application/x-msnmsgrp2p") || type.equals("image/gif")
                || type.equals("application/x-ms-ink");
        boolean needBody = conn.emitter().wanted() || type.equals("text/x-msnmsgr-datacast");
        if (!binary && bodyLen > 0) {
            if (!Text.validUtf8(p, mime.bodyOffset(), bodyLen)) {
                rawHex = conn.emitter().wanted() ? Text.hex(p, mime.bodyOffset(), bodyLen) : null;
                conn.anomaly(AnomalyCode.MSNP_INVALID_UTF8, c.dir() + ": MSG at stream offset " + c.streamOffset()
                        + ": the " + bodyLen + "-byte body is not valid UTF-8 (decoded with replacement characters; raw_hex has the bytes)");
            }
            body = needBody ? Text.utf8(p, mime.bodyOffset(), bodyLen) : null;
        } else if (!binary) {
            body = "";
        }
        String kind = MessageKind.of(type, mime, body);
        String text = null;
        Map<String, String> format = null;
        String datacast = null;
        switch (kind) {
            case "text" -> {
                text = body;
                String f = conn.emitter().wanted() ? mime.header("X-MMS-IM-Format") : null;
                format = f != null ? ImFormat.parse(f) : null;
            }
            case "typing" -> {
                String typer = mime.header("TypingUser");
                if (typer != null && !typer.isEmpty()) {
                    from = typer;
                }
            }
            default -> { }
        }
        if (type.equals("text/x-msnmsgr-datacast")) {
            datacast = MessageKind.datacastId(body);
            if ("action".equals(kind)) {
                text = dataLine(body);
            }
        }
        Emitter em = conn.emitter();
        conn.messages++;
        conn.layer.messages++;
        if (!em.wanted()) {
            return new MessageEvent(0, 0, 0, null, c.dir(), null, kind, from, List.of(), type, null, null, ackMode,
                    c.trid(), p.length, null, null, datacast);
        }
        MessageEvent m = new MessageEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), c.dir(),
                conn.conversation, kind, from, to, type, text, format, ackMode, c.trid(), p.length,
                mime.redactedHeaders(), rawHex, datacast);
        em.emit(m);
        return m;
    }

    private static String dataLine(String body) {
        for (String line : body.split("\r\n")) {
            if (line.startsWith("Data:")) {
                return line.substring(5).trim();
            }
        }
        return null;
    }
}
