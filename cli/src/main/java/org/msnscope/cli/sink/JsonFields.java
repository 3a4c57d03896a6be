package org.msnscope.cli.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The JSON writing calls msnscope makes, so that one field list ({@link TransferJson}) serves both
 * the JSON Lines stream ({@link JsonLine}) and extract's pretty-printed manifest (Jackson), and the
 * two writers can be compared call for call (JsonLineTest).
 */
public interface JsonFields {
    void writeStartObject() throws IOException;

    void writeEndObject() throws IOException;

    void writeFieldName(String name) throws IOException;

    void writeString(String value) throws IOException;

    void writeNumber(double value) throws IOException;

    void writeNull() throws IOException;

    /** One character as it is (the newline after each JSON Lines object). */
    void writeRaw(char c) throws IOException;

    void writeStringField(String name, String value) throws IOException;

    void writeNumberField(String name, long value) throws IOException;

    void writeBooleanField(String name, boolean value) throws IOException;

    void writeNullField(String name) throws IOException;

    void writeArrayFieldStart(String name) throws IOException;

    void writeStartArray() throws IOException;

    void writeNumber(long value) throws IOException;

    void writeEndArray() throws IOException;

    /** Jackson's generator seen through this interface. */
    static JsonFields of(JsonGenerator gen) {
        return new JsonFields() {
            @Override
            public void writeStartObject() throws IOException {
                gen.writeStartObject();
            }

            @Override
            public void writeEndObject() throws IOException {
                gen.writeEndObject();
            }

            @Override
            public void writeFieldName(String name) throws IOException {
                gen.writeFieldName(name);
            }

            @Override
            public void writeString(String value) throws IOException {
                gen.writeString(value);
            }

            @Override
            public void writeNumber(double value) throws IOException {
                gen.writeNumber(value);
            }

            @Override
            public void writeNull() throws IOException {
                gen.writeNull();
            }

            @Override
            public void writeRaw(char c) throws IOException {
                gen.writeRaw(c);
            }

            @Override
            public void writeStringField(String name, String value) throws IOException {
                gen.writeStringField(name, value);
            }

            @Override
            public void writeNumberField(String name, long value) throws IOException {
                gen.writeNumberField(name, value);
            }

            @Override
            public void writeBooleanField(String name, boolean value) throws IOException {
                gen.writeBooleanField(name, value);
            }

            @Override
            public void writeNullField(String name) throws IOException {
                gen.writeNullField(name);
            }

            @Override
            public void writeArrayFieldStart(String name) throws IOException {
                gen.writeArrayFieldStart(name);
            }

            @Override
            public void writeStartArray() throws IOException {
                gen.writeStartArray();
            }

            @Override
            public void writeNumber(long value) throws IOException {
                gen.writeNumber(value);
            }

            @Override
            public void writeEndArray() throws IOException {
                gen.writeEndArray();
            }
        };
    }
}
