package org.msnscope.decoder.msnp.frame;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * Fuzz target for {@link MsnpFramer}: one direction's bytes in pieces the fuzzer cuts, with gaps and
 * a switch to raw bytes, under small limits so that they are reached. Contract: a command has a verb,
 * at most 64 tokens and stream offsets that only grow; a payload is never longer than the payload
 * limit nor than the length its line announced; a problem always carries an anomaly code; a direction is confirmed once.
 */
class MsnpFramerFuzzTest {
    private static final int MAX_LINE = 300;
    private static final int MAX_PAYLOAD = 2000;

    @FuzzTest
    void frame(FuzzedDataProvider data) {
        Limits.Msnp limits = new Limits.Msnp(MAX_LINE, MAX_PAYLOAD, 1000, 64, 64, 1_000_000_000L, 16, 8);
        Checker h = new Checker();
        MsnpFramer f = new MsnpFramer(limits, h, data.consumeBoolean(), data.consumeBoolean());
        long pos = 0;
        while (data.remainingBytes() > 0) {
            int op = data.consumeInt(0, 15);
            if (op == 0) {
                long gap = data.consumeInt(1, 5000);
                f.gap(pos, gap);
                pos += gap;
            } else if (op == 1 && h.commands > 0) {
                f.raw();
            } else {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 600));
                f.data(piece, 0, piece.length, pos);
                pos += piece.length;
            }
        }
        f.end();
    }

    private static final class Checker implements FrameHandler {
        int commands;
        long lastOffset = -1;
        boolean confirmed;

        @Override
        public void command(String[] tokens, int count, byte[] payload, long declaredLength, long streamOffset) {
            commands++;
            assertTrue(count >= 1 && count <= 64 && count <= tokens.length, "token count " + count);
            assertNotNull(tokens[0], "a command without a verb");
            assertTrue(streamOffset > lastOffset, "command at " + streamOffset + " after one at " + lastOffset);
            lastOffset = streamOffset;
            if (payload != null) {
                assertTrue(payload.length <= MAX_PAYLOAD, "payload of " + payload.length + " past the limit");
                assertTrue(declaredLength == PayloadRules.NONE || payload.length <= declaredLength,
                        "payload of " + payload.length + " bytes for a line announcing " + declaredLength);
            }
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            assertNotNull(code, "a problem without an anomaly code: " + detail);
        }

        @Override
        public boolean confirmed() {
            return confirmed;
        }

        @Override
        public void confirm() {
            assertTrue(!confirmed, "a direction confirmed twice"); // "just showed its first plausible command"
            confirmed = true;
        }

        @Override
        public void notMsnp() {
        }

        @Override
        public void raw(byte[] buf, int off, int len, long streamOffset) {
            assertTrue(off >= 0 && len >= 0 && off + len <= buf.length, "raw bytes outside their buffer");
        }
    }
}
