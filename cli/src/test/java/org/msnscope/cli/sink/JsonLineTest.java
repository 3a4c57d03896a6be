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
        void run(JsonFields w) throws IOException;
    }

    private static String jackson(Script s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonGenerator g = JsonFactory.builder().build().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        s.run(JsonFields.of(g));
        g.close();
        return hex(out.toByteArray());
    }

    private static String ours(Script s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLine w = new JsonLine(out);
        s.run(w);
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
        same(w -> {
            w.writeStartObject();
            w.writeStringField(s.substring(0, 0x300), s);
            w.writeStringField("pair", "\uD83D\uDE00 x\uDE00y end\uD83D");
            w.writeEndObject();
            w.writeRaw('\n');
        });
    }

    @Test
    void structureNumbersAndLiterals() throws IOException {
        same(w -> {
            for (int line = 0; line < 3; line++) {
                w.writeStartObject();
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
                w.writeFieldName("map");
                w.writeStartObject();
                w.writeFieldName("d");
                w.writeNumber(1.0E10);
                w.writeFieldName("nan");
                w.writeNumber(Double.NaN);
                w.writeFieldName("inf");
                w.writeNumber(Double.NEGATIVE_INFINITY);
                w.writeFieldName("small");
                w.writeNumber(0.1);
                w.writeFieldName("list");
                w.writeStartArray();
                w.writeString("a");
                w.writeNull();
                w.writeStartObject();
                w.writeEndObject();
                w.writeEndArray();
                w.writeEndObject();
                w.writeEndObject();
                w.writeRaw('\n');
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
            same(w -> {
                for (int i = 0; i < names; i++) {
                    w.writeStartObject();
                    w.writeStringField("text", s.substring(0, s.length() * i / names));
                    w.writeEndObject();
                    w.writeRaw('\n');
                }
            });
        }
        assertEquals(jackson(w -> w.writeString("caf\u00e9")), hex("\"caf\u00e9\"".getBytes(StandardCharsets.UTF_8)));
    }
}
