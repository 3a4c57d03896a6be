package org.msnscope.cli.grammar;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inventories as JSON with Jackson's streaming API: maps keep their order, two-space indentation
 * and {@code \n} line ends on every platform, so the same tree is the same bytes. Reading gives the
 * same kind of tree back (maps, lists, strings, longs, doubles, booleans, nulls).
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    private Json() {
    }

    static void write(Object tree, OutputStream out) throws IOException {
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultIndenter indent = new DefaultIndenter("  ", "\n");
            gen.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indent).withArrayIndenter(indent));
            value(gen, tree);
            gen.writeRaw('\n');
        }
    }

    /**
     * Objects and arrays that hold only scalars (a row: {@code {"type":"trid","count":2}}) go on one
     * line, the rest is indented: the files stay short enough to read and to diff.
     */
    private static void value(JsonGenerator gen, Object v) throws IOException {
        if (gen.getPrettyPrinter() != null && isLeaf(v)) {
            StringWriter w = new StringWriter();
            try (JsonGenerator compact = FACTORY.createGenerator(w)) {
                value(compact, v);
            }
            gen.writeRawValue(w.toString());
            return;
        }
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName(e.getKey().toString());
                value(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof List<?> l) {
            gen.writeStartArray();
            for (Object o : l) {
                value(gen, o);
            }
            gen.writeEndArray();
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            gen.writeNumber(n.doubleValue());
        } else {
            gen.writeString(v.toString());
        }
    }

    private static boolean isLeaf(Object v) {
        Iterable<?> items = v instanceof Map<?, ?> m ? m.values() : v instanceof List<?> l ? l : null;
        if (items == null) {
            return false;
        }
        for (Object o : items) {
            if (o instanceof Map<?, ?> || o instanceof List<?>) {
                return false;
            }
        }
        return true;
    }

    /** The tree of a JSON document; an IOException (Jackson's parse errors included) when it is not JSON. */
    static Object read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty");
            }
            Object v = value(p, t);
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return v;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                    l.add(value(p, k));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
