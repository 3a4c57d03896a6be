package org.msnscope.cli.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLine} must write exactly the bytes Jackson's generator wrote before it (the JSON Lines
 * output is a contract and the stored sample outputs were made with Jackson): the same calls go to
 * both and the bytes are compared.
 */
class JsonLineTest {
    /** The same sequence of writes, to either writer. */
    private interface Script {
        void run(JsonFields w, Extra x) throws IOException;
    }

    /** The calls outside {@link JsonFields}. */
    private interface Extra {
        void startObject() throws IOException;

        void endObject() throws IOException;

        void string(String s) throws IOException;

        void field(String name) throws IOException;

        void number(double d) throws IOException;

        void nul() throws IOException;

        void newline() throws IOException;
    }

    private static String jackson(Script s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonGenerator g = JsonFactory.builder().build().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        s.run(JsonFields.of(g), new Extra() {
            public void startObject() throws IOException {
                g.writeStartObject();
            }

            public void endObject() throws IOException {
                g.writeEndObject();
            }

            public void string(String v) throws IOException {
                g.writeString(v);
            }

            public void field(String name) throws IOException {
                g.writeFieldName(name);
            }

            public void number(double d) throws IOException {
                g.writeNumber(d);
            }

            public void nul() throws IOException {
                g.writeNull();
            }

            public void newline() throws IOException {
                g.writeRaw('\n');
            }
        });
        g.close();
        return hex(out.toByteArray());
    }

    private static String ours(Script s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLine w = new JsonLine(out);
        s.run(w, new Extra() {
            public void startObject() throws IOException {
                w.writeStartObject();
            }

            public void endObject() throws IOException {
                w.writeEndObject();
            }

            public void string(String v) throws IOException {
                w.writeString(v);
            }

            public void field(String name) throws IOException {
                w.writeFieldName(name);
            }

            public void number(double d) throws IOException {
                w.writeNumber(d);
            }

            public void nul() throws IOException {
                w.writeNull();
            }

            public void newline() throws IOException {
                w.writeRaw('\n');
            }
        });
        w.close();
        return hex(out.toByteArray());
    }

    /** Bytes as text, non-printable ones as {@code <hh>}, so a difference is readable. */
    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(x >= 0x20 && x < 0x7f ? String.valueOf((char) x) : String.format("<%02x>", x & 0xff));
        }
        return sb.toString();
    }

    private static void same(Script s) throws IOException {
        assertEquals(jackson(s), ours(s));
    }

    @Test
    void everyCharacterAsValueAndName() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // every BMP character, lone surrogates included
        }
        String s = all.toString();
        same((w, x) -> {
            x.startObject();
            w.writeStringField(s.substring(0, 0x300), s);
            w.writeStringField("pair", "\uD83D\uDE00 x\uDE00y end\uD83D");
            x.endObject();
            x.newline();
        });
    }

    @Test
    void structureNumbersAndLiterals() throws IOException {
        same((w, x) -> {
            for (int line = 0; line < 3; line++) {
                x.startObject();
                w.writeStringField("ts", "2009-06-01T12:00:00.000012Z");
                w.writeNullField("flow");
                w.writeNumberField("frame", line);
                w.writeNumberField("big", Long.MIN_VALUE);
                w.writeNumberField("max", Long.MAX_VALUE);
                w.writeBooleanField("t", true);
                w.writeBooleanField("f", false);
                w.writeStringField("nothing", null);
                w.writeArrayFieldStart("missing");
                for (int i = 0; i < 3; i++) {
                    w.writeStartArray();
                    w.writeNumber(i * 1000L);
                    w.writeNumber(-i);
                    w.writeEndArray();
                }
                w.writeEndArray();
                w.writeArrayFieldStart("empty");
                w.writeEndArray();
                x.field("map");
                x.startObject();
                x.field("d");
                x.number(1.0E10);
                x.field("nan");
                x.number(Double.NaN);
                x.field("inf");
                x.number(Double.NEGATIVE_INFINITY);
                x.field("small");
                x.number(0.1);
                x.field("list");
                w.writeStartArray();
                x.string("a");
                x.nul();
                x.startObject();
                x.endObject();
                w.writeEndArray();
                x.endObject();
                x.endObject();
                x.newline();
            }
        });
    }

    @Test
    void randomTextAcrossTheBufferBoundary() throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        String[] pieces = {"a", "MSG", " ", "\r\n", "\"", "\\", "\u00e9", "\u20ac", "\uD83D\uDE00", "\u0001", "\u007f", "/"};
        for (int round = 0; round < 20; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(200_000);
            while (sb.length() < n) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String s = sb.toString();
            int names = r.nextInt(1, 50);
            same((w, x) -> {
                for (int i = 0; i < names; i++) {
                    x.startObject();
                    w.writeStringField("text", s.substring(0, s.length() * i / names));
                    x.endObject();
                    x.newline();
                }
            });
        }
        assertEquals(jackson((w, x) -> x.string("caf\u00e9")), hex("\"caf\u00e9\"".getBytes(StandardCharsets.UTF_8)));
    }
}
