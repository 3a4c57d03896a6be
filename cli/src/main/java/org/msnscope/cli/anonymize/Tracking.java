package org.msnscope.cli.anonymize;

import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.net.NetResult;
import org.msnscope.decoder.net.PacketDecoder;
import org.msnscope.decoder.net.PacketView;
import org.msnscope.decoder.tcp.TcpFlow;
import org.msnscope.decoder.tcp.TcpStreamListener;
import org.msnscope.decoder.tcp.TcpTracker;

/**
 * The decoder's own packet path (link, IP and fragment handling, flows, reassembly), in the order
 * {@code Decoder} runs it, so both passes see the same flows, directions and stream offsets as a
 * later {@code read} of the capture: the first pass with a listener that plans the rewriting, the
 * second to learn each packet's flow and the sequence number its stream offsets count from.
 */
final class Tracking {
    private final Emitter emitter = new Emitter(EventSink.DISCARD);
    private final PacketDecoder net;
    private final TcpTracker tcp;
    final PacketView view = new PacketView();
    private TcpFlow flow;

    Tracking(Limits limits, TcpStreamListener listener) {
        this.net = new PacketDecoder(limits, emitter);
        this.tcp = new TcpTracker(limits, emitter);
        tcp.setListener(listener);
    }

    /** Decodes one packet (and feeds it to TCP); {@code before} sees a TCP segment's view first. */
    NetResult packet(RawPacket p, java.util.function.Consumer<PacketView> before) {
        long ts = p.timestampNanos;
        emitter.at(ts, p.timestampDigits, p.frameNumber);
        tcp.expire(ts);
        net.fragments().expire(ts);
        flow = null;
        NetResult r = net.decode(p, view);
        if (r == NetResult.TCP) {
            before.accept(view);
            tcp.segment(view, p.frameNumber, ts, p.timestampDigits);
            flow = (TcpFlow) tcp.table().find(view.v6, view.srcHi, view.srcLo, view.srcPort, view.dstHi, view.dstLo,
                    view.dstPort);
        }
        return r;
    }

    /** The flow the last TCP segment belongs to, or null (a stray segment no flow took). */
    TcpFlow flow() {
        return flow;
    }

    void finish() {
        tcp.finish();
        net.fragments().finish();
    }
}
