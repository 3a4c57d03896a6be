package org.msnscope.decoder;

import java.nio.charset.StandardCharsets;
import org.msnscope.capture.RawPacket;

/** Packets of one TCP connection over Ethernet, numbered and timed in the order they are made. */
public final class Conversation {
    public static final long MS = 1_000_000L;
    public final String clientIp;
    public final String serverIp;
    public final int clientPort;
    public final int serverPort;
    private final Clock clock;

    /** Frame numbers and times shared by several conversations in one capture. */
    public static final class Clock {
        public long frame;
        public long tsNanos = 1_000_000_000_000L;
        public long stepNanos = MS;
    }

    public Conversation(Clock clock, String clientIp, int clientPort, String serverIp, int serverPort) {
        this.clock = clock;
        this.clientIp = clientIp;
        this.serverIp = serverIp;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
    }

    public Conversation(String clientIp, int clientPort, String serverIp, int serverPort) {
        this(new Clock(), clientIp, clientPort, serverIp, serverPort);
    }

    public Clock clock() {
        return clock;
    }

    public RawPacket c(int flags, int seq, int ack, byte[] payload) {
        return make(true, flags, seq, ack, payload);
    }

    public RawPacket s(int flags, int seq, int ack, byte[] payload) {
        return make(false, flags, seq, ack, payload);
    }

    public RawPacket c(int flags, int seq, int ack, String payload) {
        return c(flags, seq, ack, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawPacket s(int flags, int seq, int ack, String payload) {
        return s(flags, seq, ack, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawPacket c(int flags, int seq, int ack) {
        return c(flags, seq, ack, new byte[0]);
    }

    public RawPacket s(int flags, int seq, int ack) {
        return s(flags, seq, ack, new byte[0]);
    }

    private RawPacket make(boolean fromClient, int flags, int seq, int ack, byte[] payload) {
        byte[] tcp = fromClient ? TestPackets.tcp(clientPort, serverPort, seq, ack, flags, payload)
                : TestPackets.tcp(serverPort, clientPort, seq, ack, flags, payload);
        clock.frame++;
        clock.tsNanos += clock.stepNanos;
        return fromClient ? TestPackets.ethernetTcp(clientIp, serverIp, tcp, clock.frame, clock.tsNanos)
                : TestPackets.ethernetTcp(serverIp, clientIp, tcp, clock.frame, clock.tsNanos);
    }
}
