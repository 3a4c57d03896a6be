package org.msnscope.decoder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.decoder.tcp.TcpFlow;
import org.msnscope.decoder.tcp.TcpStreamListener;

/** Records events and listener calls as one line each, and each direction's bytes. */
public final class Recorder implements EventSink, TcpStreamListener {
    public final List<Event> events = new ArrayList<>();
    /** Events and listener calls interleaved, in order. */
    public final List<String> log = new ArrayList<>();
    private final Map<String, ByteArrayOutputStream> streams = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();

    @Override
    public void accept(Event e) {
        events.add(e);
        log.add(line(e));
    }

    public static String line(Event e) {
        if (e instanceof FlowStartEvent s) {
            return "flow_start " + s.flow() + " frame=" + s.frame() + " " + s.client() + " > " + s.server()
                    + (s.midstream() ? " midstream" : "");
        }
        if (e instanceof FlowEndEvent f) {
            return "flow_end " + f.flow() + " frame=" + f.frame() + " " + f.reason() + " c2s=" + f.bytesC2s() + " s2c="
                    + f.bytesS2c() + " gaps=" + f.gaps() + "/" + f.gapBytes() + " packets=" + f.packets();
        }
        AnomalyEvent a = (AnomalyEvent) e;
        return "anomaly " + a.flow() + " frame=" + a.frame() + " " + a.code().code() + " " + a.detail();
    }

    public List<String> anomalies() {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof AnomalyEvent) {
                out.add(line(e));
            }
        }
        return out;
    }

    @Override
    public void flowStarted(TcpFlow flow) {
        log.add("started " + flow.id());
    }

    @Override
    public void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset,
            long carriedFrame, long carriedTsNanos) {
        String key = flow.id() + (fromClient ? " c2s" : " s2c");
        long pos = positions.getOrDefault(key, 0L);
        if (pos != streamOffset) {
            throw new AssertionError(key + " data at " + streamOffset + " but stream is at " + pos);
        }
        if (len <= 0) {
            throw new AssertionError(key + " empty data call");
        }
        positions.put(key, pos + len);
        streams.computeIfAbsent(key, k -> new ByteArrayOutputStream()).write(buf, off, len);
        log.add("data " + key + " offset=" + streamOffset + " len=" + len + " frame=" + carriedFrame);
    }

    @Override
    public void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length) {
        String key = flow.id() + (fromClient ? " c2s" : " s2c");
        long pos = positions.getOrDefault(key, 0L);
        if (pos != streamOffset) {
            throw new AssertionError(key + " gap at " + streamOffset + " but stream is at " + pos);
        }
        positions.put(key, pos + length);
        ByteArrayOutputStream s = streams.computeIfAbsent(key, k -> new ByteArrayOutputStream());
        if (length <= 65_536) {
            for (long i = 0; i < length; i++) {
                s.write('?');
            }
        } else {
            s.writeBytes(("[gap " + length + "]").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        log.add("gap " + key + " offset=" + streamOffset + " len=" + length);
    }

    @Override
    public void flowEnded(TcpFlow flow, String reason) {
        log.add("ended " + flow.id() + " " + reason);
    }

    /** Delivered bytes of one direction, with '?' for each byte of a gap ("[gap N]" past 64 KiB). */
    public String stream(String flow, boolean c2s) {
        ByteArrayOutputStream s = streams.get(flow + (c2s ? " c2s" : " s2c"));
        return s == null ? "" : s.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
