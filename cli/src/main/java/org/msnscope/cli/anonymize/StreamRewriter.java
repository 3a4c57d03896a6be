package org.msnscope.cli.anonymize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.p2p.DirectConnection;
import org.msnscope.decoder.tcp.TcpFlow;
import org.msnscope.decoder.tcp.TcpStreamListener;

/**
 * The first pass: receives every flow's reassembled streams from the decoder's TCP layer and
 * decides how each direction is rewritten ({@link FlowPlan}): MSNP and MSNFTP connections command by
 * command, direct P2P connections packet by packet, anything else zeroed. Flows are told apart as
 * the decoder tells them: a direct connection starts with the connecting side's {@code foo\0} or goes
 * to a listener an MSNSLP transport response announced; MSNP shows a command in either direction.
 * What is best finished once every identity is known (unparsed bytes, MSNSLP messages never
 * completed) waits for {@link #finish()}.
 */
final class StreamRewriter implements TcpStreamListener {
    /** Unparsed bytes longer than this are zeroed rather than filled (a filled range is held until the end). */
    static final int MAX_FILLED_REGION = 64 << 10;

    final Tally tally;
    final Frames frames;
    final P2pRewriter p2p;
    final SoapRewriter soap;
    private final Pseudonyms p;
    private final Limits.Msnp limits;
    private final Map<Long, FlowPlan> plans = new HashMap<>();
    /** Direct-connection listeners announced by MSNSLP (original address:port). */
    private final Set<String> listeners = new HashSet<>();
    private final List<Runnable> later = new ArrayList<>();
    private Masker masker;
    private int maskerSize = -1;

    StreamRewriter(Pseudonyms p, Limits limits, boolean keepText) {
        this.p = p;
        this.tally = p.tally();
        this.limits = limits.msnp();
        SlpRewriter slp = new SlpRewriter(p, listeners);
        this.p2p = new P2pRewriter(slp, tally, this::masker);
        this.frames = new Frames(p, p2p, slp, keepText);
        this.soap = frames.soap();
    }

    Pseudonyms pseudonyms() {
        return p;
    }

    /** The plan of every flow, by flow number, once {@link #finish()} has sealed them. */
    Map<Long, FlowPlan> plans() {
        return plans;
    }

    /** A masker over every original replaced so far (rebuilt when new ones were met). */
    Masker masker() {
        if (masker == null || maskerSize != p.originals().size()) {
            masker = new Masker(p.originals());
            maskerSize = p.originals().size();
        }
        return masker;
    }

    void later(Runnable r) {
        later.add(r);
    }

    /**
     * Bytes no command could be read from: filled (or zeroed when long), since nothing says what they
     * hold; then, once every identity is known, whatever of one the filling kept is masked too.
     */
    void unparsed(Edits edits, long at, byte[] bytes) {
        if (bytes.length > MAX_FILLED_REGION) {
            edits.zero(at, bytes.length);
            return;
        }
        later(() -> {
            byte[] filled = Filler.unparsed(bytes);
            masker().mask(filled, 0, filled.length);
            if (!java.util.Arrays.equals(filled, bytes)) {
                tally.unparsedRegions++;
                edits.replace(at, bytes, filled);
            }
        });
    }

    @Override
    public void flowStarted(TcpFlow flow) {
        FlowPlan plan = new FlowPlan();
        plans.put(flow.number(), plan);
        tally.flows++;
        flow.attachment = listeners.contains(flow.server()) ? new DirectFlow(this, plan) : plan;
    }

    @Override
    public void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset,
            long carriedFrame, long carriedTsNanos) {
        Object a = flow.attachment;
        if (a instanceof FlowPlan plan) {
            // the first bytes decide: a direct connection's foo, else MSNP (the framers decide whether it is)
            boolean direct = fromClient && streamOffset == 0 && DirectConnection.startsLikeDirect(buf, off, len);
            boolean http = fromClient && streamOffset == 0 && HttpFlow.startsLikeHttp(buf, off, len);
            a = direct ? new DirectFlow(this, plan) : http ? new HttpFlow(this, plan)
                    : new MsnpFlow(this, plan, limits, flow.midstream());
            flow.attachment = a;
        } else if (a instanceof MsnpFlow m && fromClient && streamOffset == 0 && !m.confirmed
                && DirectConnection.startsLikeDirect(buf, off, len)) {
            a = new DirectFlow(this, plans.get(flow.number()));
            flow.attachment = a;
        }
        if (a instanceof DirectFlow d) {
            d.data(fromClient, buf, off, len, streamOffset);
        } else if (a instanceof HttpFlow h) {
            h.data(fromClient, buf, off, len, streamOffset);
        } else if (a instanceof MsnpFlow m) {
            m.direction(fromClient).data(buf, off, len, streamOffset);
        }
    }

    @Override
    public void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length) {
        if (flow.attachment instanceof DirectFlow d) {
            d.gap(fromClient);
        } else if (flow.attachment instanceof HttpFlow h) {
            h.gap(fromClient);
        } else if (flow.attachment instanceof MsnpFlow m) {
            m.direction(fromClient).gap(streamOffset, length);
        }
    }

    @Override
    public void flowEnded(TcpFlow flow, String reason) {
        Object a = flow.attachment;
        if (a instanceof DirectFlow d) {
            d.end();
        } else if (a instanceof HttpFlow h) {
            h.end();
        } else if (a instanceof MsnpFlow m) {
            m.end();
        }
        FlowPlan plan = plans.get(flow.number());
        if (plan != null && plan.zeroed) {
            tally.otherFlows++;
        }
        flow.attachment = null;
    }

    /** Every identity is known: finishes what waited (unparsed bytes, MSNSLP messages never completed), seals every plan. */
    void finish() {
        for (int i = 0; i < later.size(); i++) {
            later.get(i).run(); // may add more (an HTTP flow's P2P messages finished after its bodies)
        }
        later.clear();
        for (FlowPlan plan : plans.values()) {
            plan.seal();
        }
    }
}
