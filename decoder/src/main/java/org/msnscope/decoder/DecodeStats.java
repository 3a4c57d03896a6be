package org.msnscope.decoder;

/** A snapshot of the {@link Decoder}'s counters: what it read, skipped, repaired and reported. */
public final class DecodeStats {
    private final long packets;
    private final long capturedBytes;
    private final long wireBytes;
    private final long tcpPackets;
    private final long nonTcpPackets;
    private final long flows;
    private final long gaps;
    private final long gapBytes;
    private final long truncatedPackets;
    private final long malformedPackets;
    private final long ipFragments;
    private final long retransmittedBytes;
    private final long anomalies;
    private final long firstTsNanos;
    private final long lastTsNanos;

    DecodeStats(long packets, long capturedBytes, long wireBytes, long tcpPackets, long nonTcpPackets, long flows,
            long gaps, long gapBytes, long truncatedPackets, long malformedPackets, long ipFragments,
            long retransmittedBytes, long anomalies, long firstTsNanos, long lastTsNanos) {
        this.packets = packets;
        this.capturedBytes = capturedBytes;
        this.wireBytes = wireBytes;
        this.tcpPackets = tcpPackets;
        this.nonTcpPackets = nonTcpPackets;
        this.flows = flows;
        this.gaps = gaps;
        this.gapBytes = gapBytes;
        this.truncatedPackets = truncatedPackets;
        this.malformedPackets = malformedPackets;
        this.ipFragments = ipFragments;
        this.retransmittedBytes = retransmittedBytes;
        this.anomalies = anomalies;
        this.firstTsNanos = firstTsNanos;
        this.lastTsNanos = lastTsNanos;
    }

    /** Packets given to the decoder. */
    /** The counters of decoder shards added up; the capture's first and last packet times as given. */
    public static DecodeStats sum(java.util.List<DecodeStats> shards, long firstTsNanos, long lastTsNanos) {
        long[] t = new long[13];
        for (DecodeStats s : shards) {
            long[] v = {s.packets, s.capturedBytes, s.wireBytes, s.tcpPackets, s.nonTcpPackets, s.flows, s.gaps,
                s.gapBytes, s.truncatedPackets, s.malformedPackets, s.ipFragments, s.retransmittedBytes, s.anomalies};
            for (int i = 0; i < t.length; i++) {
                t[i] += v[i];
            }
        }
        return new DecodeStats(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12],
                firstTsNanos, lastTsNanos);
    }

    public long packets() {
        return packets;
    }

    /** Sum of captured lengths. */
    public long capturedBytes() {
        return capturedBytes;
    }

    /** Sum of lengths on the wire. */
    public long wireBytes() {
        return wireBytes;
    }

    /** TCP segments decoded (a datagram reassembled from fragments counts once). */
    public long tcpPackets() {
        return tcpPackets;
    }

    /** Packets that were not IP, or IP not carrying TCP. */
    public long nonTcpPackets() {
        return nonTcpPackets;
    }

    /** Flows started. */
    public long flows() {
        return flows;
    }

    /** Holes in TCP streams declared lost. */
    public long gaps() {
        return gaps;
    }

    public long gapBytes() {
        return gapBytes;
    }

    /** Packets the capture holds fewer bytes of than they had on the wire. */
    public long truncatedPackets() {
        return truncatedPackets;
    }

    /** Packets with a malformed or unsupported link, IP or TCP header. */
    public long malformedPackets() {
        return malformedPackets;
    }

    /** IP fragment packets seen. */
    public long ipFragments() {
        return ipFragments;
    }

    /** Payload bytes seen again after they were delivered (or declared lost). */
    public long retransmittedBytes() {
        return retransmittedBytes;
    }

    /** Anomaly events emitted. */
    public long anomalies() {
        return anomalies;
    }

    /** Capture time of the first packet (0 when there was none). */
    public long firstTsNanos() {
        return firstTsNanos;
    }

    /** Capture time of the last packet (0 when there was none). */
    public long lastTsNanos() {
        return lastTsNanos;
    }

    @Override
    public String toString() {
        return "packets=" + packets + " capturedBytes=" + capturedBytes + " wireBytes=" + wireBytes + " tcpPackets="
                + tcpPackets + " nonTcpPackets=" + nonTcpPackets + " flows=" + flows + " gaps=" + gaps + " gapBytes="
                + gapBytes + " truncatedPackets=" + truncatedPackets + " malformedPackets=" + malformedPackets
                + " ipFragments=" + ipFragments + " retransmittedBytes=" + retransmittedBytes + " anomalies="
                + anomalies + " firstTsNanos=" + firstTsNanos + " lastTsNanos=" + lastTsNanos;
    }
}
