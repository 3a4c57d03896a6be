package org.msnscope.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.sink.JsonlSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * JSON Lines writing: the events of 8 MB of the MSNP capture (flows, sessions, commands, messages,
 * presence, in their real mix) written by {@link JsonlSink} to a stream that discards the bytes.
 * One operation writes them all; the bytes written are returned.
 */
public class JsonWriteBench extends Bench {
    private Event[] events;

    @Setup
    public void setup() {
        RawPacket[] packets = Captures.packets(Captures.Kind.MSNP, 8L << 20, 1000);
        List<Event> list = new ArrayList<>();
        Decoder d = new Decoder(Limits.defaults(), list::add);
        d.enableMsnp();
        for (RawPacket p : packets) {
            d.packet(p);
        }
        d.finish();
        events = list.toArray(new Event[0]);
    }

    /** Counts what it is given and keeps nothing. */
    static final class Discard extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Benchmark
    public long writeEvents() throws IOException {
        Discard out = new Discard();
        JsonlSink sink = new JsonlSink(out);
        for (Event e : events) {
            sink.accept(e);
        }
        sink.flush();
        return out.bytes;
    }
}
