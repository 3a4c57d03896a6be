package org.msnscope.decoder.msnp.mime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the payload parsers: MIME headers ({@link MimeMessage}), MSNP21 header blocks
 * ({@link HeaderBlocks}) and XML payloads ({@link Xml}). Contract: each returns a result (problems are
 * fields of it, never exceptions), and every offset it gives lies inside the bytes it was given.
 */
class MimeFuzzTest {
    @FuzzTest
    void mime(FuzzedDataProvider data) {
        int maxHeaders = data.consumeInt(0, 70);
        byte[] p = data.consumeRemainingAsBytes();
        MimeMessage m = MimeMessage.parse(p, 0, p.length, maxHeaders);
        assertNotNull(m);
        assertTrue(m.bodyOffset() >= 0 && m.bodyOffset() <= p.length, "body offset " + m.bodyOffset());
        assertTrue(m.count() <= maxHeaders, m.count() + " headers kept of at most " + maxHeaders);
        assertNotNull(m.headers());
        m.contentType();
        m.redactedHeaders();
    }

    @FuzzTest
    void headerBlocks(FuzzedDataProvider data) {
        int maxHeaders = data.consumeInt(1, 70);
        int maxHeaderBytes = data.consumeInt(1, 20_000);
        byte[] p = data.consumeRemainingAsBytes();
        HeaderBlocks h = HeaderBlocks.parse(p, maxHeaders, maxHeaderBytes);
        assertNotNull(h);
        assertNotNull(h.problems());
        for (HeaderBlocks.Problem problem : h.problems()) {
            assertNotNull(problem.code(), "a problem without a code: " + problem.detail());
        }
        assertTrue(h.bodyOffset() >= 0 && h.bodyLength() >= 0 && h.bodyOffset() + (long) h.bodyLength() <= p.length,
                "body " + h.bodyOffset() + "+" + h.bodyLength() + " of " + p.length);
        h.headers();
        h.contentType();
        h.contentKey();
    }

    @FuzzTest
    void xml(byte[] b) {
        Xml.Result r = Xml.parse(b, 0, b.length);
        assertNotNull(r);
        assertNotNull(r.elements());
        for (Xml.Element e : r.elements()) {
            assertNotNull(e.name());
            assertTrue(e.depth() >= 0, "depth " + e.depth());
        }
    }
}
