package org.msnscope.cli.sink;

import java.io.IOException;
import org.msnscope.decoder.event.TransferEvent;

/** The fields of a {@code transfer} event, shared by the JSON Lines stream and extract's manifest.json. */
public final class TransferJson {
    private TransferJson() {
    }

    /** Writes the transfer's fields (docs/events.md, "transfer") into the open object. */
    public static void fields(JsonFields gen, TransferEvent t) throws IOException {
        gen.writeStringField("transfer", t.transfer());
        gen.writeStringField("state", t.state());
        gen.writeStringField("kind", t.kind());
        gen.writeStringField("conversation", t.conversation());
        gen.writeStringField("from", t.from());
        gen.writeStringField("to", t.to());
        gen.writeStringField("name", t.name());
        num(gen, "size", t.size());
        gen.writeNumberField("received", t.received());
        gen.writeBooleanField("complete", t.complete());
        gen.writeStringField("sha1", t.sha1());
        if (t.verified() == null) {
            gen.writeNullField("verified");
        } else {
            gen.writeBooleanField("verified", t.verified());
        }
        gen.writeArrayFieldStart("missing");
        for (long[] r : t.missing()) {
            gen.writeStartArray();
            gen.writeNumber(r[0]);
            gen.writeNumber(r[1]);
            gen.writeEndArray();
        }
        gen.writeEndArray();
        gen.writeStringField("transport", t.transport());
        num(gen, "p2p_version", t.p2pVersion() == null ? null : Long.valueOf(t.p2pVersion()));
        num(gen, "session_id", t.sessionId());
        gen.writeStringField("call_id", t.callId());
        gen.writeStringField("euf_guid", t.eufGuid());
        num(gen, "app_id", t.appId());
        gen.writeBooleanField("cut_off", t.cutOff());
        gen.writeNumberField("conflicts", t.conflicts());
        gen.writeStringField("reason", t.reason());
        num(gen, "file_type", t.fileType());
        num(gen, "preview_length", t.previewLength() == null ? null : Long.valueOf(t.previewLength()));
    }

    /** A number field, or null. */
    static void num(JsonFields gen, String name, Long value) throws IOException {
        if (value == null) {
            gen.writeNullField(name);
        } else {
            gen.writeNumberField(name, value);
        }
    }
}
