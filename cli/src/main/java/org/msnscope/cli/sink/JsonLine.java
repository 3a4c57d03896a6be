package org.msnscope.cli.sink;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A compact JSON writer for the JSON Lines stream: bytes straight into one reused buffer, ASCII
 * copied without a lookup, no per-value state checks. Its output is byte for byte what Jackson's
 * {@code UTF8JsonGenerator} writes with default settings (JsonLineTest compares the two): the
 * control characters as {@code \b \t \n \f \r} or as six-character escapes (backslash, u, four
 * upper-case hex digits), the quote and the backslash escaped, DEL and the slash as they are, other
 * characters as UTF-8 except UTF-16 surrogates, which get six-character escapes one by one (an emoji
 * becomes two), and NaN or infinite doubles as
 * strings. The caller writes well-formed structure (it is not checked).
 */
public final class JsonLine implements JsonFields {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** For each ASCII character: 0 copied as it is, -1 written as a six-character escape, else the short escape letter. */
    private static final byte[] ESCAPE = new byte[128];
    private static final int MAX_DEPTH = 256;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = -1;
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** Per open container: whether a member was written (a comma goes before the next). */
    private final boolean[] nonEmpty = new boolean[MAX_DEPTH];
    private int depth;
    /** A field name was just written: the next value takes no comma. */
    private boolean afterName;

    public JsonLine(OutputStream out) {
        this.out = out;
    }

    private void room(int n) throws IOException {
        if (buf.length - pos < n) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Before a value: the comma between array elements (none after a field name or at the top). */
    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (depth > 0) {
            if (nonEmpty[depth - 1]) {
                buf[pos++] = ',';
            } else {
                nonEmpty[depth - 1] = true;
            }
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        room(1);
        if (nonEmpty[depth - 1]) {
            buf[pos++] = ',';
        } else {
            nonEmpty[depth - 1] = true;
        }
        quoted(name);
        room(1);
        buf[pos++] = ':';
        afterName = true;
    }

    @Override
    public void writeStartObject() throws IOException {
        open('{');
    }

    @Override
    public void writeEndObject() throws IOException {
        close('}');
    }

    @Override
    public void writeStartArray() throws IOException {
        open('[');
    }

    @Override
    public void writeEndArray() throws IOException {
        close(']');
    }

    private void open(char c) throws IOException {
        room(2);
        beforeValue();
        buf[pos++] = (byte) c;
        if (depth == MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
        nonEmpty[depth++] = false;
    }

    private void close(char c) throws IOException {
        room(1);
        buf[pos++] = (byte) c;
        depth--;
    }

    @Override
    public void writeString(String s) throws IOException {
        room(1);
        beforeValue();
        quoted(s);
    }

    @Override
    public void writeNull() throws IOException {
        room(5);
        beforeValue();
        ascii("null");
    }

    public void writeBoolean(boolean b) throws IOException {
        room(6);
        beforeValue();
        ascii(b ? "true" : "false");
    }

    @Override
    public void writeNumber(long v) throws IOException {
        room(21);
        beforeValue();
        if (v >= 0 && v < 10) {
            buf[pos++] = (byte) ('0' + v);
            return;
        }
        ascii(Long.toString(v));
    }

    @Override
    public void writeNumber(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            writeString(Double.toString(d)); // Jackson's default: such values as strings
            return;
        }
        room(32);
        beforeValue();
        ascii(Double.toString(d));
    }

    /** Bytes written as they are (a newline between lines). */
    @Override
    public void writeRaw(char c) throws IOException {
        room(1);
        buf[pos++] = (byte) c;
    }

    @Override
    public void writeStringField(String name, String value) throws IOException {
        writeFieldName(name);
        if (value == null) {
            writeNull();
        } else {
            writeString(value);
        }
    }

    @Override
    public void writeNumberField(String name, long value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    @Override
    public void writeBooleanField(String name, boolean value) throws IOException {
        writeFieldName(name);
        writeBoolean(value);
    }

    @Override
    public void writeNullField(String name) throws IOException {
        writeFieldName(name);
        writeNull();
    }

    @Override
    public void writeArrayFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartArray();
    }

    /** ASCII without escapes (numbers, literals); the caller made room. */
    private void ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** A string in quotes, escaped as Jackson does. */
    private void quoted(String s) throws IOException {
        int n = s.length();
        room(2);
        buf[pos++] = '"';
        int i = 0;
        while (i < n) {
            // the common case: printable ASCII, as many as fit
            int stop = Math.min(n, i + (buf.length - pos - 1));
            while (i < stop) {
                char c = s.charAt(i);
                if (c >= 0x80 || ESCAPE[c] != 0) {
                    break;
                }
                buf[pos++] = (byte) c;
                i++;
            }
            if (i == n) {
                break;
            }
            if (i == stop) {
                flushBuffer();
                continue;
            }
            room(12);
            special(s.charAt(i++));
        }
        room(1);
        buf[pos++] = '"';
    }

    /** One character that is not plain ASCII: an escape or its UTF-8 bytes; the caller made room for 12. */
    private void special(char c) {
        if (c < 0x80) {
            byte e = ESCAPE[c];
            buf[pos++] = '\\';
            if (e > 0) {
                buf[pos++] = e;
            } else {
                unicodeEscape(c);
            }
        } else if (c < 0x800) {
            buf[pos++] = (byte) (0xc0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3f));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            buf[pos++] = '\\';
            unicodeEscape(c);
        } else {
            buf[pos++] = (byte) (0xe0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            buf[pos++] = (byte) (0x80 | (c & 0x3f));
        }
    }

    private void unicodeEscape(char c) {
        buf[pos++] = 'u';
        buf[pos++] = HEX[(c >> 12) & 0xf];
        buf[pos++] = HEX[(c >> 8) & 0xf];
        buf[pos++] = HEX[(c >> 4) & 0xf];
        buf[pos++] = HEX[c & 0xf];
    }

    /** Writes the buffer to the stream and flushes it. */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /** Writes the buffer to the stream; does not close the stream (the caller owns it). */
    public void close() throws IOException {
        flushBuffer();
        out.flush();
    }
}
