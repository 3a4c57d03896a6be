package org.msnscope.decoder.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.msnscope.decoder.net.PacketView;

/** Which shard a segment goes to: both directions alike, a client's connections together, a listener's too. */
class ShardKeyTest {
    private static long ip(int a, int b, int c, int d) {
        return ((long) a << 24 | b << 16 | c << 8 | d) & 0xFFFF_FFFFL;
    }

    private static PacketView seg(long src, int sport, long dst, int dport, int flags) {
        PacketView v = new PacketView();
        v.srcLo = src;
        v.srcPort = sport;
        v.dstLo = dst;
        v.dstPort = dport;
        v.flags = flags;
        return v;
    }

    private static final int ACK = PacketView.ACK;
    private static final int SYN = PacketView.SYN;

    @Test
    void bothDirectionsOfAConnectionGoToOneShard() {
        for (int shards = 2; shards <= 8; shards++) {
            ShardKey k = new ShardKey(shards);
            for (int i = 0; i < 500; i++) {
                long client = ip(10, 0, i >> 8, i & 0xFF);
                long server = ip(207, 46, 107, 1 + i % 32);
                int port = 1024 + i;
                for (int sp : new int[] {1863, 80, 443, 8080, 6891, 40000 + i}) {
                    int there = k.of(seg(client, port, server, sp, SYN));
                    assertEquals(there, k.of(seg(server, sp, client, port, SYN | ACK)), "port " + sp);
                    assertEquals(there, k.of(seg(client, port, server, sp, ACK)), "port " + sp);
                    assertEquals(there, k.of(seg(server, sp, client, port, ACK)), "port " + sp);
                }
            }
        }
    }

    @Test
    void aClientsNotificationSwitchboardGatewayAndSoapConnectionsShareItsShard() {
        ShardKey k = new ShardKey(4);
        for (int i = 0; i < 300; i++) {
            long client = ip(192, 168, i >> 8, i & 0xFF);
            int ns = k.of(seg(client, 2000 + i, ip(207, 46, 106, 1), 1863, ACK));
            assertEquals(ns, k.of(seg(ip(207, 46, 27, 9), 1863, client, 3000 + i, ACK)), "switchboard");
            assertEquals(ns, k.of(seg(client, 4000 + i, ip(65, 54, 52, 254), 80, ACK)), "HTTP gateway");
            assertEquals(ns, k.of(seg(client, 5000 + i, ip(65, 54, 1, 1), 443, ACK)), "SOAP");
            assertEquals(ns, k.of(seg(client, 6000 + i, ip(10, 1, 1, 1), 8080, ACK)), "proxy");
        }
    }

    @Test
    void aDirectConnectionGoesToTheListenersShard() {
        ShardKey k = new ShardKey(4);
        for (int i = 0; i < 300; i++) {
            long listener = ip(10, 2, i >> 8, i & 0xFF);
            long connector = ip(10, 3, i >> 8, i & 0xFF);
            int own = k.of(seg(listener, 2000 + i, ip(207, 46, 27, 9), 1863, ACK)); // its switchboard session
            // MSNFTP on 6891, and a port announced in MSNSLP (higher or lower than the connector's)
            assertEquals(own, k.of(seg(connector, 40000, listener, 6891, SYN)), "MSNFTP");
            assertEquals(own, k.of(seg(connector, 40000 + i, listener, 30000 + i, SYN)), "announced port");
            assertEquals(own, k.of(seg(listener, 30000 + i, connector, 40000 + i, ACK)), "announced port, back");
            assertEquals(own, k.of(seg(connector, 20000 + i, listener, 50000 + i, SYN)), "high announced port");
            assertEquals(own, k.of(seg(listener, 50000 + i, connector, 20000 + i, SYN | ACK)), "high port, SYN-ACK");
        }
    }

    @Test
    void hostsSpreadOverEveryShard() {
        for (int shards = 2; shards <= 8; shards++) {
            ShardKey k = new ShardKey(shards);
            int[] per = new int[shards];
            for (int i = 0; i < 10_000; i++) {
                per[k.of(seg(ip(10, i >> 16 & 0xFF, i >> 8 & 0xFF, 1 + (i & 0x7F)), 1024 + i % 60000,
                        ip(207, 46, 107, 1), 1863, ACK))]++;
            }
            for (int c : per) {
                assertTrue(c > 10_000 / shards / 2, shards + " shards: " + java.util.Arrays.toString(per));
            }
        }
    }
}
