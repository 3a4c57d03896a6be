package org.msnscope.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.write.PcapWriter;

/**
 * Streams a capture that pushes every table of the decoder past its limit at once
 * (docs/robustness.md, "Resource bounds under pressure"):
 * <ul>
 * <li>{@code flows} distinct TCP connections to port 1863 ({@link #flowClient}), each a handshake and one
 * {@code VER} exchange, never closed;</li>
 * <li>{@code sessions} half-open switchboard sessions: notification connections announce every cookie
 * first ({@code XFR SB} and {@code RNG} in turn), then as many switchboard connections present them
 * ({@code USR} or {@code ANS}) in the same order and are never answered;</li>
 * <li>{@code transfers} P2P file transfers on up to {@value #CARRIERS} switchboard sessions: each an MSNSLP
 * INVITE, its {@code 200 OK} and the first 1,202-byte data chunk of a 1 MiB file, never finished.</li>
 * </ul>
 * The three are interleaved over the whole capture, one packet every {@value #STEP_MICROS} µs, so the
 * capture stays far inside the idle and expectation timeouts and everything is live at once. Only the
 * notification and carrier connections keep state here; every packet goes straight to the file.
 */
public final class PressureGenerator {
    /** Switchboard sessions that carry the transfers. */
    public static final int CARRIERS = 64;
    /** Most notification-server connections announcing the cookies (each client one). */
    public static final int NS_CLIENTS = 256;
    /** Capture time between two packets. */
    public static final long STEP_MICROS = 20;
    /** Most flows of each kind (the client addresses are numbered in 24 bits). */
    public static final int MAX_COUNT = 1 << 24;
    /** Bytes of the one object each transfer announces. */
    public static final long OBJECT_BYTES = 1L << 20;

    /** What a run wrote. */
    public record Stats(long packets, long fileBytes, long tcpFlows, long lastTsNanos) {
    }

    private final int flows;
    private final int sessions;
    private final int transfers;

    public PressureGenerator(int flows, int sessions, int transfers) {
        for (int n : new int[] {flows, sessions, transfers}) {
            if (n < 0 || n > MAX_COUNT) {
                throw new IllegalArgumentException("counts must be within 0.." + MAX_COUNT + ": " + n);
            }
        }
        this.flows = flows;
        this.sessions = sessions;
        this.transfers = transfers;
    }

    /** Notification connections used: one per client, at most {@value #NS_CLIENTS}. */
    public int nsClients() {
        return Math.max(1, Math.min(NS_CLIENTS, sessions));
    }

    /** Switchboard sessions carrying the transfers: one per transfer, at most {@value #CARRIERS}. */
    public int carriers() {
        return Math.min(CARRIERS, transfers);
    }

    /** TCP connections in the capture: the plain flows, the switchboards, the NS and the carriers. */
    public long tcpFlows() {
        return (long) flows + sessions + (sessions > 0 ? nsClients() : 0) + carriers();
    }

    /** The client address and port of plain flow {@code i} (0-based), as the decoder prints it. */
    public static String flowClient(int i) {
        return "10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff) + ":" + flowPort(i);
    }

    static int flowPort(int i) {
        return 1024 + (i & 0x3fff);
    }

    /** The P2P session id of transfer {@code t} (0-based). */
    public static long sessionId(int t) {
        return 1_000_000L + t;
    }

    /** The switchboard cookie of session {@code s} (0-based). */
    public static String cookie(int s) {
        return "1" + (10_000_000 + s) + ".1050826919." + (s % 97);
    }

    /** Writes a little-endian microsecond pcap file. */
    public Stats writeTo(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            PcapWriter writer = new PcapWriter(out, LinkType.ETHERNET, 262144, false, ByteOrder.LITTLE_ENDIAN);
            Stats stats = run(new PressureRun(writer));
            writer.flush();
            return stats;
        }
    }

    private Stats run(PressureRun w) throws IOException {
        int ns = sessions > 0 ? nsClients() : 0;
        PressureRun.Conn[] nsConns = new PressureRun.Conn[ns];
        for (int k = 0; k < ns; k++) {
            nsConns[k] = w.open(PressureRun.ip(172, 16, k >>> 8, k & 0xff), 1100, PressureRun.NS_SERVER);
            w.line(nsConns[k], true, "VER 1 MSNP11 CVR0\r\n");
            w.line(nsConns[k], false, "VER 1 MSNP11\r\n");
        }
        PressureRun.Conn[] carriers = new PressureRun.Conn[carriers()];
        for (int c = 0; c < carriers.length; c++) {
            carriers[c] = w.open(PressureRun.ip(192, 168, c >>> 8, c & 0xff), 3000, PressureRun.SB_SERVER);
            w.line(carriers[c], true, "USR 1 alice@hotmail.com 9" + c + ".1050826919.1\r\n");
            w.line(carriers[c], false, "USR 1 OK alice@hotmail.com Alice\r\n");
            w.line(carriers[c], false, "JOI bob@hotmail.com Bob\r\n");
        }
        long rounds = 2L * Math.max(1, sessions);
        int flowsDone = 0;
        int transfersDone = 0;
        for (long r = 0; r < rounds; r++) {
            if (r < sessions) {
                announce(w, nsConns[(int) (r % ns)], (int) r);
            } else if (r - sessions < sessions) {
                int s = (int) (r - sessions);
                w.switchboard(PressureRun.ip(172, 16, s % ns >>> 8, s % ns & 0xff), 10_000 + s / ns, s, cookie(s));
                PressureRun.Conn keepAlive = nsConns[s % ns];
                w.line(keepAlive, true, "PNG\r\n");
                w.line(keepAlive, false, "QNG 50\r\n");
            }
            for (long goal = flows * (r + 1) / rounds; flowsDone < goal; flowsDone++) {
                w.plainFlow(flowsDone);
            }
            for (long goal = transfers * (r + 1) / rounds; transfersDone < goal; transfersDone++) {
                w.transfer(carriers[transfersDone % carriers.length], transfersDone);
            }
        }
        return new Stats(w.packets, w.fileBytes, tcpFlows(), w.clock);
    }

    private static void announce(PressureRun w, PressureRun.Conn ns, int s) throws IOException {
        int trid = 2 + s;
        if (s % 2 == 0) {
            w.line(ns, true, "XFR " + trid + " SB\r\n");
            w.line(ns, false, "XFR " + trid + " SB " + PressureRun.SB_ADDRESS + " CKI " + cookie(s) + "\r\n");
        } else {
            w.line(ns, false, "RNG " + (50_000_000 + s) + " " + PressureRun.SB_ADDRESS + " CKI " + cookie(s)
                    + " bob@hotmail.com Bob\r\n");
        }
    }
}
