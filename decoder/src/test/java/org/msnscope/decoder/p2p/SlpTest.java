package org.msnscope.decoder.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** MSNSLP start lines the fuzzer found (P2pFuzzTestInputs/slp/crash-85c1c92f...). */
class SlpTest {
    @Test
    void startLineOfSpacesOnlyIsAProblemNotAnException() {
        byte[] b = " \nT".getBytes(StandardCharsets.UTF_8);
        Slp m = Slp.parse(b, 0, b.length);
        assertEquals("request line is not METHOD uri MSNSLP/1.0:  ", m.problem);
        assertNull(m.method);
    }

    @Test
    void wellFormedRequestLineHasNoProblem() {
        byte[] b = "INVITE MSNMSGR:bob@example.com MSNSLP/1.0\r\nTo: <msnmsgr:bob@example.com>\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Slp m = Slp.parse(b, 0, b.length);
        assertNull(m.problem);
        assertEquals("INVITE", m.method);
    }
}
