package org.msnscope.decoder.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * Fuzz target for {@link HttpParser} (requests or responses, in pieces the fuzzer cuts, with gaps),
 * the HTTP/1.x grammar under the gateway and SOAP, with small limits so that they are reached.
 * Contract: each message ends after its own head, in order; a kept body is never longer than the
 * body limit; a problem always carries an anomaly code.
 */
class HttpParserFuzzTest {
    private static final Limits.Http LIMITS = new Limits.Http(512, 4096, 32, 8192, 8192, 16, 16);

    @FuzzTest
    void parse(FuzzedDataProvider data) {
        boolean requests = data.consumeBoolean();
        boolean bodyless = data.consumeBoolean();
        Checker sink = new Checker(bodyless);
        HttpParser p = new HttpParser(requests, LIMITS, sink);
        long pos = 0;
        while (data.remainingBytes() > 0) {
            if (data.consumeInt(0, 15) == 0) {
                long gap = data.consumeInt(1, 10_000);
                p.gap(pos, gap);
                pos += gap;
            } else {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 1500));
                p.data(piece, 0, piece.length);
                pos += piece.length;
            }
        }
        p.end();
        long streamBytes = pos;
        assertTrue(sink.open == null, () -> "a head whose message never ended: " + sink.open.describe() + " at stream offset "
                + sink.open.streamOffset() + (sink.open.header("Transfer-Encoding") != null ? ", chunked" : "")
                + ", content-length " + sink.open.header("Content-Length") + ", stream of " + streamBytes + " bytes");
    }

    private static final class Checker implements HttpParser.Sink {
        private final boolean bodyless;
        HttpMessage open;

        Checker(boolean bodyless) {
            this.bodyless = bodyless;
        }

        @Override
        public void head(HttpMessage m) {
            assertNotNull(m);
            assertTrue(open == null, "a head before the previous message ended");
            open = m;
        }

        @Override
        public boolean bodyless(HttpMessage response) {
            return bodyless;
        }

        @Override
        public void message(HttpMessage m) {
            assertSame(open, m, "a message that is not the one whose head came last");
            open = null;
            if (m.body() != null) {
                assertTrue(m.body().length <= LIMITS.maxBodyBytes(), "body of " + m.body().length + " kept");
            }
            assertTrue(m.bodyBytes() >= 0 && m.missing() >= 0, "body " + m.bodyBytes() + " missing " + m.missing());
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            assertNotNull(code, "a problem without a code: " + detail);
        }
    }
}
