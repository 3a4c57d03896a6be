package org.msnscope.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msnscope.capture.CaptureWriter;
import org.msnscope.capture.LinkType;
import org.msnscope.testkit.p2p.FileContext;
import org.msnscope.testkit.p2p.Guids;
import org.msnscope.testkit.p2p.SlpMessage;

/** The packets of one {@link PressureGenerator} run: connections, command lines and P2P messages. */
final class PressureRun {
    static final byte[] NS_SERVER = ip(207, 46, 104, 20);
    static final byte[] SB_SERVER = ip(207, 46, 108, 37);
    static final String SB_ADDRESS = "207.46.108.37:1863";
    private static final int PORT = BulkGenerator.MSNP_PORT;
    private static final int MSS = 1460;
    /** Largest P2P data chunk on a switchboard (NINA MSNC/Transports). */
    private static final int CHUNK = 1202;
    private static final byte[] MIME_TO_ALICE = mime("alice@hotmail.com");
    private static final byte[] MIME_TO_BOB = mime("bob@hotmail.com");

    /** One TCP connection whose packets are still to come. */
    static final class Conn {
        final byte[] client;
        final int clientPort;
        final byte[] server;
        int clientSeq;
        int serverSeq;
        int trid = 2;

        Conn(byte[] client, int clientPort, byte[] server) {
            this.client = client;
            this.clientPort = clientPort;
            this.server = server;
        }
    }

    private final CaptureWriter writer;
    private final PacketBuilder builder = new PacketBuilder(LinkType.ETHERNET);
    private final byte[] payload = new byte[8192];
    private final byte[] plainClient = new byte[4];
    private final byte[] plainServer = ip(207, 46, 96, 1);
    long clock = BulkGenerator.START_NANOS;
    long packets;
    long fileBytes = BulkGenerator.PCAP_HEADER;

    PressureRun(CaptureWriter writer) {
        this.writer = writer;
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static byte[] mime(String dest) {
        return ("MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\nP2P-Dest: " + dest + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A connection from {@code client:port} to the server's port 1863, its three-way handshake written. */
    Conn open(byte[] client, int port, byte[] server) throws IOException {
        Conn c = new Conn(client, port, server);
        c.clientSeq = 0x1000_0000 ^ (client[2] << 16 | (client[3] & 0xff) << 8 | port & 0xff);
        c.serverSeq = 0x7000_0000 ^ c.clientSeq;
        emit(c, true, PacketBuilder.SYN, 0, MSS);
        c.clientSeq++;
        emit(c, false, PacketBuilder.SYN | PacketBuilder.ACK, 0, MSS);
        c.serverSeq++;
        emit(c, true, PacketBuilder.ACK, 0, 0);
        return c;
    }

    /** One command line (or several) in one segment. */
    void line(Conn c, boolean fromClient, String text) throws IOException {
        int n = ascii(text, 0);
        data(c, fromClient, n);
    }

    /** Plain flow {@code i}: a handshake and a VER exchange, then silence. */
    void plainFlow(int i) throws IOException {
        plainClient[0] = 10;
        plainClient[1] = (byte) (i >>> 16);
        plainClient[2] = (byte) (i >>> 8);
        plainClient[3] = (byte) i;
        plainServer[3] = (byte) (1 + i % 100);
        Conn c = open(plainClient, PressureGenerator.flowPort(i), plainServer);
        line(c, true, "VER 1 MSNP15 CVR0\r\n");
        line(c, false, "VER 1 MSNP15 CVR0\r\n");
    }

    /** Switchboard session {@code s}: USR (after XFR SB) or ANS (after RNG) with its cookie, never answered. */
    void switchboard(byte[] client, int port, int s, String cookie) throws IOException {
        Conn c = open(client, port, SB_SERVER);
        line(c, true, s % 2 == 0 ? "USR 1 alice@hotmail.com " + cookie + "\r\n"
                : "ANS 1 alice@hotmail.com " + cookie + " " + (50_000_000 + s) + "\r\n");
    }

    /** Transfer {@code t} on a carrier: bob's INVITE, alice's 200 OK, bob's first data chunk. */
    void transfer(Conn c, int t) throws IOException {
        long session = PressureGenerator.sessionId(t);
        String callId = String.format("{%08X-0000-4000-8000-%012X}", t, session);
        String branch = String.format("{%08X-1111-4000-8000-%012X}", t, session);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", Guids.EUF_FILE_TRANSFER);
        body.put("SessionID", Long.toString(session));
        body.put("AppID", "2");
        body.put("Context", FileContext.base64("pressure-" + t + ".bin", PressureGenerator.OBJECT_BYTES));
        SlpMessage invite = SlpMessage.request("INVITE", "alice@hotmail.com", "bob@hotmail.com", branch, 0, callId,
                SlpMessage.SESSION_REQUEST, body);
        long base = 100_000L + 8L * t;
        slp(c, false, invite, base);
        slp(c, true, invite.reply("200 OK", Map.of("SessionID", Long.toString(session))), base + 4);
        int p = relayHead(MIME_TO_ALICE, 48 + CHUNK + 4);
        p = header(p, session, base + 1, 0, PressureGenerator.OBJECT_BYTES, CHUNK, 0x0100_0030);
        for (int i = 0; i < CHUNK; i++) {
            payload[p + i] = (byte) (t + i * 31);
        }
        p = footer(p + CHUNK, 2);
        data(c, false, p);
    }

    /** An MSNSLP message in one P2P message: from bob relayed by the server, or from alice. */
    private void slp(Conn c, boolean fromAlice, SlpMessage m, long id) throws IOException {
        byte[] text = (m.headText() + m.bodyText() + "\0").getBytes(StandardCharsets.UTF_8);
        int bodyLength = 48 + text.length + 4;
        int p;
        if (fromAlice) {
            p = ascii("MSG " + c.trid++ + " D " + (MIME_TO_BOB.length + bodyLength) + "\r\n", 0);
            System.arraycopy(MIME_TO_BOB, 0, payload, p, MIME_TO_BOB.length);
            p += MIME_TO_BOB.length;
        } else {
            p = relayHead(MIME_TO_ALICE, bodyLength);
        }
        p = header(p, 0, id, 0, text.length, text.length, 0);
        System.arraycopy(text, 0, payload, p, text.length);
        p = footer(p + text.length, 0);
        data(c, fromAlice, p);
    }

    /** {@code MSG bob@hotmail.com Bob len} and the MIME head of a P2P message the server relays. */
    private int relayHead(byte[] mime, int bodyLength) {
        int p = ascii("MSG bob@hotmail.com Bob " + (mime.length + bodyLength) + "\r\n", 0);
        System.arraycopy(mime, 0, payload, p, mime.length);
        return p + mime.length;
    }

    private int header(int p, long session, long id, long offset, long total, int length, int flags) {
        ByteBuffer.wrap(payload, p, 48).order(ByteOrder.LITTLE_ENDIAN).putInt((int) session).putInt((int) id)
                .putLong(offset).putLong(total).putInt(length).putInt(flags).putInt((int) (id * 7919)).putInt(0)
                .putLong(0);
        return p + 48;
    }

    private int footer(int p, int appId) {
        ByteBuffer.wrap(payload, p, 4).order(ByteOrder.BIG_ENDIAN).putInt(appId);
        return p + 4;
    }

    private int ascii(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            payload[at + i] = (byte) s.charAt(i);
        }
        return at + s.length();
    }

    private void data(Conn c, boolean fromClient, int length) throws IOException {
        emit(c, fromClient, PacketBuilder.ACK | PacketBuilder.PSH, length, 0);
        if (fromClient) {
            c.clientSeq += length;
        } else {
            c.serverSeq += length;
        }
    }

    private void emit(Conn c, boolean fromClient, int flags, int length, int mss) throws IOException {
        int ack = (flags & PacketBuilder.SYN) != 0 && fromClient ? 0 : fromClient ? c.serverSeq : c.clientSeq;
        int frame = fromClient
                ? builder.tcp(c.client, c.clientPort, c.server, PORT, c.clientSeq, ack, flags, 65535, mss, payload, 0,
                        length, false)
                : builder.tcp(c.server, PORT, c.client, c.clientPort, c.serverSeq, ack, flags, 65535, mss, payload, 0,
                        length, false);
        clock += PressureGenerator.STEP_MICROS * 1_000;
        writer.write(LinkType.ETHERNET, clock, builder.buffer(), 0, frame, frame, null);
        packets++;
        fileBytes += BulkGenerator.RECORD_HEADER + frame;
    }
}
