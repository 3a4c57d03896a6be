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

    /** Most chunks one message may announce. */
    static final int MAX_CHUNKS = 64;
    /** Chunked messages being gathered at once per connection; past it the oldest is given up. */
    static final int MAX_OPEN_CHUNKED = 16;

    /** A message sent in chunks, gathered until its last chunk. */
    static final class Chunked {
        final String dir;
        final Long trid;
        final long streamOffset;
        final String from;
        final List<String> to;
        final String ackMode;
        final int total;
        int received = 1;
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        Chunked(Command c, String from, List<String> to, String ackMode, int total, byte[] first) {
            this.dir = c.dir();
            this.trid = c.trid();
            this.streamOffset = c.streamOffset();
            this.from = from;
            this.to = to;
            this.ackMode = ackMode;
            this.total = total;
            bytes.writeBytes(first);
        }
    }

    /** The decoded message (also emitted), or null when the MSG had no payload or was a chunk of a longer one. */
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
        String id = mime.header("Message-ID");
        if (id != null) {
            String chunks = mime.header("Chunks");
            String chunk = mime.header("Chunk");
            if (chunks != null && chunk == null) {
                int n = parseCount(chunks);
                if (n >= 2 && n <= MAX_CHUNKS) {
                    if (conn.chunked.size() >= MAX_OPEN_CHUNKED) {
                        var oldest = conn.chunked.entrySet().iterator().next();
                        conn.chunked.remove(oldest.getKey());
                        incomplete(conn, oldest.getKey(), oldest.getValue());
                    }
                    conn.chunked.put(id, new Chunked(c, from, to, ackMode, n, p));
                    return null;
                }
            } else if (chunk != null) {
                Chunked ch = conn.chunked.get(id);
                if (ch != null) {
                    int bodyLen = p.length - mime.bodyOffset();
                    if (ch.bytes.size() + (long) bodyLen > conn.layer.limits.maxPayloadBytes()) {
                        conn.chunked.remove(id);
                        incomplete(conn, id, ch);
                        return null;
                    }
                    ch.bytes.write(p, mime.bodyOffset(), bodyLen);
                    if (++ch.received < ch.total) {
                        return null;
                    }
                    conn.chunked.remove(id);
                    byte[] whole = ch.bytes.toByteArray();
                    return decode(conn, MimeMessage.parse(whole), whole, ch.dir, ch.trid, ch.streamOffset, ch.from,
                            ch.to, ch.ackMode, ch.total);
                }
            }
        }
        return decode(conn, mime, p, c.dir(), c.trid(), c.streamOffset(), from, to, ackMode, null);
    }

    /** The session ended (or room was needed) before all chunks came: decode what did. */
    static void incomplete(Connection conn, String id, Chunked ch) {
        conn.anomaly(AnomalyCode.MSNP_INCOMPLETE_MESSAGE, ch.dir + ": message " + id + " at stream offset "
                + ch.streamOffset + ": " + ch.received + " of " + ch.total + " chunks arrived");
        byte[] got = ch.bytes.toByteArray();
        decode(conn, MimeMessage.parse(got), got, ch.dir, ch.trid, ch.streamOffset, ch.from, ch.to, ch.ackMode,
                ch.total);
    }

    private static int parseCount(String s) {
        long n = org.msnscope.decoder.msnp.frame.PayloadRules.parseLength(s.trim());
        return n < 0 || n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private static MessageEvent decode(Connection conn, MimeMessage mime, byte[] p, String dir, Long trid,
            long streamOffset, String from, List<String> to, String ackMode, Integer chunks) {
        String type = mime.contentType();
        int bodyLen = p.length - mime.bodyOffset();
        if (type.equals("application/x-msnmsgrp2p")) {
            conn.layer.p2p.switchboard(conn.layer.origin.set(conn.id(), conn.conversation, dir, from,
                    to.size() == 1 ? to.get(0) : null, "switchboard", streamOffset), mime.header("P2P-Dest"),
                    mime.header("P2P-Src"), p, mime.bodyOffset(), bodyLen);
        } else if (type.equals("text/x-msmsgsinvite")) {
            org.msnscope.decoder.p2p.Msnftp.invitation(conn.layer.p2p, conn.layer.origin.set(conn.id(),
                    conn.conversation, dir, from, to.size() == 1 ? to.get(0) : null, "msnftp", streamOffset),
                    fields(p, mime.bodyOffset(), bodyLen));
        }
        Body decoded = body(conn, p, mime.bodyOffset(), bodyLen, binary(type),
                conn.emitter().wanted() || type.equals("text/x-msnmsgr-datacast"), dir + ": MSG at stream offset "
                        + streamOffset);
        String body = decoded.text();
        String rawHex = decoded.rawHex();
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
            return new MessageEvent(0, 0, 0, null, dir, null, kind, from, List.of(), type, null, null, ackMode,
                    trid, p.length, null, null, datacast, chunks, conn.gatewaySession);
        }
        MessageEvent m = new MessageEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), dir,
                conn.conversation, kind, from, to, type, text, format, ackMode, trid, p.length,
                mime.redactedHeaders(), rawHex, datacast, chunks, conn.gatewaySession);
        em.emit(m);
        return m;
    }

    /** A message body as text ({@code text} null when binary or not needed), and its bytes when not UTF-8. */
    record Body(String text, String rawHex) {
    }

    /** Content types whose bodies are bytes, not text. */
    static boolean binary(String type) {
        return type.equals("application/x-msnmsgrp2p") || type.equals("image/gif") || type.equals("application/x-ms-ink");
    }

    /**
     * The body p[off..off+len) as text: checked as UTF-8 (not valid: an anomaly, replacement characters and
     * the raw bytes in hex); empty for an empty body; no text for a binary one or when nothing needs it.
     */
    static Body body(Connection conn, byte[] p, int off, int len, boolean binary, boolean needed, String where) {
        if (binary) {
            return new Body(null, null);
        }
        if (len == 0) {
            return new Body("", null);
        }
        String rawHex = null;
        if (!Text.validUtf8(p, off, len)) {
            rawHex = conn.emitter().wanted() ? Text.hex(p, off, len) : null;
            conn.anomaly(AnomalyCode.MSNP_INVALID_UTF8, where + ": the " + len
                    + "-byte body is not valid UTF-8 (decoded with replacement characters; raw_hex has the bytes)");
        }
        return new Body(needed ? Text.utf8(p, off, len) : null, rawHex);
    }

    /** The {@code Key: Value} lines of a body, in order (at most 64). */
    private static Map<String, String> fields(byte[] p, int off, int len) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : Text.utf8(p, off, len).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && out.size() < 64) {
                out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    static String dataLine(String body) {
        for (String line : body.split("\r\n")) {
            if (line.startsWith("Data:")) {
                return line.substring(5).trim();
            }
        }
        return null;
    }
}
