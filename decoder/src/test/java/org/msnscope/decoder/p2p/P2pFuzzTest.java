package org.msnscope.decoder.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.Event;

/**
 * Fuzz targets for the P2P layer: P2Pv1 and P2Pv2 headers with their MSNSLP bodies, MSNObject and
 * file contexts ({@link P2pLayer#switchboard}, a conversation of several messages so that
 * reassembly and transfers happen), MSNSLP alone ({@link Slp#parse}), the file context structure
 * ({@link FileContext#parse}) and an MSNFTP session ({@link Msnftp}). Contract: malformed input
 * becomes anomalies with a code, never an exception; the layer holds no more than its limit and
 * nothing once finished; parsers return a result or say why not.
 */
class P2pFuzzTest {
    private static final Limits.P2p LIMITS = Limits.P2p.defaults().withMaxObjectBytes(1 << 20);

    private static P2pLayer layer() {
        return new P2pLayer(LIMITS, new Emitter(P2pFuzzTest::check));
    }

    private static void check(Event e) {
        if (e instanceof AnomalyEvent a) {
            assertNotNull(a.code(), "an anomaly without a code");
        }
    }

    @FuzzTest
    void switchboard(FuzzedDataProvider data) {
        P2pLayer l = layer();
        P2pLayer.Origin o = new P2pLayer.Origin();
        String[] who = {"alice@example.com", "bob@example.com;{d6b1f0ae-8d2f-4c67-b5a8-1b2c3d4e5f60}", null, ""};
        for (int i = 0; i < 12 && data.remainingBytes() > 0; i++) {
            boolean fromAlice = data.consumeBoolean();
            o.set("F1", "C1", fromAlice ? "c2s" : "s2c", fromAlice ? "alice@example.com" : "bob@example.com",
                    fromAlice ? "bob@example.com" : "alice@example.com", "switchboard", i * 1000L);
            String dest = who[data.consumeInt(0, who.length - 1)];
            String src = who[data.consumeInt(0, who.length - 1)];
            byte[] body = data.consumeBytes(data.consumeInt(0, 3000));
            l.switchboard(o, dest, src, body, 0, body.length);
            assertTrue(l.heldBytes() <= LIMITS.maxHeldBytes() + body.length,
                    "held " + l.heldBytes() + " past the limit " + LIMITS.maxHeldBytes());
        }
        l.finish();
        assertEquals(0, l.heldBytes(), "bytes held after finish");
    }

    @FuzzTest
    void slp(byte[] b) {
        Slp m = Slp.parse(b, 0, b.length);
        assertNotNull(m);
        assertNotNull(m.bodyView());
        Slp.transportField(m, "Bridges");
    }

    @FuzzTest
    void fileContext(byte[] b) {
        String[] problem = new String[1];
        FileContext c = FileContext.parse(b, problem);
        if (c == null) {
            assertNotNull(problem[0], "no file context and no reason");
        } else {
            assertTrue(c.size() >= 0, "size " + c.size());
            assertTrue(c.previewLength() >= 0 && c.previewLength() <= b.length, "preview " + c.previewLength());
            assertNotNull(c.name());
        }
    }

    @FuzzTest
    void msnftp(FuzzedDataProvider data) {
        P2pLayer l = layer();
        P2pLayer.Origin o = new P2pLayer.Origin().set("F1", "C1", "c2s", "alice@example.com", "bob@example.com",
                "switchboard", 0);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Application-GUID", "{5D3E02AB-6190-11d3-BBBB-00C04F795683}");
        f.put("Invitation-Command", "INVITE");
        f.put("Invitation-Cookie", "1");
        f.put("Application-File", data.consumeString(40));
        f.put("Application-FileSize", data.consumeString(12));
        Msnftp.invitation(l, o, f);
        Transfer t = l.byCall("FTP:1");
        Msnftp.Session s = new Msnftp.Session(l, "F2", new P2pLayer.Listener("10.0.0.2:6891", t, "bob@example.com",
                "alice@example.com", null, data.consumeString(10), true, 0));
        boolean[] raw = new boolean[2];
        long[] offsets = new long[2];
        while (data.remainingBytes() > 0) {
            boolean fromClient = data.consumeBoolean();
            int d = fromClient ? 0 : 1;
            if (raw[d]) {
                if (data.consumeInt(0, 9) == 0) {
                    long gap = data.consumeInt(1, 3000);
                    s.rawGap(fromClient, offsets[d], gap);
                    offsets[d] += gap;
                } else {
                    byte[] b = data.consumeBytes(data.consumeInt(1, 3000));
                    s.raw(fromClient, b, 0, b.length, offsets[d]);
                    offsets[d] += b.length;
                }
            } else {
                String[] verbs = {"VER", "USR", "FIL", "TFR", "BYE", "CCL", "XYZ"};
                String verb = verbs[data.consumeInt(0, verbs.length - 1)];
                String[] args = new String[data.consumeInt(0, 3)];
                for (int i = 0; i < args.length; i++) {
                    args[i] = data.consumeString(20);
                }
                if (s.command(fromClient, verb, args)) {
                    raw[1 - d] = true;
                }
            }
        }
        l.finish();
        assertEquals(0, l.heldBytes(), "bytes held after finish");
        if (t != null) {
            assertNull(l.byCall("FTP:2"), "a second transfer from one invitation");
        }
    }
}
