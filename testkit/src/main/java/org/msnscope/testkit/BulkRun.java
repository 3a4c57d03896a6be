package org.msnscope.testkit;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.msnscope.capture.CaptureWriter;
import org.msnscope.capture.LinkType;

/** The state of one {@link BulkGenerator} run: clock, counters, and the packet exchanges of a flow. */
final class BulkRun {
    private static final int MSS = 1460;
    final SplittableRandom random;
    private final CaptureWriter writer;
    private final PacketBuilder builder = new PacketBuilder(LinkType.ETHERNET);
    private final byte[] payload = new byte[MsnpPayloads.MAX_PAYLOAD];
    private long clock = BulkGenerator.START_NANOS;
    long packets;
    long fileBytes = BulkGenerator.PCAP_HEADER;
    long webBytes;
    long opened;

    BulkRun(CaptureWriter writer, SplittableRandom random) {
        this.writer = writer;
        this.random = random;
    }

    void open(BulkFlow f) throws IOException {
        long n = opened++;
        f.clientIp[0] = 10;
        f.clientIp[1] = (byte) (n >>> 16);
        f.clientIp[2] = (byte) (n >>> 8);
        f.clientIp[3] = (byte) (1 + (n & 0x7f));
        f.clientPort = 1024 + (int) (n % 64000);
        if (f.web) {
            f.serverIp[0] = (byte) 198;
            f.serverIp[1] = 51;
            f.serverIp[2] = 100;
            f.serverPort = BulkGenerator.WEB_PORT;
        } else {
            f.serverIp[0] = (byte) 207;
            f.serverIp[1] = 46;
            f.serverIp[2] = 107;
            f.serverPort = BulkGenerator.MSNP_PORT;
        }
        f.serverIp[3] = (byte) (1 + random.nextInt(32));
        f.clientSeq = random.nextInt();
        f.serverSeq = random.nextInt();
        f.remaining = f.web ? 2 + random.nextInt(10) : 5 + random.nextInt(200);
        f.trid = 1;
        f.clientUnacked = 0;
        f.serverUnacked = 0;
        emit(f, true, PacketBuilder.SYN, 0, MSS);
        f.clientSeq++;
        emit(f, false, PacketBuilder.SYN | PacketBuilder.ACK, 0, MSS);
        f.serverSeq++;
        emit(f, true, PacketBuilder.ACK, 0, 0);
    }

    void close(BulkFlow f) throws IOException {
        emit(f, true, PacketBuilder.FIN | PacketBuilder.ACK, 0, 0);
        f.clientSeq++;
        emit(f, false, PacketBuilder.FIN | PacketBuilder.ACK, 0, 0);
        f.serverSeq++;
        emit(f, true, PacketBuilder.ACK, 0, 0);
    }

    void msnpExchange(BulkFlow f) throws IOException {
        int pick = random.nextInt(100);
        if (pick < 30) {
            data(f, true, MsnpPayloads.message(payload, f.trid++, false, random));
        } else if (pick < 55) {
            data(f, false, MsnpPayloads.message(payload, 0, true, random));
        } else if (pick < 65) {
            data(f, true, MsnpPayloads.typing(payload, f.trid++));
        } else if (pick < 80) {
            data(f, true, MsnpPayloads.ping(payload));
            data(f, false, MsnpPayloads.pong(payload));
        } else if (pick < 90) {
            data(f, false, MsnpPayloads.presence(payload));
        } else {
            int trid = f.trid++;
            data(f, true, MsnpPayloads.message(payload, trid, false, random));
            data(f, false, MsnpPayloads.ack(payload, trid));
        }
    }

    /** Largest P2P data chunk on a switchboard (NINA MSNC/Transports). */
    static final int P2P_CHUNK = 1202;
    private static final byte[] P2P_MIME = ("MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\n"
            + "P2P-Dest: alice@hotmail.com\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] P2P_MSG = "MSG bob@hotmail.com Bob ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * One P2Pv1 data chunk of a file the switchboard relays from bob to alice (flags 0x01000030,
     * footer 2); a flow sends objects of 1-16 MB one after another, each under a new session id.
     */
    void p2pExchange(BulkFlow f) throws IOException {
        if (f.p2pOffset >= f.p2pSize) {
            f.p2pSession = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            f.p2pSize = (1L << 20) + random.nextInt(15 << 20);
            f.p2pOffset = 0;
        }
        int chunk = (int) Math.min(P2P_CHUNK, f.p2pSize - f.p2pOffset);
        int bodyLen = P2P_MIME.length + 48 + chunk + 4;
        int p = 0;
        System.arraycopy(P2P_MSG, 0, payload, p, P2P_MSG.length);
        p += P2P_MSG.length;
        byte[] len = Integer.toString(bodyLen).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(len, 0, payload, p, len.length);
        p += len.length;
        payload[p++] = '\r';
        payload[p++] = '\n';
        System.arraycopy(P2P_MIME, 0, payload, p, P2P_MIME.length);
        p += P2P_MIME.length;
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(payload, p, 48).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(f.p2pSession).putInt(f.p2pSession ^ 0x5a5a).putLong(f.p2pOffset).putLong(f.p2pSize).putInt(chunk)
                .putInt(0x01000030).putInt(random.nextInt()).putInt(0).putLong(0);
        p += 48;
        for (int i = 0; i < chunk; i += 8) {
            long v = random.nextLong();
            for (int k = 0; k < 8 && i + k < chunk; k++) {
                payload[p + i + k] = (byte) (v >>> (8 * k));
            }
        }
        p += chunk;
        payload[p++] = 0;
        payload[p++] = 0;
        payload[p++] = 0;
        payload[p++] = 2;
        f.p2pOffset += chunk;
        data(f, false, p);
    }

    void webExchange(BulkFlow f) throws IOException {
        data(f, true, MsnpPayloads.httpRequest(payload));
        int segments = 2 + random.nextInt(12);
        for (int i = 0; i < segments; i++) {
            int len = i == segments - 1 ? 200 + random.nextInt(MSS - 200) : MSS;
            data(f, false, MsnpPayloads.httpBody(payload, len));
        }
    }

    /** One data segment; the receiver ACKs every second segment it has not acknowledged. */
    private void data(BulkFlow f, boolean fromClient, int length) throws IOException {
        if (fromClient) {
            f.clientUnacked = 0;
        } else {
            f.serverUnacked = 0;
        }
        emit(f, fromClient, PacketBuilder.ACK | PacketBuilder.PSH, length, 0);
        if (fromClient) {
            f.clientSeq += length;
            if (++f.serverUnacked >= 2) {
                f.serverUnacked = 0;
                emit(f, false, PacketBuilder.ACK, 0, 0);
            }
        } else {
            f.serverSeq += length;
            if (++f.clientUnacked >= 2) {
                f.clientUnacked = 0;
                emit(f, true, PacketBuilder.ACK, 0, 0);
            }
        }
    }

    private void emit(BulkFlow f, boolean fromClient, int flags, int length, int mss) throws IOException {
        int ack = (flags & PacketBuilder.SYN) != 0 && fromClient ? 0 : fromClient ? f.serverSeq : f.clientSeq;
        int frameLength = fromClient
                ? builder.tcp(f.clientIp, f.clientPort, f.serverIp, f.serverPort, f.clientSeq, ack, flags, 65535, mss,
                        payload, 0, length, false)
                : builder.tcp(f.serverIp, f.serverPort, f.clientIp, f.clientPort, f.serverSeq, ack, flags, 65535, mss,
                        payload, 0, length, false);
        clock += 1_000 * (1 + random.nextInt(40));
        writer.write(LinkType.ETHERNET, clock, builder.buffer(), 0, frameLength, frameLength, null);
        packets++;
        long recordBytes = BulkGenerator.RECORD_HEADER + frameLength;
        fileBytes += recordBytes;
        if (f.web) {
            webBytes += recordBytes;
        }
    }
}
