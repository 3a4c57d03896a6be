package org.msnscope.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.write.PcapWriter;
import org.msnscope.capture.write.PcapngWriter;

/**
 * A set of TCP connections with timed application data, turned into a capture with real TCP
 * behaviour. Everything random (initial sequence numbers, knob rates) comes from the seed, so one
 * scenario always gives the same bytes.
 */
public final class Scenario {
    /** Default maximum segment size. */
    public static final int DEFAULT_MSS = 1460;
    /** Default round-trip time seen at the capture point. */
    public static final long DEFAULT_RTT_NANOS = 2_000_000;
    /** Default snaplen of the written file. */
    public static final int DEFAULT_SNAPLEN = 262144;
    /** Most connections one scenario may hold. */
    public static final int MAX_CONNECTIONS = 100_000;

    private final long seed;
    private int linkType = LinkType.ETHERNET;
    private int outerVlan = -1;
    private int innerVlan = -1;
    private boolean ipv6;
    private OutputFormat format = OutputFormat.PCAP;
    private boolean nanos;
    private int snaplen = DEFAULT_SNAPLEN;
    private int mss = DEFAULT_MSS;
    private long rttNanos = DEFAULT_RTT_NANOS;
    private final List<TcpConnection> connections = new ArrayList<>();

    public Scenario(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Link layer of every frame (ETHERNET, LINUX_SLL, LINUX_SLL2, RAW or NULL). */
    public Scenario linkType(int type) {
        new PacketBuilder(type);
        linkType = type;
        return this;
    }

    public int linkType() {
        return linkType;
    }

    /** One 802.1Q tag on every Ethernet frame. */
    public Scenario vlan(int id) {
        outerVlan = checkVlan(id);
        innerVlan = -1;
        return this;
    }

    /** A QinQ pair of tags (0x88a8 outer, 0x8100 inner) on every Ethernet frame. */
    public Scenario qinq(int outer, int inner) {
        outerVlan = checkVlan(outer);
        innerVlan = checkVlan(inner);
        return this;
    }

    private static int checkVlan(int id) {
        if (id < 0 || id > 4095) {
            throw new IllegalArgumentException("VLAN id out of range: " + id);
        }
        return id;
    }

    /** Generate IPv6 packets; IPv4 addresses given to {@link #connection} become fd00::a.b.c.d. */
    public Scenario ipv6(boolean on) {
        ipv6 = on;
        return this;
    }

    public Scenario format(OutputFormat f) {
        format = f;
        return this;
    }

    /** Nanosecond timestamps in the file (default microseconds). */
    public Scenario nanos(boolean on) {
        nanos = on;
        return this;
    }

    public Scenario snaplen(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("snaplen must be positive");
        }
        snaplen = bytes;
        return this;
    }

    public Scenario mss(int bytes) {
        if (bytes < 1 || bytes > TcpConnection.MAX_MSS) {
            throw new IllegalArgumentException("MSS out of range: " + bytes);
        }
        mss = bytes;
        return this;
    }

    public Scenario rtt(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("RTT must be positive");
        }
        rttNanos = nanos;
        return this;
    }

    /** Opens a connection whose SYN is captured at {@code startNanos}. Addresses are numeric literals. */
    public TcpConnection connection(String clientIp, int clientPort, String serverIp, int serverPort, long startNanos) {
        if (connections.size() == MAX_CONNECTIONS) {
            throw new IllegalStateException("more than " + MAX_CONNECTIONS + " connections");
        }
        byte[] client = Addresses.parse(clientIp, ipv6);
        byte[] server = Addresses.parse(serverIp, ipv6);
        if (client.length != server.length) {
            throw new IllegalArgumentException("client and server addresses of different IP versions");
        }
        TcpConnection c = new TcpConnection(connections.size(), client, clientPort, server, serverPort, startNanos);
        connections.add(c);
        return c;
    }

    public List<TcpConnection> connections() {
        return Collections.unmodifiableList(connections);
    }

    /** Generates the packets of every connection in capture order, timestamps strictly increasing. */
    public List<GeneratedPacket> packets() {
        List<GeneratedPacket> all = new ArrayList<>();
        PacketBuilder builder = new PacketBuilder(linkType, outerVlan, innerVlan);
        for (TcpConnection c : connections) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c.index);
            ConnectionSimulator sim = new ConnectionSimulator(c, mss, rttNanos, random);
            List<Segment> segments = new KnobApplier(c, sim).apply(sim.run(), random, c.clientIp.length == 16);
            for (Segment s : segments) {
                addFrames(all, builder, c, s);
            }
        }
        all.sort(Comparator.comparingLong(GeneratedPacket::timestampNanos));
        long unit = nanos ? 1 : 1000;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < all.size(); i++) {
            GeneratedPacket p = all.get(i);
            long ts = Math.floorDiv(p.timestampNanos(), unit) * unit;
            if (previous != Long.MIN_VALUE && ts <= previous) {
                ts = previous + unit;
            }
            previous = ts;
            if (ts != p.timestampNanos()) {
                all.set(i, new GeneratedPacket(ts, p.frame(), p.connection(), p.direction(), p.seq(), p.ack(),
                        p.flags(), p.window(), p.payloadLength(), p.dataIndex(), p.note(), p.fragment()));
            }
        }
        return all;
    }

    private static void addFrames(List<GeneratedPacket> all, PacketBuilder b, TcpConnection c, Segment s) {
        boolean c2s = s.direction == Direction.C2S;
        b.tcp(c2s ? c.clientIp : c.serverIp, c2s ? c.clientPort : c.serverPort, c2s ? c.serverIp : c.clientIp,
                c2s ? c.serverPort : c.clientPort, s.seq, s.ack, s.flags, s.window, s.mss, s.payload,
                s.payloadOffset, s.payloadLength, s.badChecksum);
        long seq = s.seq & 0xffffffffL;
        long ack = s.ack & 0xffffffffL;
        int ipPayload = b.length() - b.linkHeaderLength() - 20;
        int count = Math.min(c.fragments, (ipPayload + 7) / 8);
        if (!s.fragment || count < 2) {
            all.add(new GeneratedPacket(s.timestampNanos, java.util.Arrays.copyOf(b.buffer(), b.length()), c.index,
                    s.direction, seq, ack, s.flags, s.window, s.payloadLength, s.dataIndex, s.note, -1));
            return;
        }
        List<byte[]> frames = b.fragmentLast(count);
        for (int i = 0; i < frames.size(); i++) {
            all.add(new GeneratedPacket(s.timestampNanos, frames.get(i), c.index, s.direction, seq, ack, s.flags,
                    s.window, s.payloadLength, s.dataIndex, s.note, i));
        }
    }

    /** Writes the capture in the scenario's format. */
    public void writeTo(OutputStream out) throws IOException {
        List<GeneratedPacket> packets = packets();
        if (format == OutputFormat.PCAP) {
            PcapWriter writer = new PcapWriter(out, linkType, snaplen, nanos, ByteOrder.LITTLE_ENDIAN);
            for (GeneratedPacket p : packets) {
                writer.write(linkType, p.timestampNanos(), p.frame(), 0, p.frame().length, p.frame().length, null);
            }
            writer.flush();
        } else {
            PcapngWriter writer = new PcapngWriter(out, nanos ? 9 : 6, ByteOrder.LITTLE_ENDIAN, null);
            int id = writer.addInterface(linkType, snaplen, "msnscope" + linkType, null);
            for (GeneratedPacket p : packets) {
                writer.writeOn(id, p.timestampNanos(), p.frame(), 0, p.frame().length, p.frame().length, p.note());
            }
            writer.flush();
        }
    }

    /** Writes the capture to a file, replacing it. */
    public void writeTo(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writeTo(out);
        }
    }
}
