package org.msnscope.testkit.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live load generator: the rate it was asked for, every byte accounted, arguments checked. */
class LoadTest {
    @Test
    void sendsTheAskedRateOverTheSessions() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Load.Result r = Load.run(InetAddress.getLoopbackAddress(), port, 5, 400, Duration.ofSeconds(1), 10);
        assertEquals(5, r.sessions());
        // the pacer never runs ahead of the clock and wakes every 0.2 ms
        assertTrue(r.messages() >= 380 && r.messages() <= 400, r.toString());
        // sign-in lines, then MSG headers with a 122-byte payload, then OUT
        long signIn = 0;
        for (int i = 0; i < 5; i++) {
            String me = "user" + i + "@load.example";
            String peer = "peer" + i + "@load.example";
            signIn += ("USR 1 " + me + " 17262113." + (100000 + i) + "\r\n").length()
                    + ("USR 1 OK " + me + " User%20" + i + "\r\n").length() + ("CAL 2 " + peer + "\r\n").length()
                    + ("CAL 2 RINGING " + (11752013 + i) + "\r\nJOI " + peer + " Peer%20" + i + "\r\n").length()
                    + "OUT\r\n".length();
        }
        assertTrue(r.bytes() > signIn + r.messages() * 122, r.toString());
    }

    @Test
    void refusesWhatItCannotDo() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        assertThrows(IllegalArgumentException.class, () -> Load.run(lo, 1863, 0, 10, Duration.ofSeconds(1), 10));
        assertThrows(IllegalArgumentException.class, () -> Load.run(lo, 1863, 1, 10, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> Load.run(lo, 1863, 1, 10, Duration.ofSeconds(1), 5000));
        assertThrows(IllegalArgumentException.class,
                () -> Load.run(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 1863, 1, 10, Duration.ofSeconds(1), 10));
    }
}
