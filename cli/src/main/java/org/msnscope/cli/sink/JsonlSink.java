package org.msnscope.cli.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.ContactEvent;
import org.msnscope.decoder.event.DeliveryEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.decoder.event.SlpEvent;
import org.msnscope.decoder.event.TransferEvent;

/**
 * Writes events as JSON Lines: one object per line, snake_case names, the field order of
 * docs/events.md ({@code ts, type, frame, flow} first). Written by {@link JsonLine}, which makes the
 * bytes Jackson's generator made before it (about twice as fast; docs/performance.md, part 8).
 */
public final class JsonlSink implements OutputSink {
    private final JsonLine gen;
    private final Timestamps timestamps = new Timestamps('T');
    private final StringBuilder scratch = new StringBuilder(40);

    public JsonlSink(OutputStream out) {
        this.gen = new JsonLine(out); // each object ends with its own newline
    }

    @Override
    public void accept(Event e) {
        try {
            writeHead(e);
            if (e instanceof FlowStartEvent s) {
                gen.writeStringField("client", s.client());
                gen.writeStringField("server", s.server());
                gen.writeBooleanField("midstream", s.midstream());
            } else if (e instanceof FlowEndEvent f) {
                gen.writeStringField("reason", f.reason());
                gen.writeNumberField("bytes_c2s", f.bytesC2s());
                gen.writeNumberField("bytes_s2c", f.bytesS2c());
                gen.writeNumberField("gaps", f.gaps());
                gen.writeNumberField("gap_bytes", f.gapBytes());
                gen.writeNumberField("packets", f.packets());
            } else if (e instanceof AnomalyEvent a) {
                gen.writeStringField("code", a.code().code());
                gen.writeStringField("detail", a.detail());
            } else if (e instanceof CommandEvent c) {
                command(c);
            } else if (e instanceof MessageEvent m) {
                message(m);
            } else if (e instanceof PresenceEvent p) {
                presence(p);
            } else if (e instanceof ParticipantEvent p) {
                str("conversation", p.conversation());
                str("user", p.user());
                str("action", p.action());
                str("endpoint", p.endpoint());
                str("friendly_name", p.friendlyName());
                str("by", p.by());
            } else if (e instanceof SessionEvent s) {
                session(s);
            } else if (e instanceof ContactEvent c) {
                str("action", c.action());
                str("user", c.user());
                list("lists", c.lists());
                str("friendly_name", c.friendlyName());
                list("groups", c.groups());
                str("group_name", c.groupName());
                str("network", c.network());
                str("source", c.source());
            } else if (e instanceof DeliveryEvent d) {
                str("conversation", d.conversation());
                gen.writeNumberField("trid", d.trid());
                str("result", d.result());
                gen.writeNumberField("message_frame", d.messageFrame());
            } else if (e instanceof TransferEvent t) {
                transfer(t);
            } else if (e instanceof SlpEvent s) {
                slp(s);
            } else if (e instanceof org.msnscope.decoder.event.TokenRequestEvent t) {
                str("account", t.account());
                str("url", t.url());
                list("services", t.services());
                list("policies", t.policies());
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void command(CommandEvent c) throws IOException {
        str("dir", c.dir());
        str("cmd", c.cmd());
        if (c.trid() == null) {
            gen.writeNullField("trid");
        } else {
            gen.writeNumberField("trid", c.trid());
        }
        list("args", c.args());
        if (c.payloadLength() == null) {
            gen.writeNullField("payload_length");
        } else {
            gen.writeNumberField("payload_length", c.payloadLength());
        }
        if (!c.known()) {
            gen.writeBooleanField("known", false);
        }
        if (c.error() != null) {
            str("error", c.error());
        }
        if (c.payload() != null) {
            str("payload", c.payload());
        }
        if (c.gatewaySession() != null) {
            str("gateway_session", c.gatewaySession());
        }
    }

    private void message(MessageEvent m) throws IOException {
        str("dir", m.dir());
        str("conversation", m.conversation());
        str("kind", m.kind());
        str("from", m.from());
        list("to", m.to());
        str("content_type", m.contentType());
        if (m.text() != null) {
            str("text", m.text());
        }
        if (m.format() != null) {
            gen.writeFieldName("format");
            writeValue(m.format());
        }
        if (m.datacast() != null) {
            str("datacast", m.datacast());
        }
        str("ack_mode", m.ackMode());
        if (m.trid() == null) {
            gen.writeNullField("trid");
        } else {
            gen.writeNumberField("trid", m.trid());
        }
        gen.writeNumberField("length", m.length());
        if (m.chunks() != null) {
            gen.writeNumberField("chunks", m.chunks());
        }
        if (m.headers() != null) {
            gen.writeFieldName("headers");
            writeValue(m.headers());
        }
        if (m.rawHex() != null) {
            str("raw_hex", m.rawHex());
        }
        if (m.gatewaySession() != null) {
            str("gateway_session", m.gatewaySession());
        }
    }

    private void transfer(TransferEvent t) throws IOException {
        TransferJson.fields(gen, t);
    }

    private void slp(SlpEvent s) throws IOException {
        str("dir", s.dir());
        str("conversation", s.conversation());
        str("method", s.method());
        num("status", s.status() == null ? null : Long.valueOf(s.status()));
        str("to", s.to());
        str("from", s.from());
        str("call_id", s.callId());
        num("cseq", s.cseq());
        str("branch", s.branch());
        num("max_forwards", s.maxForwards());
        gen.writeFieldName("headers");
        writeValue(s.headers());
        str("content_type", s.contentType());
        gen.writeFieldName("body");
        writeValue(s.body());
        str("transfer", s.transfer());
        gen.writeNumberField("p2p_version", s.p2pVersion());
    }

    private void num(String name, Long value) throws IOException {
        TransferJson.num(gen, name, value);
    }

    private void presence(PresenceEvent p) throws IOException {
        str("user", p.user());
        str("status", p.status());
        str("friendly_name", p.friendlyName());
        gen.writeFieldName("client_caps");
        writeValue(p.clientCaps());
        gen.writeFieldName("msn_object");
        writeValue(p.msnObject());
        str("psm", p.psm());
        str("current_media", p.currentMedia());
        str("network", p.network());
        str("source", p.source());
    }

    private void session(SessionEvent s) throws IOException {
        str("role", s.role());
        str("account", s.account());
        if (s.accountInferred()) {
            gen.writeBooleanField("account_inferred", true);
        }
        str("version", s.version());
        str("client", s.client());
        if (s.role().equals("SB")) {
            str("cookie", s.cookie());
            str("parent_flow", s.parentFlow());
            str("conversation", s.conversation());
            str("endpoint", s.endpoint());
        }
        if (s.transport() != null) {
            // only sessions that did not have a TCP connection of their own (docs/events.md)
            str("transport", s.transport());
            str("gateway_session", s.gatewaySession());
        }
        if (!s.start()) {
            str("reason", s.reason());
            gen.writeNumberField("messages", s.messages());
        }
    }

    private void str(String name, String value) throws IOException {
        if (value == null) {
            gen.writeNullField(name);
        } else {
            gen.writeStringField(name, value);
        }
    }

    private void list(String name, List<String> values) throws IOException {
        gen.writeArrayFieldStart(name);
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    private void writeHead(Event e) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("ts");
        if (e.frame() == 0) {
            gen.writeNull(); // no packet completed it (a file that failed before its first packet)
        } else {
            scratch.setLength(0);
            timestamps.append(scratch, e.tsNanos(), e.tsDigits(), true);
            gen.writeString(scratch.toString());
        }
        gen.writeFieldName("type");
        gen.writeString(e.type());
        gen.writeFieldName("frame");
        gen.writeNumber(e.frame());
        gen.writeFieldName("flow");
        if (e.flow() == null) {
            gen.writeNull();
        } else {
            gen.writeString(e.flow());
        }
    }

    /** Writes one free-form summary object (the {@code stats} line): maps, lists, numbers, strings. */
    public void writeObject(java.util.Map<String, Object> fields) {
        try {
            writeValue(fields);
            gen.writeRaw('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String str) {
            gen.writeString(str);
        } else if (v instanceof java.util.Map<?, ?> map) {
            gen.writeStartObject();
            for (var entry : map.entrySet()) {
                gen.writeFieldName(entry.getKey().toString());
                writeValue(entry.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof java.util.List<?> list) {
            gen.writeStartArray();
            for (Object o : list) {
                writeValue(o);
            }
            gen.writeEndArray();
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Integer i) {
            gen.writeNumber(i);
        } else if (v instanceof Double d) {
            gen.writeNumber(d);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else {
            gen.writeString(v.toString());
        }
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
