package org.msnscope.decoder.net;

import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.Emitter;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams. Bounded: at most
 * {@link Limits#maxIpFragmentDatagrams()} datagrams in progress (the oldest is dropped past it), at
 * most {@link Limits#maxIpDatagramBytes()} per datagram, and datagrams still incomplete after
 * {@link Limits#ipFragmentTimeoutNanos()} of capture time are dropped. Overlapping fragments keep the
 * first copy; different bytes in the overlap are reported. Fragments are rare, so this class may
 * allocate per fragment; completed datagrams are copies owned by the caller.
 */
public final class IpFragmentTable {
    private record Key(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int id, int proto) {
    }

    private enum Status { COLLECTING, DROPPED }

    private static final class Datagram {
        final long firstTsNanos;
        Status status = Status.COLLECTING;
        byte[] dataCopy = new byte[0];
        final BitSet have = new BitSet();
        int totalLength = -1;
        int proto = -1;
        boolean overlapReported;
        /** Where in the capture's order its first fragment came (sharded decoding reports in that order). */
        final long placed;

        Datagram(long firstTsNanos, long placed) {
            this.firstTsNanos = firstTsNanos;
            this.placed = placed;
        }
    }

    private final Limits limits;
    private final Emitter emitter;
    private final LinkedHashMap<Key, Datagram> pending = new LinkedHashMap<>();

    /** The datagram completed by the last {@link #add} that returned true (payload after the IP header). */
    public byte[] completedCopy;
    public int completedLength;
    /** IPv4 protocol or IPv6 next header of the completed payload. */
    public int completedProto;

    public IpFragmentTable(Limits limits, Emitter emitter) {
        this.limits = limits;
        this.emitter = emitter;
    }

    /**
     * Adds one fragment's payload.
     *
     * @param proto IPv4 protocol or IPv6 next header carried by this fragment
     * @param keyProto protocol part of the key (IPv4: proto; IPv6: -1)
     * @return true when the datagram is now complete (see {@link #completedCopy})
     */
    public boolean add(PacketView v, int id, int proto, int keyProto, int fragOffset, boolean more, byte[] b,
            int off, int len, long tsNanos) {
        Key key = new Key(v.v6, v.srcHi, v.srcLo, v.dstHi, v.dstLo, id, keyProto);
        Datagram d = pending.get(key);
        if (d == null) {
            if (pending.size() >= limits.maxIpFragmentDatagrams()) {
                Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
                Map.Entry<Key, Datagram> oldest = it.next();
                it.remove();
                if (oldest.getValue().status == Status.COLLECTING) {
                    emitter.anomaly(null, AnomalyCode.IP_FRAGMENT_LIMIT, "fragment table full ("
                            + limits.maxIpFragmentDatagrams() + " datagrams); dropped " + describe(oldest.getKey()));
                }
            }
            d = new Datagram(tsNanos, emitter.order.pos);
            pending.put(key, d);
        }
        if (d.status == Status.DROPPED) {
            return false;
        }
        long end = (long) fragOffset + len;
        if (end > limits.maxIpDatagramBytes()) {
            d.status = Status.DROPPED;
            d.dataCopy = null;
            emitter.anomaly(null, AnomalyCode.IP_FRAGMENT_LIMIT, "fragment ends at byte " + end + " past the "
                    + limits.maxIpDatagramBytes() + "-byte datagram limit; dropped " + describe(key));
            return false;
        }
        if (fragOffset == 0) {
            d.proto = proto;
        }
        if (!more && d.totalLength < 0) {
            d.totalLength = (int) end;
        }
        int stop = d.totalLength >= 0 ? Math.min((int) end, d.totalLength) : (int) end;
        if (stop > d.dataCopy.length) {
            d.dataCopy = java.util.Arrays.copyOf(d.dataCopy, Math.max(stop, Math.min(
                    limits.maxIpDatagramBytes(), d.dataCopy.length * 2)));
        }
        for (int i = fragOffset; i < stop; i++) {
            byte x = b[off + i - fragOffset];
            if (d.have.get(i)) {
                if (d.dataCopy[i] != x && !d.overlapReported) {
                    d.overlapReported = true;
                    emitter.anomaly(null, AnomalyCode.IP_FRAGMENT_OVERLAP, "fragment at offset " + fragOffset
                            + " length " + len + " overlaps earlier bytes with different content in "
                            + describe(key) + "; the first copy is kept");
                }
            } else {
                d.dataCopy[i] = x;
            }
        }
        if (stop > fragOffset) {
            d.have.set(fragOffset, stop);
        }
        if (d.totalLength >= 0 && d.proto >= 0 && d.have.nextClearBit(0) >= d.totalLength) {
            pending.remove(key);
            completedCopy = d.dataCopy;
            completedLength = d.totalLength;
            completedProto = d.proto;
            return true;
        }
        return false;
    }

    /** Drops datagrams whose first fragment is older than the timeout at capture time {@code nowNanos}. */
    public void expire(long nowNanos) {
        if (pending.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<Key, Datagram>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Datagram> e = it.next();
            if (nowNanos - e.getValue().firstTsNanos <= limits.ipFragmentTimeoutNanos()) {
                break;
            }
            it.remove();
            reportIncomplete(e, "timed out");
        }
    }

    /** The capture is over: every datagram still incomplete is reported and dropped. */
    public void finish() {
        for (Map.Entry<Key, Datagram> e : pending.entrySet()) {
            reportIncomplete(e, "capture ended");
        }
        pending.clear();
    }

    public int pendingDatagrams() {
        return pending.size();
    }

    private void reportIncomplete(Map.Entry<Key, Datagram> e, String why) {
        Datagram d = e.getValue();
        emitter.order.sub(d.placed, 0, 0); // oldest first, as the table keeps them
        if (d.status == Status.DROPPED) {
            return;
        }
        emitter.anomaly(null, AnomalyCode.IP_FRAGMENT_INCOMPLETE, describe(e.getKey()) + " incomplete ("
                + why + "): " + d.have.cardinality() + " bytes of "
                + (d.totalLength < 0 ? "unknown total" : Integer.toString(d.totalLength)));
    }

    private static String describe(Key k) {
        String src = k.v6 ? Addresses.ipv6(k.srcHi, k.srcLo) : Addresses.ipv4((int) k.srcLo);
        String dst = k.v6 ? Addresses.ipv6(k.dstHi, k.dstLo) : Addresses.ipv4((int) k.dstLo);
        return "datagram " + src + " > " + dst + " id " + (k.id & 0xFFFF_FFFFL);
    }
}
