package org.msnscope.jmh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.frame.FrameHandler;
import org.msnscope.decoder.msnp.frame.MsnpFramer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * MSNP framing and command tokenising: one direction's stream of a switchboard session (MSG with
 * MIME payloads, ACK, typing notifications, PNG/QNG, NLN) handed to the framer in TCP-segment-sized
 * pieces, commands counted by a handler that does nothing else. Reported per command.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MsnpFrameBench extends Bench {
    /** Commands in the stream. */
    static final int COMMANDS = 10_000;

    @Param({"200"})
    public int segment;
    private byte[] stream;

    @Setup
    public void setup() {
        stream = stream(COMMANDS);
    }

    /** A client-side switchboard stream of {@code n} commands (deterministic). */
    static byte[] stream(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\nhello, are you there? see you at 5";
        String typing = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: bob@hotmail.com\r\n\r\n\r\n";
        for (int i = 0, trid = 1; i < n; i++) {
            String line = switch (i % 5) {
                case 0 -> "MSG " + trid++ + " A " + text.length() + "\r\n" + text;
                case 1 -> "MSG " + trid++ + " U " + typing.length() + "\r\n" + typing;
                case 2 -> "PNG\r\n";
                case 3 -> "NLN NLN alice@hotmail.com Alice%20Smith 2789003324 0\r\n";
                default -> "ACK " + trid + "\r\n";
            };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static final class Counting implements FrameHandler {
        long commands;
        long tokens;

        @Override
        public void command(String[] t, int count, byte[] payload, long declaredLength, long streamOffset) {
            commands++;
            tokens += count;
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
        }

        @Override
        public boolean confirmed() {
            return true;
        }

        @Override
        public void confirm() {
        }

        @Override
        public void notMsnp() {
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long frameAndTokenise() {
        Counting h = new Counting();
        MsnpFramer f = new MsnpFramer(Limits.defaults().msnp(), h, true, false);
        for (int off = 0; off < stream.length; off += segment) {
            f.data(stream, off, Math.min(segment, stream.length - off), off);
        }
        f.end();
        return h.commands + h.tokens;
    }
}
