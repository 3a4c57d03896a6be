package org.msnscope.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    static Scenario scenario(long seed) {
        Scenario s = new Scenario(seed).format(OutputFormat.PCAPNG).nanos(true);
        TcpConnection c = s.connection("10.0.0.1", 40000, "207.46.1.1", 1863, ScenarioTest.T0);
        c.send(Direction.C2S, ScenarioTest.T0 + 1_000_000, ScenarioTest.bytes(5000));
        c.send(Direction.S2C, ScenarioTest.T0 + 9_000_000, ScenarioTest.bytes(700));
        c.knobRate(Knob.RETRANSMIT, 0.3).knobRate(Knob.REORDER, 0.3);
        c.close(ScenarioTest.T0 + 80_000_000, Direction.C2S, Close.FIN);
        return s;
    }

    static String sha1(Scenario s) throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(out.toByteArray()));
    }

    @Test
    void sameSeedSameBytesDifferentSeedDifferentBytes() throws Exception {
        assertEquals(sha1(scenario(42)), sha1(scenario(42)));
        assertNotEquals(sha1(scenario(42)), sha1(scenario(43)));
    }

    @Test
    void storedDigest() throws Exception {
        assertEquals("5ad7c9afcff43fb9e05b98c8eda6c8c2b3171ca8", sha1(scenario(42)));
    }
}
