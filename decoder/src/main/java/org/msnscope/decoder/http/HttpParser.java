package org.msnscope.decoder.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.BasicHttpTransportMetrics;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.nio.AbstractMessageParser;
import org.apache.hc.core5.http.impl.nio.ChunkDecoder;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestFactory;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestParser;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseFactory;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.nio.IdentityDecoder;
import org.apache.hc.core5.http.impl.nio.LengthDelimitedDecoder;
import org.apache.hc.core5.http.nio.ContentDecoder;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * One direction of an HTTP/1.x connection cut into messages, fed with whatever pieces TCP reassembly
 * delivers. The grammar is httpcore5's: its non-blocking head parsers, its Content-Length /
 * Transfer-Encoding rules ({@link DefaultContentLengthStrategy}) and its length-delimited, chunked
 * and read-until-close content decoders, all reading from an {@link HttpWire} this class owns.
 * What is ours is the state machine around them: limits, what a broken message becomes, and
 * resynchronisation on the next plausible start line. One state enum, one method per state,
 * {@code false} meaning "need more bytes" (CONVENTIONS.md habit 1).
 */
final class HttpParser {
    /** Where the parsed messages and problems go. */
    interface Sink {
        /** A message head is complete (its body follows). */
        void head(HttpMessage m);

        /** For a response head: true when it has no body whatever its headers say (HEAD, 1xx, 204, 304). */
        boolean bodyless(HttpMessage response);

        /** A message is over: whole, or cut short ({@link HttpMessage#complete()} false). */
        void message(HttpMessage m);

        void problem(AnomalyCode code, String detail);
    }

    private enum State { HEAD, BODY, RESYNC }

    private static final String[] METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ",
        "TRACE ", "CONNECT "};
    private static final String[] STATUS = {"HTTP/1."};

    private final boolean requests;
    private final String dir;
    private final Limits.Http limits;
    private final Sink sink;
    private final HttpWire wire;
    private final Http1Config config;
    /** One (immutable) parser configuration per set of limits, not one per connection. */
    private static final java.util.concurrent.ConcurrentHashMap<Limits.Http, Http1Config> CONFIGS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final BasicHttpTransportMetrics metrics = new BasicHttpTransportMetrics();
    private final AbstractMessageParser<?> parser;
    /** Where the content decoder puts body bytes; made at the first body (web connections let go never get one). */
    private ByteBuffer scratch;

    private State state = State.HEAD;
    /** The start line of the head being parsed, once the library read it. */
    private String startLine;
    private long headStart = -1;
    private HttpMessage current;
    private ContentDecoder decoder;
    private boolean chunked;
    private long declared;
    private byte[] body;
    private int kept;
    private long received;
    private boolean overflow;
    private int lastRead;
    private boolean atLineStart;
    private long resyncFrom;
    private long skipped;

    HttpParser(boolean requests, Limits.Http limits, Sink sink) {
        this.requests = requests;
        this.dir = requests ? "c2s" : "s2c";
        this.limits = limits;
        this.sink = sink;
        this.wire = new HttpWire(limits.maxHeaderBytes());
        this.config = CONFIGS.computeIfAbsent(limits, l -> Http1Config.custom().setMaxLineLength(l.maxLineBytes())
                .setMaxHeaderCount(l.maxHeaderCount()).setMaxEmptyLineCount(16).build());
        this.parser = requests
                ? new DefaultHttpRequestParser<HttpRequest>(config, DefaultHttpRequestFactory.INSTANCE) {
                    @Override
                    protected HttpRequest createMessage(CharArrayBuffer line) throws HttpException {
                        startLine = line.toString();
                        return super.createMessage(line);
                    }
                }
                : new DefaultHttpResponseParser<HttpResponse>(config, DefaultHttpResponseFactory.INSTANCE) {
                    @Override
                    protected HttpResponse createMessage(CharArrayBuffer line) throws HttpException {
                        startLine = line.toString();
                        return super.createMessage(line);
                    }
                };
    }

    void data(byte[] b, int off, int len) {
        while (len > 0) {
            int n = wire.append(b, off, len);
            off += n;
            len -= n;
            run();
            if (n == 0 && wire.full()) {
                // cannot happen with the line limit below the buffer, but never loop on it
                problem(AnomalyCode.HTTP_HEADER_TOO_LARGE, "head at stream offset " + headStart + " passed "
                        + limits.maxHeaderBytes() + " bytes");
                wire.discard();
                startResync(false);
            }
        }
    }

    /** {@code length} bytes at {@code streamOffset} never arrived: the message they were in is cut. */
    void gap(long streamOffset, long length) {
        if (state == State.BODY) {
            long missing = declared >= 0 ? declared - received : 0;
            finishBody(missing, false);
        } else if (state == State.RESYNC) {
            skipped += wire.length();
        }
        wire.discard();
        wire.jump(streamOffset + length - wire.offset());
        startLine = null;
        headStart = -1;
        parser.reset();
        // the bytes after a hole may well start the next message: look at them first
        startResync(true);
    }

    void end() {
        wire.end();
        run();
        if (state == State.HEAD && (startLine != null || nonBlank())) {
            problem(AnomalyCode.HTTP_TRUNCATED_MESSAGE, "stream ended inside a message head at stream offset "
                    + headStart + (startLine != null ? " (" + shorten(startLine) + ")" : ""));
        } else if (state == State.RESYNC) {
            skipped += wire.discard();
            reportResync("to the end of the stream");
        } else if (state == State.BODY) {
            // the content decoder did not see the end (a chunked body stopping between chunks, one
            // the capture cut): the message is cut short rather than never delivered
            problem(AnomalyCode.HTTP_TRUNCATED_MESSAGE, current.describe() + " at stream offset " + current.streamOffset()
                    + ": the stream ended after " + received + " body bytes" + (declared >= 0 ? " of " + declared : ""));
            finishBody(declared >= 0 ? declared - received : 0, false);
        }
    }

    private boolean nonBlank() {
        for (int i = 0; i < wire.length(); i++) {
            byte b = wire.at(i);
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                return true;
            }
        }
        return false;
    }

    private void run() {
        boolean more = true;
        while (more) {
            more = switch (state) {
                case HEAD -> head();
                case BODY -> body();
                case RESYNC -> resync();
            };
        }
    }

    private boolean head() {
        if (!wire.hasData()) {
            return false;
        }
        if (headStart < 0) {
            headStart = wire.offset();
        }
        org.apache.hc.core5.http.HttpMessage msg;
        try {
            // never endOfStream=true: the library would then take a head cut short for a whole one
            msg = parser.parse(wire, false);
        } catch (MessageConstraintException e) {
            problem(AnomalyCode.HTTP_HEADER_TOO_LARGE, "head at stream offset " + headStart + ": " + e.getMessage()
                    + " (limits " + limits.maxLineBytes() + " bytes a line, " + limits.maxHeaderCount() + " headers)");
            startResync(false);
            return true;
        } catch (HttpException | IOException | RuntimeException e) {
            if (e instanceof org.apache.hc.core5.http.RequestHeaderFieldsTooLargeException) {
                // the request parser's name for a line or header count past the limits
                problem(AnomalyCode.HTTP_HEADER_TOO_LARGE, "head at stream offset " + headStart + ": " + message(e)
                        + " (limits " + limits.maxLineBytes() + " bytes a line, " + limits.maxHeaderCount() + " headers)");
                startResync(false);
                return true;
            }
            problem(AnomalyCode.HTTP_MALFORMED, "head at stream offset " + headStart + ": " + message(e));
            startResync(true);
            return true;
        }
        if (msg == null) {
            return false;
        }
        HttpMessage m = convert(msg);
        long length;
        if (!requests && sink.bodyless(m)) {
            length = 0;
        } else {
            try {
                length = DefaultContentLengthStrategy.INSTANCE.determineLength(msg);
            } catch (HttpException | RuntimeException e) {
                problem(AnomalyCode.HTTP_MALFORMED, m.describe() + " at stream offset " + m.streamOffset()
                        + ": body length: " + message(e));
                deliverEmpty(m, false);
                startResync(wire.afterLineEnd());
                return true;
            }
        }
        chunked = length == ContentLengthStrategy.CHUNKED;
        if (chunked) {
            decoder = new ChunkDecoder(wire.channel(), wire, config, metrics);
            declared = -1;
        } else if (length == ContentLengthStrategy.UNDEFINED) {
            if (requests) {
                length = 0;
            } else {
                decoder = new IdentityDecoder(wire.channel(), wire, metrics);
                declared = -1;
            }
        }
        if (length == 0) {
            deliverEmpty(m, true);
            return true;
        }
        if (length > 0) {
            if (length > limits.maxBodyBytes()) {
                problem(AnomalyCode.HTTP_BODY_TOO_LARGE, m.describe() + " at stream offset " + m.streamOffset()
                        + ": Content-Length " + length + " not believed (limit " + limits.maxBodyBytes() + ")");
                deliverEmpty(m, false);
                startResync(wire.afterLineEnd());
                return true;
            }
            decoder = new LengthDelimitedDecoder(wire.channel(), wire, metrics, length);
            declared = length;
        }
        current = m;
        body = new byte[declared > 0 ? (int) declared : 256];
        kept = 0;
        received = 0;
        overflow = false;
        sink.head(m);
        state = State.BODY;
        return true;
    }

    private HttpMessage convert(org.apache.hc.core5.http.HttpMessage msg) {
        List<String[]> headers = new ArrayList<>();
        for (Header h : msg.getHeaders()) {
            headers.add(new String[] {h.getName(), h.getValue() == null ? "" : h.getValue()});
        }
        String line = startLine == null ? "" : startLine;
        HttpMessage m;
        if (msg instanceof HttpResponse r) {
            m = new HttpMessage(false, null, null, r.getCode(), List.copyOf(headers), headStart);
        } else {
            String[] parts = line.split(" ", 3);
            String method = ((HttpRequest) msg).getMethod();
            m = new HttpMessage(true, method, parts.length > 1 ? parts[1] : "", 0, List.copyOf(headers), headStart);
        }
        startLine = null;
        headStart = -1;
        return m;
    }

    private void deliverEmpty(HttpMessage m, boolean complete) {
        sink.head(m);
        m.finish(new byte[0], 0, 0, complete);
        sink.message(m);
        parser.reset();
    }

    private boolean body() {
        if (scratch == null) {
            scratch = ByteBuffer.allocate(8192);
        }
        if (chunked) {
            // a read with no room first: the chunk decoder parses the chunk head and asks for what
            // is left of the chunk, so its size is known before any of its bytes are taken
            scratch.clear().limit(0);
            if (!read()) {
                return state != State.HEAD || wire.hasData();
            }
            if (wire.lastReadLimit() > limits.maxChunkBytes()) {
                problem(AnomalyCode.HTTP_CHUNK_TOO_LARGE, current.describe() + " at stream offset "
                        + current.streamOffset() + ": a chunk of " + (wire.lastReadLimit() == Integer.MAX_VALUE
                                ? "2^31 or more" : String.valueOf(wire.lastReadLimit()))
                        + " bytes before stream offset " + wire.offset() + " not believed (limit "
                        + limits.maxChunkBytes() + ")");
                finishBody(0, false);
                startResync(wire.afterLineEnd());
                return true;
            }
        }
        scratch.clear();
        if (!read()) {
            return state != State.HEAD || wire.hasData();
        }
        if (decoder.isCompleted()) {
            finishBody(0, !overflow);
            return true;
        }
        return lastRead > 0;
    }

    /** One read of the content decoder into the scratch buffer; false when it ended the message badly. */
    private boolean read() {
        wire.resetReadLimit();
        try {
            decoder.read(scratch);
            keep();
            return true;
        } catch (TruncatedChunkException | ConnectionClosedException e) {
            keep();
            problem(AnomalyCode.HTTP_TRUNCATED_MESSAGE, current.describe() + " at stream offset " + current.streamOffset()
                    + ": the stream ended after " + received + " body bytes" + (declared >= 0 ? " of " + declared : "")
                    + " (" + message(e) + ")");
            finishBody(declared >= 0 ? declared - received : 0, false);
            return false;
        } catch (IOException | RuntimeException e) {
            keep();
            problem(AnomalyCode.HTTP_BAD_CHUNK, current.describe() + " at stream offset " + current.streamOffset()
                    + ": " + message(e) + " after " + received + " body bytes");
            finishBody(0, false);
            startResync(wire.afterLineEnd());
            return false;
        }
    }

    /** Moves what the decoder just read into the body, up to the body limit. */
    private void keep() {
        scratch.flip();
        int n = scratch.remaining();
        lastRead = n;
        received += n;
        int k = Math.min(n, limits.maxBodyBytes() - kept);
        if (k < n && !overflow) {
            overflow = true;
            problem(AnomalyCode.HTTP_BODY_TOO_LARGE, current.describe() + " at stream offset " + current.streamOffset()
                    + ": body past " + limits.maxBodyBytes() + " bytes; the rest is counted, not kept");
        }
        if (k > 0) {
            if (kept + k > body.length) {
                body = java.util.Arrays.copyOf(body, (int) Math.min(limits.maxBodyBytes(),
                        Math.max((long) body.length * 2, kept + k)));
            }
            scratch.get(body, kept, k);
            kept += k;
        }
    }

    private void finishBody(long missing, boolean complete) {
        HttpMessage m = current;
        current = null;
        decoder = null;
        m.finish(kept == body.length ? body : java.util.Arrays.copyOf(body, kept), received, Math.max(0, missing),
                complete);
        body = null;
        parser.reset();
        state = State.HEAD;
        sink.message(m);
    }

    private void startResync(boolean lineStart) {
        parser.reset();
        startLine = null;
        headStart = -1;
        state = State.RESYNC;
        atLineStart = lineStart;
        resyncFrom = wire.offset();
        skipped = 0;
    }

    /** Skips line by line to the next line that starts like a message in this direction. */
    private boolean resync() {
        while (wire.hasData()) {
            if (atLineStart) {
                int m = startsMessage();
                if (m > 0) {
                    reportResync("to the message at stream offset " + wire.offset());
                    state = State.HEAD;
                    return true;
                }
                if (m == 0 && !wire.ended()) {
                    return false;
                }
                atLineStart = false;
            }
            byte b = wire.at(0);
            wire.skip(1);
            skipped++;
            if (b == '\n') {
                atLineStart = true;
            }
        }
        return false;
    }

    /** 1: the buffered bytes start a message; -1: they cannot; 0: too few bytes to tell. */
    private int startsMessage() {
        int best = -1;
        for (String p : requests ? METHODS : STATUS) {
            int n = Math.min(p.length(), wire.length());
            boolean prefix = true;
            for (int i = 0; i < n && prefix; i++) {
                prefix = wire.at(i) == p.charAt(i);
            }
            if (prefix) {
                if (n == p.length()) {
                    return 1;
                }
                best = 0;
            }
        }
        return best;
    }

    private void reportResync(String where) {
        if (skipped > 0) {
            problem(AnomalyCode.HTTP_RESYNC, "skipped " + skipped + " bytes from stream offset " + resyncFrom + " "
                    + where);
        }
        skipped = 0;
    }

    private void problem(AnomalyCode code, String detail) {
        sink.problem(code, dir + ": " + detail);
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return shorten(m.replace('\r', ' ').replace('\n', ' '));
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
