package org.msnscope.cli.anonymize;

import org.msnscope.decoder.Limits;

/**
 * A connection read as MSNP (and, after {@code VER MSNFTP}, as an MSNFTP session, whose sender's
 * direction turns binary after {@code TFR}, as in the decoder). Shares the decoder's rule that a
 * connection is MSNP once either direction showed a command, and is left alone (its payload zeroed)
 * when neither does.
 */
final class MsnpFlow {
    private final StreamRewriter rewriter;
    private final FlowPlan plan;
    final MsnpDirection c2s;
    final MsnpDirection s2c;
    boolean confirmed;
    private boolean msnftp;
    private Boolean filFromClient;

    MsnpFlow(StreamRewriter rewriter, FlowPlan plan, Limits.Msnp limits, boolean midstream) {
        this.rewriter = rewriter;
        this.plan = plan;
        this.c2s = new MsnpDirection(this, true, limits, midstream);
        this.s2c = new MsnpDirection(this, false, limits, midstream);
    }

    MsnpDirection direction(boolean fromClient) {
        return fromClient ? c2s : s2c;
    }

    void zero(boolean fromClient, long from, long length) {
        if (length > 0) {
            plan.edits(fromClient).zero(from, length);
        }
    }

    void unparsed(boolean fromClient, long at, byte[] bytes) {
        rewriter.unparsed(plan.edits(fromClient), at, bytes);
    }

    void notMsnp(MsnpDirection d) {
        if (!confirmed) {
            c2s.stop();
            s2c.stop();
            plan.zeroed = true;
        } else {
            d.ignore();
        }
    }

    void command(MsnpDirection d, String[] tokens, int count, String line, String lineEnd, byte[] payload, long at) {
        String verb = tokens[0];
        if (verb.equals("VER") && !msnftp) {
            for (int i = 1; i < count; i++) {
                msnftp |= tokens[i].equals("MSNFTP");
            }
        }
        if (msnftp && verb.equals("FIL")) {
            filFromClient = d.fromClient;
        }
        rewriter.frames.command(line, lineEnd, payload, d.fromClient, d.mime, plan.edits(d.fromClient), at);
        if (msnftp && verb.equals("TFR") && (filFromClient == null || filFromClient != d.fromClient)) {
            direction(!d.fromClient).switchToRaw();
        }
    }

    void end() {
        c2s.end();
        s2c.end();
        rewriter.later(() -> rewriter.p2p.finish(c2s.mime.p2p));
        rewriter.later(() -> rewriter.p2p.finish(s2c.mime.p2p));
    }
}
