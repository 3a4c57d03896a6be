package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.frame.FrameHandler;
import org.msnscope.decoder.msnp.frame.MsnpFramer;

/** The framer alone: commands and payloads, in any split, and every way a stream goes wrong. */
class MsnpFramerTest {
    /** Records what the framer reports, one string per callback. */
    static final class Recorder implements FrameHandler {
        final List<String> out = new ArrayList<>();
        boolean confirmed;
        boolean notMsnp;
        MsnpFramer framer;

        @Override
        public void command(String[] tokens, int count, byte[] payload, long declaredLength, long streamOffset) {
            StringBuilder s = new StringBuilder("@").append(streamOffset).append(' ');
            for (int i = 0; i < count; i++) {
                s.append(i == 0 ? "" : " ").append(tokens[i]);
            }
            if (payload != null) {
                s.append(" <").append(new String(payload, StandardCharsets.UTF_8)).append('>');
            } else if (declaredLength >= 0) {
                s.append(" <not read: ").append(declaredLength).append('>');
            }
            out.add(s.toString());
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            out.add(code.code() + ": " + detail);
        }

        @Override
        public boolean confirmed() {
            return confirmed;
        }

        @Override
        public void confirm() {
            confirmed = true;
        }

        @Override
        public void notMsnp() {
            notMsnp = true;
            framer.ignore(); // as a connection does
        }
    }

    private static final String SESSION = "USR 1 alice@hotmail.com 17262740.1050826919.32308\r\n"
            + "USR 1 OK alice@hotmail.com Alice\r\n"
            + "CAL 2 bob@hotmail.com\r\n"
            + "CAL 2 RINGING 17262740\r\n"
            + "JOI bob@hotmail.com Bob\r\n"
            + "MSG 3 A 85\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nline one\r\nline two 😀"
            + "ACK 3\r\n"
            + "217 4\r\n"
            + "ZZZ 5 something new\r\n"
            + "MSG bob@hotmail.com Bob 0\r\n"
            + "QRY 6 msmsgs@msnmsgr.com 32\r\n0123456789abcdef0123456789abcdef"
            + "QRY 6\r\n"
            + "BYE bob@hotmail.com\r\n";

    static List<String> frame(Limits.Msnp limits, boolean midstream, byte[] bytes, int... cuts) {
        Recorder r = new Recorder();
        MsnpFramer f = new MsnpFramer(limits, r, true, midstream);
        r.framer = f;
        int prev = 0;
        for (int cut : cuts) {
            f.data(bytes, prev, cut - prev, prev);
            prev = cut;
        }
        f.data(bytes, prev, bytes.length - prev, prev);
        f.end();
        if (r.notMsnp) {
            r.out.add("not msnp");
        }
        return r.out;
    }

    static List<String> frame(String s, int... cuts) {
        return frame(Limits.Msnp.defaults(), false, s.getBytes(StandardCharsets.UTF_8), cuts);
    }

    @Test
    void commandsAndPayloads() {
        assertEquals(List.of(
                "@0 USR 1 alice@hotmail.com 17262740.1050826919.32308",
                "@51 USR 1 OK alice@hotmail.com Alice",
                "@85 CAL 2 bob@hotmail.com",
                "@108 CAL 2 RINGING 17262740",
                "@132 JOI bob@hotmail.com Bob",
                "@157 MSG 3 A 85 <MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nline one\r\nline two 😀>",
                "@254 ACK 3",
                "@261 217 4",
                "@268 ZZZ 5 something new",
                "@289 MSG bob@hotmail.com Bob 0 <>",
                "@316 QRY 6 msmsgs@msnmsgr.com 32 <0123456789abcdef0123456789abcdef>",
                "@377 QRY 6",
                "@384 BYE bob@hotmail.com"), frame(SESSION));
    }

    @Test
    void everySplitGivesTheSameFrames() {
        List<String> whole = frame(SESSION);
        byte[] b = SESSION.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < b.length; i++) {
            assertEquals(whole, frame(Limits.Msnp.defaults(), false, b, i), "split at " + i);
        }
        for (int i = 1; i + 7 < b.length; i += 3) {
            assertEquals(whole, frame(Limits.Msnp.defaults(), false, b, i, i + 1, i + 7), "split at " + i + "+1+6");
        }
        // one byte at a time
        int[] all = new int[b.length - 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        assertEquals(whole, frame(Limits.Msnp.defaults(), false, b, all));
    }

    @Test
    void unbelievableLengthIsNotAllocatedAndTheNextCommandIsFound() {
        List<String> out = frame("USR 1 a@b.c 123.456\r\nMSG 2 N 2000000000\r\nthe payload that is not that long\r\n"
                + "OUT\r\n");
        assertEquals("@0 USR 1 a@b.c 123.456", out.get(0));
        assertEquals("@21 MSG 2 N 2000000000 <not read: 2000000000>", out.get(1));
        assertTrue(out.get(2).startsWith("msnp_payload_too_large: MSG at stream offset 21 announces 2000000000 bytes"),
                out.get(2));
        assertEquals("msnp_resync: 35 bytes after the unbelievable length skipped from stream offset 41;"
                + " resynchronised on OUT at 76", out.get(3));
        assertEquals("@76 OUT", out.get(4));
        assertEquals(5, out.size());
    }

    @Test
    void garbageInAConfirmedStreamIsSkippedAndCounted() {
        List<String> out = frame("VER 1 MSNP8 CVR0\r\n\u0001\u0002binary\u00ff junk\r\nmore junk\r\nCVR 2 x\r\n");
        assertEquals(List.of("@0 VER 1 MSNP8 CVR0",
                "msnp_resync: 28 bytes that are not MSNP commands skipped from stream offset 18; resynchronised on CVR at 46",
                "@46 CVR 2 x"), out);
    }

    @Test
    void aGapInsideAPayloadDropsTheFrameAndResynchronises() {
        Recorder r = new Recorder();
        MsnpFramer f = new MsnpFramer(Limits.Msnp.defaults(), r, false, false);
        byte[] a = "MSG bob@x.com Bob 20\r\n0123456789".getBytes(StandardCharsets.US_ASCII);
        f.data(a, 0, a.length, 0);
        f.gap(a.length, 100);
        byte[] b = "tail of something\r\nJOI carol@x.com Carol\r\n".getBytes(StandardCharsets.US_ASCII);
        f.data(b, 0, b.length, a.length + 100);
        f.end();
        assertEquals(List.of(
                "msnp_frame_dropped: MSG at stream offset 0 lost 100 bytes of its 20-byte payload to a gap after 10; dropped",
                "msnp_resync: 19 bytes after a gap skipped from stream offset 132; resynchronised on JOI at 151",
                "@151 JOI carol@x.com Carol"), r.out);
    }

    @Test
    void aGapWithinAPayloadKeepsFramingByItsLength() {
        // the payload ends without a line break and the next command follows at once
        Recorder r = new Recorder();
        MsnpFramer f = new MsnpFramer(Limits.Msnp.defaults(), r, false, false);
        byte[] a = "MSG bob@x.com Bob 30\r\n0123456789".getBytes(StandardCharsets.US_ASCII);
        f.data(a, 0, a.length, 0);
        f.gap(a.length, 10);
        byte[] b = "abcdefghijBYE bob@x.com\r\n".getBytes(StandardCharsets.US_ASCII);
        f.data(b, 0, 3, a.length + 10);
        f.data(b, 3, b.length - 3, a.length + 13);
        f.end();
        assertEquals(List.of("msnp_frame_dropped: MSG at stream offset 0 lost 10 bytes of its 30-byte payload to a gap"
                + " after 10; dropped, framing continues after its end", "@52 BYE bob@x.com"), r.out);
    }

    @Test
    void aGapAtACommandBoundaryLosesNothingAfterIt() {
        Recorder r = new Recorder();
        MsnpFramer f = new MsnpFramer(Limits.Msnp.defaults(), r, false, false);
        byte[] a = "ILN 9 NLN bob@x.com Bob 0\r\n".getBytes(StandardCharsets.US_ASCII);
        f.data(a, 0, a.length, 0);
        f.gap(a.length, 50);
        byte[] b = "NLN AWY carol@x.com Carol 0\r\n".getBytes(StandardCharsets.US_ASCII);
        f.data(b, 0, b.length, a.length + 50);
        assertEquals(List.of("@0 ILN 9 NLN bob@x.com Bob 0", "@77 NLN AWY carol@x.com Carol 0"), r.out);
    }

    @Test
    void somethingElseOnPort1863StaysQuiet() {
        assertEquals(List.of("not msnp"), frame("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"));
        assertEquals(List.of("not msnp"), frame("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003"));
        assertEquals(List.of("not msnp"), frame("hello world\r\nVER 1 MSNP8\r\n"));
    }

    @Test
    void aMidStreamPickupStartsQuietlyAtTheFirstKnownCommand() {
        List<String> out = frame(Limits.Msnp.defaults(), true,
                ("ent-Type: text/plain\r\n\r\nhello there\r\nMSG 7 N 4\r\nabcdNLN BSY bob@x.com Bob 0\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("@37 MSG 7 N 4 <abcd>", "@52 NLN BSY bob@x.com Bob 0"), out);
    }

    @Test
    void aMidStreamFlowWithoutMsnpGivesUpAfterItsProbeBudget() {
        Limits.Msnp small = new Limits.Msnp(1024, 1 << 20, 100, 16, 16, 1, 16, 4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            s.append("lorem ipsum dolor\r\n");
        }
        assertEquals(List.of("not msnp"), frame(small, true, s.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aLineLongerThanTheLimitIsDropped() {
        Limits.Msnp small = new Limits.Msnp(64, 1 << 20, 1000, 16, 16, 1, 16, 4);
        String s = "VER 1 MSNP8\r\nUSR 2 TWN S " + "x".repeat(200) + "\r\nOUT\r\n";
        List<String> out = frame(small, false, s.getBytes(StandardCharsets.US_ASCII));
        assertEquals("@0 VER 1 MSNP8", out.get(0));
        assertEquals("msnp_line_too_long: 214 bytes without a line end at stream offset 13 (limit 64)", out.get(1));
        assertEquals("msnp_resync: 214 bytes after a line that was too long skipped from stream offset 13;"
                + " resynchronised on OUT at 227", out.get(2));
        assertEquals("@227 OUT", out.get(3));
    }

    @Test
    void theStreamEndingInsideAPayloadIsReported() {
        assertEquals(List.of("@0 VER 1 MSNP8", "msnp_truncated_frame: the stream ended 5 bytes into the 100-byte payload"
                + " of MSG at stream offset 13"), frame("VER 1 MSNP8\r\nMSG 1 U 100\r\nhello"));
        assertEquals(List.of("@0 VER 1 MSNP8", "msnp_truncated_frame: the stream ended inside a command line of 5 bytes"
                + " at stream offset 13"), frame("VER 1 MSNP8\r\nCVR 2"));
    }

    @Test
    void aLengthThatIsNotANumber() {
        assertEquals(List.of("@0 VER 1 MSNP8",
                "msnp_bad_length: MSG at stream offset 13 has no numeric payload length: 'abc'",
                "@13 MSG 1 U abc", "@26 OUT"), frame("VER 1 MSNP8\r\nMSG 1 U abc\r\nOUT\r\n"));
    }

    @Test
    void anUnknownVerbEndingInANumberHasAPayloadOnlyWhenNoCommandFollowsItsLine() {
        String s = "VER 1 MSNP18\r\nXYZ 2 x 11\r\n<ml l=\"1\"/>QRY 3 id 2\r\nabZZZ 4 10\r\nOUT\r\nZZZ 5 3\r\nUB";
        List<String> whole = frame(s);
        assertEquals(List.of("@0 VER 1 MSNP18", "@14 XYZ 2 x 11 <<ml l=\"1\"/>>", "@37 QRY 3 id 2 <ab>",
                "@51 ZZZ 4 10", "@61 OUT", "@66 ZZZ 5 3",
                "msnp_truncated_frame: the stream ended inside a command line of 2 bytes at stream offset 75"), whole);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < b.length; i++) {
            assertEquals(whole, frame(Limits.Msnp.defaults(), false, b, i), "split at " + i);
        }
    }
}
