package org.msnscope.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.msnscope.decoder.msnp.mime.MimeMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * MIME header scan of a switchboard message: the header block parsed and the headers the decoder
 * asks for on every MSG read (Content-Type, X-MMS-IM-Format, TypingUser, P2P-Dest).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MimeScanBench extends Bench {
    private final byte[] text = ("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\nhello, are you there?")
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] p2p = ("MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\n"
            + "P2P-Dest: bob@hotmail.com\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public int textMessage() {
        MimeMessage m = MimeMessage.parse(text);
        String f = m.header("X-MMS-IM-Format");
        return m.contentType().length() + (f == null ? 0 : f.length()) + m.bodyOffset();
    }

    @Benchmark
    public int p2pMessage() {
        MimeMessage m = MimeMessage.parse(p2p);
        String d = m.header("P2P-Dest");
        return m.contentType().length() + (d == null ? 0 : d.length()) + m.bodyOffset();
    }
}
