package org.msnscope.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One TCP connection of a {@link Scenario}: the application bytes each side sends and when, how it
 * ends, and the knobs that disturb its packets. Times are capture times in nanoseconds since the epoch.
 */
public final class TcpConnection {
    /** Largest MSS a connection may use. */
    public static final int MAX_MSS = 65495;
    /** Most IPv4 fragments one segment may be cut into. */
    public static final int MAX_FRAGMENTS = 64;

    /** One chunk the application hands to TCP. */
    record Chunk(Direction direction, long atNanos, byte[] data, int order) {
    }

    /** One chunk as the application hands it to TCP: which side, when (nanoseconds since the epoch), what. */
    public record Write(Direction direction, long atNanos, byte[] data) {
        public Write {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    final int index;
    final byte[] clientIp;
    final int clientPort;
    final byte[] serverIp;
    final int serverPort;
    final long startNanos;
    final List<Chunk> chunks = new ArrayList<>();
    final Map<Knob, int[]> explicitKnobs = new EnumMap<>(Knob.class);
    final Map<Knob, Double> knobRates = new EnumMap<>(Knob.class);
    long closeAtNanos = -1;
    Direction closer;
    Close closeKind;
    int midstream = -1;
    boolean conflicting;
    boolean isnWrap;
    int mss;
    long rttNanos;
    int fragments = 2;

    TcpConnection(int index, byte[] clientIp, int clientPort, byte[] serverIp, int serverPort, long startNanos) {
        checkPort(clientPort);
        checkPort(serverPort);
        this.index = index;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.startNanos = startNanos;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Index of this connection in its scenario. */
    public int index() {
        return index;
    }

    /** The client endpoint as a scenario writes it: {@code a.b.c.d:port} or {@code [IPv6]:port}. */
    public String clientEndpoint() {
        return Addresses.endpoint(clientIp, clientPort);
    }

    /** The server endpoint as a scenario writes it: {@code a.b.c.d:port} or {@code [IPv6]:port}. */
    public String serverEndpoint() {
        return Addresses.endpoint(serverIp, serverPort);
    }

    public int clientPort() {
        return clientPort;
    }

    public int serverPort() {
        return serverPort;
    }

    /** When the SYN is captured, in nanoseconds since the epoch. */
    public long startNanos() {
        return startNanos;
    }

    /** Every chunk of both directions in the order the applications hand them to TCP (by time, then as added). */
    public List<Write> writes() {
        List<Chunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparingLong(Chunk::atNanos).thenComparingInt(Chunk::order));
        List<Write> list = new ArrayList<>(sorted.size());
        for (Chunk c : sorted) {
            list.add(new Write(c.direction(), c.atNanos(), c.data()));
        }
        return Collections.unmodifiableList(list);
    }

    /** How the connection ends, or null when it simply stops. */
    public Close closeKind() {
        return closeKind;
    }

    /** The side that ends the connection, or null when it simply stops. */
    public Direction closer() {
        return closer;
    }

    /** When the connection ends, in nanoseconds since the epoch, or -1 when it simply stops. */
    public long closeAtNanos() {
        return closeAtNanos;
    }

    /** The knobs applied to this connection, on explicit segments or with a rate. */
    public Set<Knob> knobs() {
        Set<Knob> set = EnumSet.noneOf(Knob.class);
        set.addAll(explicitKnobs.keySet());
        set.addAll(knobRates.keySet());
        return Collections.unmodifiableSet(set);
    }

    /** Packets left out of the capture after the handshake, or -1 when the capture sees the handshake. */
    public int midstream() {
        return midstream;
    }

    /** The application hands {@code data} to TCP at {@code atNanos} (not before the connection start). */
    public TcpConnection send(Direction direction, long atNanos, byte[] data) {
        if (closeKind != null) {
            throw new IllegalStateException("connection " + index + " is already closed");
        }
        if (atNanos < startNanos) {
            throw new IllegalArgumentException("data before the connection starts");
        }
        if (data.length > 0) {
            chunks.add(new Chunk(direction, atNanos, data.clone(), chunks.size()));
        }
        return this;
    }

    /** Ends the connection at {@code atNanos}, after every chunk sent, by side {@code who}. */
    public TcpConnection close(long atNanos, Direction who, Close how) {
        if (closeKind != null) {
            throw new IllegalStateException("connection " + index + " is already closed");
        }
        for (Chunk c : chunks) {
            if (c.atNanos() > atNanos) {
                throw new IllegalArgumentException("close before data sent at " + c.atNanos());
            }
        }
        closeAtNanos = atNanos;
        closer = who;
        closeKind = how;
        return this;
    }

    /** Applies a knob to the given data segment indices. */
    public TcpConnection knob(Knob knob, int... segmentIndices) {
        for (int i : segmentIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("negative segment index " + i);
            }
        }
        explicitKnobs.put(knob, segmentIndices.clone());
        return this;
    }

    /** Applies a knob to each data segment with this probability, drawn from the scenario seed. */
    public TcpConnection knobRate(Knob knob, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within 0..1: " + probability);
        }
        knobRates.put(knob, probability);
        return this;
    }

    /** The capture starts after the handshake and the next {@code packets} packets. */
    public TcpConnection midstream(int packets) {
        if (packets < 0) {
            throw new IllegalArgumentException("negative midstream count");
        }
        midstream = packets;
        return this;
    }

    /** Overlapping retransmissions carry different bytes than the original. */
    public TcpConnection conflicting(boolean on) {
        conflicting = on;
        return this;
    }

    /** Initial sequence numbers just below 2^32, so that sequence numbers wrap early. */
    public TcpConnection isnWrap(boolean on) {
        isnWrap = on;
        return this;
    }

    /** Maximum segment size for this connection (0: the scenario's). */
    public TcpConnection mss(int bytes) {
        if (bytes < 0 || bytes > MAX_MSS) {
            throw new IllegalArgumentException("MSS out of range: " + bytes);
        }
        mss = bytes;
        return this;
    }

    /** Round-trip time seen at the capture point (0: the scenario's). */
    public TcpConnection rtt(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative RTT");
        }
        rttNanos = nanos;
        return this;
    }

    /** Number of IPv4 fragments for segments with the {@link Knob#FRAGMENT} knob (default 2). */
    public TcpConnection fragments(int count) {
        if (count < 2 || count > MAX_FRAGMENTS) {
            throw new IllegalArgumentException("fragment count must be within 2.." + MAX_FRAGMENTS);
        }
        fragments = count;
        return this;
    }

    /** Chunks of one direction in the order TCP sends them (by time, then by call order). */
    List<Chunk> chunks(Direction direction) {
        List<Chunk> list = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c.direction() == direction) {
                list.add(c);
            }
        }
        list.sort(Comparator.comparingLong(Chunk::atNanos).thenComparingInt(Chunk::order));
        return list;
    }

    /** Exactly the bytes the application on the sending side of {@code direction} sent, in stream order. */
    public byte[] truth(Direction direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks(direction)) {
            out.writeBytes(c.data());
        }
        return out.toByteArray();
    }
}
