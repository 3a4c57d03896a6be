package org.msnscope.decoder.msnp.frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * Cuts one direction of a connection into MSNP commands: {@code VERB [TrID] args\r\n}, followed by
 * a payload of the announced length for the verbs in {@link PayloadRules}. Bytes arrive in any
 * pieces; nothing is re-read. A gap or a line that is not a command sends the framer to
 * {@link State#RESYNC}, where it skips whole lines until one is a plausible known command, and
 * reports what it dropped and skipped. A connection that does not start like MSNP is left alone
 * without a word (traffic on port 1863 that is something else stays quiet).
 */
public final class MsnpFramer {
    /** The framer's states; one method each. */
    private enum State {
        /** the first line decides whether this is MSNP */
        PROBE,
        /** reading a command line */
        LINE,
        /** reading a payload of known length */
        PAYLOAD,
        /** discarding the rest of a payload a gap cut (its length is still known) */
        SKIP,
        /** after an unknown verb whose last argument is a number: do the next bytes start a command? */
        PEEK,
        /** skipping to the next plausible command line */
        RESYNC,
        /** not MSNP: everything is ignored */
        IGNORED,
        /** the connection switched to a binary protocol (MSNFTP blocks): bytes go to the handler as they are */
        RAW
    }

    private static final int MAX_TOKENS = 64;
    /** Tokens a framer's array holds at first. */
    private static final int FIRST_TOKENS = 8;

    private final Limits.Msnp limits;
    private final FrameHandler handler;
    private final boolean fromClient;
    private final boolean midstream;
    private State state = State.PROBE;

    /** A line split across segments; grows on first use (most lines arrive whole and are parsed in place). */
    private byte[] line = EMPTY;
    private int lineLen;
    /** bytes of the current line seen, including any dropped past the limit */
    private long lineSeen;
    private long lineStart;

    /** Made at the first command line: a connection that turns out to be HTTP or not MSNP never needs it. */
    private String[] tokens;
    private int tokenCount;
    private String[] pendingTokens;
    private long pendingOffset;
    /** where the payload being read starts, and (SKIP) where the payload a gap cut ends */
    private long payloadStart;
    private long skipUntil;
    private byte[] payload;
    private int payloadFill;

    /** RESYNC bookkeeping: where skipping began, how much was skipped, why, and whether to report it. */
    private long skipFrom;
    private long skipped;
    private String skipReason;
    private boolean quiet;

    /** Offset of the next byte in this direction's stream. */
    private long pos;

    public MsnpFramer(Limits.Msnp limits, FrameHandler handler, boolean fromClient, boolean midstream) {
        this.limits = limits;
        this.handler = handler;
        this.fromClient = fromClient;
        this.midstream = midstream;
    }

    /** Stops framing: the connection is not MSNP. */
    public void ignore() {
        state = State.IGNORED;
        payload = null;
        line = null;
    }

    public boolean ignored() {
        return state == State.IGNORED;
    }

    /**
     * From the next byte on, this direction is not MSNP commands: every byte (and gap) goes to
     * {@link FrameHandler#raw} and {@link FrameHandler#rawGap}. Called from within a command callback,
     * it takes effect for the rest of the segment being framed.
     */
    public void raw() {
        state = State.RAW;
        payload = null;
        lineLen = 0;
        lineSeen = 0;
    }

    /** In-order bytes at {@code streamOffset}; {@code buf} is only borrowed. */
    public void data(byte[] buf, int off, int len, long streamOffset) {
        pos = streamOffset;
        feed(buf, off, len);
    }

    /** Bytes that continue the stream at {@link #pos}. */
    private void feed(byte[] buf, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end) {
            switch (state) {
                case IGNORED -> {
                    return;
                }
                case RAW -> {
                    handler.raw(buf, p, end - p, pos);
                    pos += end - p;
                    return;
                }
                case PAYLOAD -> p = payload(buf, p, end);
                case SKIP -> p = skip(p, end);
                case PEEK -> p = peek(buf, p, end);
                default -> p = line(buf, p, end);
            }
        }
    }

    /**
     * Largest payload believed for a verb msnscope does not know: its last argument is a number and
     * the bytes after its line do not start a command.
     */
    public static final int MAX_GUESSED_PAYLOAD = 64 << 10;

    private final byte[] peekBuf = new byte[4];
    private int peekLen;
    private int guessedLength;

    /** Gathers four bytes after an unknown verb's line, then decides whether they are its payload. */
    private int peek(byte[] buf, int p, int end) {
        int n = Math.min(end - p, peekBuf.length - peekLen);
        System.arraycopy(buf, p, peekBuf, peekLen, n);
        peekLen += n;
        pos += n;
        if (peekLen == peekBuf.length) {
            decideGuess();
        }
        return p + n;
    }

    private void decideGuess() {
        boolean command = peekLen >= 4 && Verbs.known(peekBuf, 0) != null
                && (peekBuf[3] == ' ' || peekBuf[3] == '\r' || peekBuf[3] == '\n');
        int held = peekLen;
        peekLen = 0;
        pos -= held;
        if (command || held < 4) {
            handler.command(pendingTokens, pendingTokens.length, null, PayloadRules.NONE, pendingOffset);
            pendingTokens = null;
            state = State.LINE;
        } else {
            payload = new byte[guessedLength];
            payloadFill = 0;
            payloadStart = pos;
            state = State.PAYLOAD;
        }
        feed(peekBuf.clone(), 0, held);
    }

    /** Discards payload bytes up to {@link #skipUntil}; returns where it stopped. */
    private int skip(int p, int end) {
        int n = (int) Math.min(end - p, skipUntil - pos);
        pos += n;
        if (pos >= skipUntil) {
            state = State.LINE;
        }
        return p + n;
    }

    /** Bytes in [p, end) of a payload; returns where it stopped. */
    private int payload(byte[] buf, int p, int end) {
        int n = Math.min(end - p, payload.length - payloadFill);
        System.arraycopy(buf, p, payload, payloadFill, n);
        payloadFill += n;
        pos += n;
        if (payloadFill == payload.length) {
            byte[] done = payload;
            payload = null;
            state = State.LINE;
            handler.command(pendingTokens, pendingTokens.length, done, done.length, pendingOffset);
            pendingTokens = null;
        }
        return p + n;
    }

    /** Bytes of a line (PROBE, LINE or RESYNC); returns where it stopped. */
    private int line(byte[] buf, int p, int end) {
        if (lineSeen == 0) {
            lineStart = pos;
        }
        int nl = -1;
        for (int i = p; i < end; i++) {
            if (buf[i] == '\n') {
                nl = i;
                break;
            }
        }
        int stop = nl < 0 ? end : nl + 1;
        int n = stop - p;
        if (nl >= 0 && lineSeen == 0 && n <= limits.maxLineBytes() + 2) {
            // the whole line is in this piece: parse it in place
            pos += n;
            lineSeen = 0;
            complete(buf, p, n, n);
            return stop;
        }
        int room = limits.maxLineBytes() + 2 - lineLen;
        int keep = Math.max(0, Math.min(n, room));
        if (keep > 0) {
            if (lineLen + keep > line.length) {
                byte[] bigger = new byte[Math.min(limits.maxLineBytes() + 2,
                        Math.max(256, Math.max(line.length * 2, lineLen + keep)))];
                System.arraycopy(line, 0, bigger, 0, lineLen);
                line = bigger;
            }
            System.arraycopy(buf, p, line, lineLen, keep);
            lineLen += keep;
        }
        lineSeen += n;
        pos += n;
        if (state == State.RESYNC && quiet && !handler.confirmed() && skipped + lineSeen > limits.maxProbeBytes()) {
            handler.notMsnp();
            return stop;
        }
        if (state == State.PROBE && lineSeen >= 4 && !handler.confirmed() && !shapedStart(line, lineLen)) {
            // not MSNP from its first bytes: no need to wait for a line end
            rejectFirstLine(lineSeen, nl >= 0);
            return stop;
        }
        if (nl >= 0) {
            long seen = lineSeen;
            lineSeen = 0;
            int l = lineLen;
            lineLen = 0;
            complete(line, 0, l, seen);
        }
        return stop;
    }

    private static boolean shapedStart(byte[] b, int len) {
        return len >= 4 && Verbs.shaped(b, 0) && (b[3] == ' ' || b[3] == '\r' || b[3] == '\n');
    }

    /**
     * A whole line, including its line end, is b[off..off+len) ({@code seen} bytes on the wire,
     * more than {@code len} when it was longer than the limit).
     */
    private void complete(byte[] b, int off, int len, long seen) {
        long at = pos - seen;
        if (seen > len) {
            tooLong(at, seen);
            return;
        }
        int textLen = len - 1;
        if (textLen > 0 && b[off + textLen - 1] == '\r') {
            textLen--;
        }
        switch (state) {
            case PROBE -> probeLine(b, off, textLen, at, seen);
            case LINE -> commandLine(b, off, textLen, at, seen);
            case RESYNC -> resyncLine(b, off, textLen, at, seen);
            default -> { }
        }
    }

    private void tooLong(long at, long seen) {
        if (state == State.PROBE && !handler.confirmed()) {
            rejectFirstLine(seen, true);
            return;
        }
        if (state != State.RESYNC || !quiet) {
            handler.problem(AnomalyCode.MSNP_LINE_TOO_LONG, seen + " bytes without a line end at stream offset " + at
                    + " (limit " + limits.maxLineBytes() + ")");
        }
        if (state != State.RESYNC) {
            startResync(at, "after a line that was too long", quiet);
        }
        skipped += seen;
        probeBudget();
    }

    private void probeLine(byte[] b, int off, int len, long at, long seen) {
        if (plausible(b, off, len, true) && !http(b, off, len)) {
            handler.confirm();
            state = State.LINE;
            parse(b, off, len, at);
            return;
        }
        if (handler.confirmed()) {
            startResync(at, "that are not MSNP commands", false);
            skipped += seen;
            return;
        }
        rejectFirstLine(seen, true);
    }

    /** The first bytes of a direction that has not shown MSNP are not a command. */
    private void rejectFirstLine(long seen, boolean lineEnded) {
        lineLen = 0;
        if (!lineEnded) {
            // skip the rest of this line too, then look for a command
            lineSeen = 0;
        }
        if (midstream || pos > seen) {
            // picked up mid-connection (or after a gap): look for the first command quietly
            startResync(pos - seen, "", true);
            skipped += seen;
            probeBudget();
            return;
        }
        handler.notMsnp();
    }

    private void commandLine(byte[] b, int off, int len, long at, long seen) {
        if (plausible(b, off, len, false)) {
            parse(b, off, len, at);
            return;
        }
        if (len == 0) {
            // a stray empty line (some clients end a payload with an extra CRLF): skip it quietly
            return;
        }
        startResync(at, "that are not MSNP commands", false);
        skipped += seen;
    }

    private void resyncLine(byte[] b, int off, int len, long at, long seen) {
        if (plausible(b, off, len, true)) {
            if (!handler.confirmed()) {
                handler.confirm();
            } else if (skipped > 0 && !quiet) {
                handler.problem(AnomalyCode.MSNP_RESYNC, skipped + " bytes " + skipReason + " skipped from stream offset "
                        + skipFrom + "; resynchronised on " + new String(b, off, 3, StandardCharsets.ISO_8859_1)
                        + " at " + at);
            }
            state = State.LINE;
            skipped = 0;
            quiet = false;
            parse(b, off, len, at);
            return;
        }
        skipped += seen;
        probeBudget();
    }

    /** A flow still looking for its first command gives up after {@link Limits.Msnp#maxProbeBytes()}. */
    private void probeBudget() {
        if (quiet && !handler.confirmed() && skipped > limits.maxProbeBytes()) {
            handler.notMsnp();
        }
    }

    private void startResync(long at, String reason, boolean quietly) {
        state = State.RESYNC;
        skipFrom = at;
        skipped = 0;
        skipReason = reason;
        quiet = quietly;
        pendingTokens = null;
        payload = null;
    }

    /** An HTTP request line ({@code PUT /path HTTP/1.1}): MSNP21 has PUT and DEL verbs too. */
    private static boolean http(byte[] b, int off, int len) {
        return len > 9 && b[off + len - 8] == 'H' && b[off + len - 7] == 'T' && b[off + len - 6] == 'T'
                && b[off + len - 5] == 'P' && b[off + len - 4] == '/';
    }

    /**
     * A command line: a verb's shape, then a space or the end; printable bytes (UTF-8 allowed).
     * Strict (probing, resynchronising) also wants a verb msnscope knows or an error code.
     */
    private static boolean plausible(byte[] b, int off, int len, boolean strict) {
        if (len < 3 || !Verbs.shaped(b, off) || (len > 3 && b[off + 3] != ' ')) {
            return false;
        }
        if (strict && Verbs.known(b, off) == null) {
            return false;
        }
        for (int i = off + 3, e = off + len; i < e; i++) {
            int c = b[i];
            if (c >= 0 && c < 0x20 && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private void parse(byte[] b, int off, int len, long at) {
        String[] tokens = this.tokens;
        if (tokens == null) {
            // most lines have a few tokens; the array grows to MAX_TOKENS only for a line that needs it
            // (held by every MSNP direction, a full-size array cost 272 bytes of each of 200,000 flows)
            tokens = this.tokens = new String[FIRST_TOKENS];
        }
        int count = 0;
        tokens[count++] = Verbs.of(b, off);
        int i = off + 3;
        int e = off + len;
        while (i < e) {
            while (i < e && b[i] == ' ') {
                i++;
            }
            int s = i;
            while (i < e && b[i] != ' ') {
                i++;
            }
            if (i > s) {
                if (count == tokens.length && count < MAX_TOKENS) {
                    tokens = this.tokens = Arrays.copyOf(tokens, Math.min(MAX_TOKENS, count * 2));
                }
                if (count == MAX_TOKENS) {
                    // keep the rest of the line as the last argument
                    tokens[count - 1] = tokens[count - 1] + " " + new String(b, s, e - s, StandardCharsets.UTF_8);
                    break;
                }
                tokens[count++] = token(b, s, i - s);
            }
        }
        long n = PayloadRules.payloadLength(tokens, count, fromClient);
        if (n == PayloadRules.NONE && count >= 3 && Verbs.known(b, off) == null && state == State.LINE) {
            long guess = PayloadRules.parseLength(tokens[count - 1]);
            if (guess > 0 && guess <= Math.min(MAX_GUESSED_PAYLOAD, limits.maxPayloadBytes())) {
                // an unknown verb may carry a payload: the next bytes tell
                String[] copy = new String[count];
                System.arraycopy(tokens, 0, copy, 0, count);
                pendingTokens = copy;
                pendingOffset = at;
                guessedLength = (int) guess;
                peekLen = 0;
                state = State.PEEK;
                return;
            }
        }
        if (n == PayloadRules.BAD_LENGTH) {
            handler.problem(AnomalyCode.MSNP_BAD_LENGTH, tokens[0] + " at stream offset " + at
                    + " has no numeric payload length: '" + tokens[count - 1] + "'");
            handler.command(tokens, count, null, PayloadRules.NONE, at);
            return;
        }
        if (n > limits.maxPayloadBytes()) {
            handler.command(tokens, count, null, n, at);
            handler.problem(AnomalyCode.MSNP_PAYLOAD_TOO_LARGE, tokens[0] + " at stream offset " + at + " announces "
                    + n + " bytes (limit " + limits.maxPayloadBytes() + "); not read, looking for the next command");
            startResync(pos, "after the unbelievable length", false);
            return;
        }
        if (n <= 0) {
            handler.command(tokens, count, n == 0 ? EMPTY : null, n, at);
            return;
        }
        String[] copy = new String[count];
        System.arraycopy(tokens, 0, copy, 0, count);
        pendingTokens = copy;
        pendingOffset = at;
        payload = new byte[(int) n];
        payloadFill = 0;
        payloadStart = pos;
        state = State.PAYLOAD;
    }

    private static final byte[] EMPTY = new byte[0];

    /** Interned one-character tokens: ack modes, list bits, counts (no String made for them). */
    private static final String[] ONE = new String[128];

    static {
        for (int c = 0x21; c < 0x7f; c++) {
            ONE[c] = String.valueOf((char) c).intern();
        }
    }

    private static String token(byte[] b, int s, int len) {
        if (len == 1 && b[s] > 0x20 && b[s] < 0x7f) {
            return ONE[b[s]];
        }
        for (int i = s, e = s + len; i < e; i++) {
            if (b[i] < 0) {
                return new String(b, s, len, StandardCharsets.UTF_8);
            }
        }
        return new String(b, s, len, StandardCharsets.ISO_8859_1);
    }

    /** {@code length} bytes at {@code streamOffset} are missing from the capture. */
    public void gap(long streamOffset, long length) {
        switch (state) {
            case IGNORED -> {
                return;
            }
            case RAW -> {
                handler.rawGap(streamOffset, length);
                pos = streamOffset + length;
                return;
            }
            case PEEK -> {
                // undecided: the unknown verb is taken without a payload
                handler.command(pendingTokens, pendingTokens.length, null, PayloadRules.NONE, pendingOffset);
                pendingTokens = null;
                peekLen = 0;
                state = State.LINE;
            }
            case SKIP -> {
                if (streamOffset + length <= skipUntil) {
                    pos = streamOffset + length;
                    return; // still inside the payload being discarded
                }
            }
            case PAYLOAD -> {
                long payloadEnd = payloadStart + payload.length;
                boolean inside = streamOffset + length <= payloadEnd;
                handler.problem(AnomalyCode.MSNP_FRAME_DROPPED, pendingTokens[0] + " at stream offset "
                        + pendingOffset + " lost " + length + " bytes of its " + payload.length
                        + "-byte payload to a gap after " + payloadFill + "; dropped"
                        + (inside ? ", framing continues after its end" : ""));
                if (inside) {
                    // the announced length still tells where the next command starts
                    pendingTokens = null;
                    payload = null;
                    skipUntil = payloadEnd;
                    pos = streamOffset + length;
                    state = pos >= skipUntil ? State.LINE : State.SKIP;
                    return;
                }
            }
            case LINE -> {
                if (lineSeen > 0) {
                    handler.problem(AnomalyCode.MSNP_FRAME_DROPPED, lineSeen + " bytes of a command line at stream offset "
                            + lineStart + " were cut by a gap; dropped");
                }
            }
            case PROBE, RESYNC -> { }
        }
        boolean quietly = !handler.confirmed() || (state == State.RESYNC && quiet);
        long carried = state == State.RESYNC ? skipped : 0;
        long from = state == State.RESYNC ? skipFrom : streamOffset + length;
        startResync(from, state == State.RESYNC ? skipReason : "after a gap", quietly);
        skipped = carried;
        lineLen = 0;
        lineSeen = 0;
        if (!handler.confirmed()) {
            quiet = true;
        }
    }

    /** The stream ended (FIN, RST, timeout or capture end). */
    public void end() {
        if (state == State.IGNORED || state == State.RAW || !handler.confirmed()) {
            return;
        }
        if (state == State.PEEK) {
            decideGuess();
        }
        if (state == State.PAYLOAD) {
            handler.problem(AnomalyCode.MSNP_TRUNCATED_FRAME, "the stream ended " + payloadFill + " bytes into the "
                    + payload.length + "-byte payload of " + pendingTokens[0] + " at stream offset " + pendingOffset);
        } else if (lineSeen > 0 && state != State.RESYNC) {
            handler.problem(AnomalyCode.MSNP_TRUNCATED_FRAME, "the stream ended inside a command line of " + lineSeen
                    + " bytes at stream offset " + lineStart);
        } else if (state == State.RESYNC && !quiet && skipped + lineSeen > 0) {
            handler.problem(AnomalyCode.MSNP_RESYNC, (skipped + lineSeen) + " bytes " + skipReason
                    + " skipped from stream offset " + skipFrom + " to the end of the stream");
        }
        payload = null;
        state = State.IGNORED;
    }
}
