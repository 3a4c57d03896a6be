package org.msnscope.cli.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The few JSON writing calls the shared field lists ({@link TransferJson}) make, so that one list
 * serves both the JSON Lines stream ({@link JsonLine}) and extract's pretty-printed manifest (Jackson).
 */
public interface JsonFields {
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
