package org.msnscope.testkit.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for live capture: many concurrent switchboard sessions over real loopback sockets, carrying
 * chat messages at a steady overall rate. Each session signs in ({@code USR}/{@code USR OK}), calls
 * its peer ({@code CAL}, {@code RINGING}, {@code JOI}), then messages alternate between the client
 * ({@code MSG n N len}) and the server ({@code MSG bob@... len}) across the sessions in turn, so
 * every message is one decodable MSNP command with a MIME payload. Both sides read and discard what
 * they receive, so nothing backs up in the sockets.
 */
public final class Load {
    /** Most sessions (each is two sockets). */
    public static final int MAX_SESSIONS = 20_000;

    /** What one run sent. */
    public record Result(int sessions, long messages, long bytes, long elapsedNanos) {
        public double messagesPerSecond() {
            return messages * 1e9 / Math.max(1, elapsedNanos);
        }
    }

    private Load() {
    }

    /**
     * Opens {@code sessions} sessions to a listener on {@code loopback:port}, sends messages at
     * {@code rate} per second for {@code duration}, and closes them.
     *
     * @param textBytes the length of each message's text
     * @throws IllegalArgumentException when an argument is out of range or the address is not loopback
     */
    public static Result run(InetAddress loopback, int port, int sessions, int rate, Duration duration, int textBytes)
            throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + loopback.getHostAddress());
        }
        if (sessions < 1 || sessions > MAX_SESSIONS || rate < 1 || textBytes < 1 || textBytes > 1400
                || duration.isNegative() || duration.isZero() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("sessions 1.." + MAX_SESSIONS + ", rate >= 1, text 1..1400 bytes,"
                    + " a positive duration and a port 1..65535");
        }
        List<SocketChannel> clients = new ArrayList<>();
        List<SocketChannel> servers = new ArrayList<>();
        Selector drain = Selector.open();
        Thread drainer = null;
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(loopback, port), sessions);
            long bytes = 0;
            for (int i = 0; i < sessions; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress(loopback, port));
                SocketChannel s = listener.accept();
                for (SocketChannel ch : List.of(c, s)) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                }
                clients.add(c);
                servers.add(s);
                String me = "user" + i + "@load.example";
                String peer = "peer" + i + "@load.example";
                bytes += write(c, "USR 1 " + me + " 17262113." + (100000 + i) + "\r\n");
                bytes += write(s, "USR 1 OK " + me + " User%20" + i + "\r\n");
                bytes += write(c, "CAL 2 " + peer + "\r\n");
                bytes += write(s, "CAL 2 RINGING " + (11752013 + i) + "\r\nJOI " + peer + " Peer%20" + i + "\r\n");
            }
            Selector sel = drain;
            for (SocketChannel ch : clients) {
                ch.register(sel, SelectionKey.OP_READ);
            }
            for (SocketChannel ch : servers) {
                ch.register(sel, SelectionKey.OP_READ);
            }
            drainer = new Thread(() -> discardAll(sel), "load-drain");
            drainer.setDaemon(true); // stopped (interrupt, wakeup) before the selector and channels close
            drainer.start();

            String text = "x".repeat(textBytes);
            String mime = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\n";
            int payload = mime.length() + textBytes;
            long[] trids = new long[sessions];
            java.util.Arrays.fill(trids, 3);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long sent = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = (long) ((now - start) / 1e9 * rate);
                while (sent < due) {
                    int session = (int) (sent % sessions);
                    boolean fromClient = ((sent / sessions) & 1) == 0;
                    String msg = fromClient ? "MSG " + trids[session]++ + " N " + payload + "\r\n" + mime + text
                            : "MSG peer" + session + "@load.example Peer%20" + session + " " + payload + "\r\n" + mime + text;
                    bytes += write(fromClient ? clients.get(session) : servers.get(session), msg);
                    sent++;
                }
                LockSupport.parkNanos(200_000);
            }
            long elapsed = System.nanoTime() - start;
            for (int i = 0; i < sessions; i++) {
                bytes += write(clients.get(i), "OUT\r\n");
            }
            LockSupport.parkNanos(300_000_000L); // the other sides read the last bytes: the closes are FINs
            return new Result(sessions, sent, bytes, elapsed);
        } finally {
            if (drainer != null) {
                drainer.interrupt();
                drain.wakeup();
                try {
                    drainer.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            drain.close();
            for (SocketChannel ch : clients) {
                ch.close();
            }
            for (SocketChannel ch : servers) {
                ch.close();
            }
        }
    }

    private static long write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        int n = b.remaining();
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                Thread.onSpinWait();
            }
        }
        return n;
    }

    private static void discardAll(Selector sel) {
        ByteBuffer sink = ByteBuffer.allocateDirect(1 << 16);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sel.select(100);
                for (SelectionKey k : sel.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) k.channel();
                    sink.clear();
                    try {
                        if (ch.read(sink) < 0) {
                            k.cancel();
                        }
                    } catch (IOException e) {
                        k.cancel();
                    }
                }
                sel.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed at the end of the run
        }
    }
}
