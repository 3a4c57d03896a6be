package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.frame.FrameHandler;
import org.msnscope.decoder.msnp.frame.MsnpFramer;

/**
 * One direction of an MSNP (or MSNFTP) connection: the decoder's own framer cuts the stream into
 * commands, exactly as {@code read} will cut the rewritten one, and each command is rewritten where
 * it stands. The stream's bytes are kept from the end of the last command on (at most
 * {@link #MAX_RETAINED} bytes), so that what lies between commands (garbage skipped, a command a gap
 * cut) can be filled, or zeroed when it was too long to keep.
 */
final class MsnpDirection implements FrameHandler {
    /** The longest command: a line and the largest payload believed. */
    static final int MAX_RETAINED = 16 * 1024 + 2 + (1 << 20);

    private final MsnpFlow flow;
    final boolean fromClient;
    final MsnpFramer framer;
    final MimeRewriter.Direction mime = new MimeRewriter.Direction();
    private byte[] buf = new byte[4096];
    private long bufStart;
    private int bufLen;
    /** Start of the bytes not yet part of a command (to fill or zero). */
    private long maskFrom;
    private boolean raw;
    private boolean ignored;

    MsnpDirection(MsnpFlow flow, boolean fromClient, Limits.Msnp limits, boolean midstream) {
        this.flow = flow;
        this.fromClient = fromClient;
        this.framer = new MsnpFramer(limits, this, fromClient, midstream);
    }

    void data(byte[] b, int off, int len, long streamOffset) {
        if (raw || ignored) {
            return;
        }
        if (streamOffset != bufStart + bufLen) {
            bufStart = streamOffset;
            bufLen = 0;
        }
        if (bufLen + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + len));
        }
        System.arraycopy(b, off, buf, bufLen, len);
        bufLen += len;
        framer.data(b, off, len, streamOffset);
        trim();
    }

    /** Drops what no command can still need; bytes past the retention limit are zeroed. */
    private void trim() {
        long keepFrom = Math.max(bufStart, Math.min(maskFrom, bufStart + bufLen));
        if (bufStart + bufLen - keepFrom > MAX_RETAINED) {
            long cut = bufStart + bufLen - MAX_RETAINED;
            flow.zero(fromClient, maskFrom, cut - maskFrom);
            maskFrom = cut;
            keepFrom = cut;
        }
        int drop = (int) (keepFrom - bufStart);
        if (drop > 0 && drop >= bufLen / 2) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart = keepFrom;
        }
    }

    void gap(long streamOffset, long length) {
        if (raw || ignored) {
            return;
        }
        framer.gap(streamOffset, length);
        unframed(streamOffset);
        maskFrom = streamOffset + length;
        bufStart = maskFrom;
        bufLen = 0;
    }

    void end() {
        if (raw || ignored) {
            return;
        }
        framer.end();
        unframed(bufStart + bufLen);
    }

    /** From now on this direction is binary (MSNFTP blocks after TFR): nothing more is rewritten. */
    void switchToRaw() {
        if (!raw && !ignored) {
            unframed(bufStart + bufLen);
        }
        raw = true;
        framer.raw();
        buf = null;
    }

    /** [maskFrom, to) was not a command: filled, or zeroed when it is no longer held. */
    private void unframed(long to) {
        if (to <= maskFrom) {
            return;
        }
        if (maskFrom < bufStart || to > bufStart + bufLen) {
            flow.zero(fromClient, maskFrom, to - maskFrom);
        } else {
            int from = (int) (maskFrom - bufStart);
            flow.unparsed(fromClient, maskFrom, Arrays.copyOfRange(buf, from, from + (int) (to - maskFrom)));
        }
        maskFrom = to;
    }

    @Override
    public void command(String[] tokens, int count, byte[] payload, long declaredLength, long streamOffset) {
        if (streamOffset < bufStart || streamOffset < maskFrom) {
            return; // its line is no longer held: left to the masking of what lies around it
        }
        int from = (int) (streamOffset - bufStart);
        int nl = -1;
        for (int i = from; i < bufLen; i++) {
            if (buf[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return;
        }
        unframed(streamOffset);
        int textEnd = nl > from && buf[nl - 1] == '\r' ? nl - 1 : nl;
        String line = new String(buf, from, textEnd - from, StandardCharsets.ISO_8859_1);
        String lineEnd = textEnd < nl ? "\r\n" : "\n";
        maskFrom = bufStart + nl + 1 + (payload == null ? 0 : payload.length);
        flow.command(this, tokens, count, line, lineEnd, payload, streamOffset);
    }

    @Override
    public void problem(AnomalyCode code, String detail) {
        // the decode of the output reports it again
    }

    @Override
    public boolean confirmed() {
        return flow.confirmed;
    }

    @Override
    public void confirm() {
        flow.confirmed = true;
    }

    @Override
    public void notMsnp() {
        flow.notMsnp(this);
    }

    /** The connection is not MSNP at all: nothing is read (its whole payload is zeroed). */
    void stop() {
        framer.ignore();
        ignored = true;
        buf = null;
    }

    /** This direction stops being MSNP: what follows is not read. */
    void ignore() {
        framer.ignore();
        if (!ignored && !raw) {
            ignored = true;
            flow.zero(fromClient, maskFrom, Long.MAX_VALUE / 8);
        }
    }
}
