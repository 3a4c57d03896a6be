package org.msnscope.cli.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;

/**
 * Writes events as JSON Lines: one object per line, snake_case names, the field order of
 * docs/events.md ({@code ts, type, frame, flow} first). Jackson's streaming generator, no tree.
 */
public final class JsonlSink implements OutputSink {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private final JsonGenerator gen;
    private final Timestamps timestamps = new Timestamps('T');
    private final StringBuilder scratch = new StringBuilder(40);

    public JsonlSink(OutputStream out) {
        try {
            this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null); // each object ends with its own newline

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
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
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
        gen.writeStringField("type", e.type());
        gen.writeNumberField("frame", e.frame());
        if (e.flow() == null) {
            gen.writeNullField("flow");
        } else {
            gen.writeStringField("flow", e.flow());
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
