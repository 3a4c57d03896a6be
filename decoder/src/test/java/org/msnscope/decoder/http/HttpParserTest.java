package org.msnscope.decoder.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;

/** The HTTP message parser: pieces of any size, pipelining, both body framings, every limit. */
class HttpParserTest {
    private static final Limits.Http LIMITS = Limits.Http.defaults();

    /** Collects messages as one line each ({@code POST /x 5 complete body}) and problems by code. */
    private static final class Collect implements HttpParser.Sink {
        final List<String> lines = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void head(HttpMessage m) {
        }

        @Override
        public boolean bodyless(HttpMessage response) {
            return response.status() == 204;
        }

        @Override
        public void message(HttpMessage m) {
            lines.add(m.describe() + " " + m.bodyBytes() + " " + (m.complete() ? "complete" : "cut missing=" + m.missing())
                    + " " + m.bodyText() + (m.header("X-MSN-Messenger") != null ? " [" + m.header("X-MSN-Messenger") + "]" : ""));
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            problems.add(code.code());
        }
    }

    private static Collect feed(boolean requests, Limits.Http limits, byte[] data, int[] cuts, boolean end) {
        Collect c = new Collect();
        HttpParser p = new HttpParser(requests, limits, c);
        int at = 0;
        for (int cut : cuts) {
            p.data(data, at, cut - at);
            at = cut;
        }
        p.data(data, at, data.length - at);
        if (end) {
            p.end();
        }
        return c;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static final String PIPELINED = "POST /gateway/gateway.dll?Action=open&Server=NS&IP=x HTTP/1.1\r\nHost: g\r\n"
            + "Content-Length: 18\r\n\r\nVER 5 MSNP8 CVR0\r\n"
            + "POST http://10.0.0.1/gateway/gateway.dll?Action=poll&SessionID=1.2 HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
            + "POST /gateway/gateway.dll?SessionID=1.3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nOUT\r\n\r\n3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n";

    static final String RESPONSES = "HTTP/1.1 200 OK\r\nX-MSN-Messenger: SessionID=1.2; GW-IP=10.0.0.1\r\n"
            + "Content-Length: 13\r\n\r\nVER 5 MSNP8\r\n"
            + "HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n"
            + "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nQNG \r\n2\r\n9\n\r\n0\r\n\r\n";

    @Test
    void pipelinedRequestsWithBothFramingsAtEveryByteSplit() {
        byte[] data = b(PIPELINED);
        List<String> whole = feed(true, LIMITS, data, new int[0], true).lines;
        assertEquals(List.of(
                "POST /gateway/gateway.dll?Action=open&Server=NS&IP=x 18 complete VER 5 MSNP8 CVR0\r\n",
                "POST http://10.0.0.1/gateway/gateway.dll?Action=poll&SessionID=1.2 0 complete ",
                "POST /gateway/gateway.dll?SessionID=1.3 8 complete OUT\r\nabc"), whole);
        for (int i = 1; i < data.length; i++) {
            Collect c = feed(true, LIMITS, data, new int[] {i}, true);
            assertEquals(whole, c.lines, "split at " + i);
            assertEquals(List.of(), c.problems, "split at " + i);
        }
        int[] everyByte = new int[data.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertEquals(whole, feed(true, LIMITS, data, everyByte, true).lines, "one byte at a time");
    }

    @Test
    void responsesAtRandomSplits() {
        byte[] data = b(RESPONSES);
        List<String> whole = feed(false, LIMITS, data, new int[0], true).lines;
        assertEquals(3, whole.size(), whole.toString());
        assertTrue(whole.get(0).endsWith("[SessionID=1.2; GW-IP=10.0.0.1]"), whole.get(0));
        assertEquals("HTTP 204 0 complete ", whole.get(1));
        assertEquals("HTTP 200 6 complete QNG 9\n", whole.get(2));
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(6);
            int[] cuts = rnd.ints(n, 1, data.length).sorted().distinct().toArray();
            assertEquals(whole, feed(false, LIMITS, data, cuts, true).lines, "cuts " + java.util.Arrays.toString(cuts));
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsReportedWithWhatArrived() {
        Collect c = feed(false, LIMITS, b("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nVER 1 MSN"), new int[0], true);
        assertEquals(List.of("HTTP 200 9 cut missing=11 VER 1 MSN"), c.lines);
        assertEquals(List.of("http_truncated_message"), c.problems);
    }

    @Test
    void aChunkSizeInTheBillionsIsNotBelievedAndTheNextMessageStillParses() {
        String s = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\nabc\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        byte[] data = b(s);
        for (int i = 1; i < data.length; i++) {
            Collect c = feed(false, LIMITS, data, new int[] {i}, true);
            assertEquals(List.of("http_chunk_too_large", "http_resync"), c.problems, "split at " + i);
            assertEquals(2, c.lines.size(), "split at " + i + ": " + c.lines);
            assertEquals("HTTP 200 2 complete ok", c.lines.get(1), "split at " + i);
        }
        // below the 2^31 the library allows but above our limit
        Limits.Http small = new Limits.Http(8192, 65536, 128, 1 << 20, 1000, 64, 16);
        Collect c = feed(false, small, b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3E9\r\nx"), new int[0], true);
        assertEquals("http_chunk_too_large", c.problems.get(0));
    }

    @Test
    void aContentLengthPastTheBodyLimitIsNotBelieved() {
        Limits.Http small = new Limits.Http(8192, 65536, 128, 100, 100, 64, 16);
        Collect c = feed(true, small, b("POST /a HTTP/1.1\r\nContent-Length: 2000000000\r\n\r\nxyz\r\n"
                + "POST /b HTTP/1.1\r\nContent-Length: 1\r\n\r\nz"), new int[0], true);
        assertEquals(List.of("http_body_too_large", "http_resync"), c.problems);
        assertEquals(List.of("POST /a 0 cut missing=0 ", "POST /b 1 complete z"), c.lines);
    }

    @Test
    void aChunkedBodyPastTheBodyLimitIsCountedNotKept() {
        Limits.Http small = new Limits.Http(8192, 65536, 128, 4, 100, 64, 16);
        Collect c = feed(false, small, b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n"),
                new int[] {50}, true);
        assertEquals(List.of("http_body_too_large"), c.problems);
        assertEquals(List.of("HTTP 200 8 cut missing=0 1234"), c.lines);
    }

    @Test
    void headerLimitsAndGarbageAreReportedAndSkipped() {
        Limits.Http small = new Limits.Http(64, 65536, 3, 1 << 20, 1 << 20, 64, 16);
        String longLine = "POST /x HTTP/1.1\r\nX-Long: " + "a".repeat(100) + "\r\n\r\n";
        String many = "POST /y HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
        Collect c = feed(true, small, b(longLine + many + "\u0001\u0002 garbage\r\nPOST /z HTTP/1.1\r\n\r\n"),
                new int[0], true);
        assertTrue(c.problems.contains("http_header_too_large"), c.problems.toString());
        assertTrue(c.problems.contains("http_malformed") || c.problems.contains("http_resync"), c.problems.toString());
        assertEquals("POST /z 0 complete ", c.lines.get(c.lines.size() - 1));
    }

    @Test
    void aHeadCutShortByTheEndOfTheStreamIsReported() {
        Collect c = feed(true, LIMITS, b("POST /gateway/gateway.dll HTTP/1.1\r\nContent-Le"), new int[0], true);
        assertEquals(List.of(), c.lines);
        assertEquals(List.of("http_truncated_message"), c.problems);
    }

    @Test
    void aGapCutsTheBodyAndParsingResumesAtTheNextMessage() {
        Collect c = new Collect();
        HttpParser p = new HttpParser(false, LIMITS, c);
        byte[] first = b("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        p.data(first, 0, first.length);
        p.gap(first.length, 7);
        byte[] next = b("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        p.data(next, 0, next.length);
        p.end();
        assertEquals(List.of("HTTP 200 3 cut missing=7 abc", "HTTP 200 2 complete ok"), c.lines);
    }

    @Test
    void theSniffTellsRequestLinesFromMsnpCommands() {
        assertEquals(1, HttpLayer.verdict(b("POST /gat")));
        assertEquals(1, HttpLayer.verdict(b("POST http:")));
        assertEquals(0, HttpLayer.verdict(b("PO")));
        assertEquals(0, HttpLayer.verdict(b("POST ")));
        assertEquals(-1, HttpLayer.verdict(b("PUT 12 34")));  // MSNP21 PUT
        assertEquals(-1, HttpLayer.verdict(b("PNG\r\n")));
        assertEquals(-1, HttpLayer.verdict(b("DEL 5 30\r\n")));
        assertEquals(-1, HttpLayer.verdict(b("VER 1 MSN")));
        assertEquals(-1, HttpLayer.verdict(b("GCF 0 12")));
    }
}
