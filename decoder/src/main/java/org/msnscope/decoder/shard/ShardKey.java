package org.msnscope.decoder.shard;

import org.msnscope.decoder.flow.FlowTable;
import org.msnscope.decoder.net.PacketView;

/**
 * Which decoder shard a TCP segment belongs to: the shard of one host's address, chosen so that
 * everything the decoder correlates across connections stays in one shard.
 * <ul>
 * <li>A connection to a service port (below 1024, 1863, 1864, 8080: notification and switchboard
 * servers, the HTTP gateway, SOAP) belongs to its client: a user's NS, SB and gateway connections,
 * its SOAP requests and the account its address signed in with stay together.</li>
 * <li>A connection to a listener users open (6891-6900: MSNFTP and direct connections) belongs to
 * the listener, the host that announced it in its own switchboard session.</li>
 * <li>Any other connection (a direct connection on a port announced in MSNSLP) belongs to its
 * server side, the listener, decided like the decoder does: the side a SYN went to, else the
 * lower port. The decision is remembered per connection so both directions agree.</li>
 * </ul>
 * Both directions of a connection always give the same shard.
 */
public final class ShardKey {
    /** Remembered connections without a service or listener port (cleared when this full). */
    static final int REMEMBERED = 1 << 16;

    private final int shards;
    private final long[] keys = new long[REMEMBERED * 2];
    private final boolean[] aIsServer = new boolean[REMEMBERED * 2];
    private final boolean[] used = new boolean[REMEMBERED * 2];
    private int remembered;

    public ShardKey(int shards) {
        this.shards = shards;
    }

    /** Ports a service users connect to listens on. */
    static boolean servicePort(int port) {
        return port < 1024 || port == 1863 || port == 1864 || port == 8080;
    }

    /** Ports users listen on themselves (MSNFTP, direct connections). */
    static boolean listenerPort(int port) {
        return port >= 6891 && port <= 6900;
    }

    /** The shard of a decoded (non-fragment) TCP segment. */
    public int of(PacketView v) {
        boolean srcService = servicePort(v.srcPort);
        boolean dstService = servicePort(v.dstPort);
        boolean keySrc;
        if (srcService != dstService) {
            keySrc = dstService; // the client
        } else if (listenerPort(v.srcPort) != listenerPort(v.dstPort)) {
            keySrc = listenerPort(v.srcPort); // the listener
        } else {
            keySrc = serverIsSrc(v);
        }
        return keySrc ? hostShard(v.srcHi, v.srcLo) : hostShard(v.dstHi, v.dstLo);
    }

    /** The shard of a host address. */
    int hostShard(long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ lo;
        h *= 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) Long.remainderUnsigned(h, shards);
    }

    private boolean serverIsSrc(PacketView v) {
        int hash = FlowTable.keyHash(v.v6, v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort);
        boolean srcIsA = FlowTable.lessOrEqual(v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort);
        long key = srcIsA ? canonical(v.srcHi, v.srcLo, v.srcPort, v.dstHi, v.dstLo, v.dstPort)
                : canonical(v.dstHi, v.dstLo, v.dstPort, v.srcHi, v.srcLo, v.srcPort);
        int mask = keys.length - 1;
        int i = hash & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return aIsServer[i] == srcIsA;
            }
            i = (i + 1) & mask;
        }
        boolean srcServer;
        if (v.syn()) {
            srcServer = v.hasAck();
        } else {
            srcServer = v.srcPort < v.dstPort; // as the decoder: the client is the side with the higher port
        }
        if (remembered >= REMEMBERED) {
            java.util.Arrays.fill(used, false);
            remembered = 0;
            i = hash & mask;
        }
        used[i] = true;
        keys[i] = key;
        aIsServer[i] = srcServer == srcIsA;
        remembered++;
        return srcServer;
    }

    /** A 64-bit digest of the connection's endpoints, side A first. */
    private static long canonical(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        long h = aHi * 0x9E3779B97F4A7C15L;
        h = (h ^ aLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ bHi) * 0x9E3779B97F4A7C15L;
        h = (h ^ bLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ ((long) aPort << 16 | bPort)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }
}
