package org.msnscope.testkit.live;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.msnscope.testkit.Close;
import org.msnscope.testkit.Direction;
import org.msnscope.testkit.Knob;
import org.msnscope.testkit.Scenario;
import org.msnscope.testkit.ScenarioFile;
import org.msnscope.testkit.ScenarioParseException;
import org.msnscope.testkit.TcpConnection;

/**
 * Plays a scenario's connections as a real exchange over TCP sockets on a loopback address, so that a
 * live capture sees the same application bytes as the capture the scenario generates.
 *
 * <p>Each distinct server endpoint of the scenario listens on a local port: its scenario port plus the
 * port offset, or, when another endpoint already took that port, the next free port above it (see
 * {@link #localPorts(int)}). Each connection is a client socket connecting to its endpoint's listener;
 * the client side writes the c2s chunks from the connecting socket and the server side the s2c chunks
 * from the accepted socket, in the order the scenario's times give across all connections. Each write
 * is read by the other side before the next step, so the order on the wire is the scenario's. Pauses
 * between steps are the scenario's, capped at {@link #MAX_PAUSE_NANOS}.
 *
 * <p>{@code close DIR fin} shuts down the closer's output, then the peer's, and closes both sockets
 * once each has read the other's end; {@code close DIR rst} closes the closer with SO_LINGER 0 (a
 * single RST). A connection without a close line ends with a FIN from the client after the last step
 * of the scenario. Knobs and {@code midstream} change packets, not the exchange, so a scenario using
 * them is refused.
 */
public final class Replay {
    /** Longest pause between two steps. */
    public static final long MAX_PAUSE_NANOS = 1_000_000;
    /** Time a whole replay may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String source;
    private final Scenario scenario;

    private Replay(String source, Scenario scenario) {
        this.source = source;
        this.scenario = scenario;
        refuseUnplayable();
    }

    /**
     * Reads a {@code .scn} scenario.
     *
     * @throws IllegalArgumentException when a connection uses a knob or {@code midstream}
     */
    public static Replay of(Path scenarioFile) throws IOException, ScenarioParseException {
        return new Replay(scenarioFile.toString(), ScenarioFile.parse(scenarioFile));
    }

    /**
     * Replays a scenario built in code.
     *
     * @throws IllegalArgumentException when a connection uses a knob or {@code midstream}
     */
    public static Replay of(Scenario scenario) {
        return new Replay("scenario", scenario);
    }

    public Scenario scenario() {
        return scenario;
    }

    private void refuseUnplayable() {
        StringJoiner problems = new StringJoiner("; ");
        for (TcpConnection c : scenario.connections()) {
            List<String> settings = new ArrayList<>();
            for (Knob k : c.knobs()) {
                settings.add(k.name().replace("_", "").toLowerCase(Locale.ROOT));
            }
            if (c.midstream() >= 0) {
                settings.add("midstream=" + c.midstream());
            }
            if (!settings.isEmpty()) {
                problems.add(describe(c) + " uses " + String.join(", ", settings));
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(source + ": cannot replay over real sockets, knobs and midstream"
                    + " change captured packets rather than the exchange: " + problems);
        }
    }

    private static String describe(TcpConnection c) {
        return "connection " + c.index() + " (" + c.clientEndpoint() + " -> " + c.serverEndpoint() + ")";
    }

    /**
     * The local port each distinct scenario server endpoint ({@code ip:port} as the scenario writes it)
     * listens on, in the order the endpoints first appear. The first endpoint of each scenario port gets
     * that port plus {@code portOffset}; every further endpoint with the same port gets the next port
     * above it that no endpoint uses.
     *
     * @throws IllegalArgumentException when a port leaves 1..65535
     */
    public Map<String, Integer> localPorts(int portOffset) {
        Map<String, Integer> natural = new LinkedHashMap<>();
        for (TcpConnection c : scenario.connections()) {
            natural.putIfAbsent(c.serverEndpoint(), c.serverPort());
        }
        Map<String, Integer> assigned = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (Map.Entry<String, Integer> e : natural.entrySet()) {
            int port = checkPort(e.getKey(), (long) e.getValue() + portOffset, portOffset);
            if (used.add(port)) {
                assigned.put(e.getKey(), port);
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : natural.entrySet()) {
            Integer port = assigned.get(e.getKey());
            if (port == null) {
                long p = (long) e.getValue() + portOffset + 1;
                while (used.contains((int) p) && p <= 65535) {
                    p++;
                }
                port = checkPort(e.getKey(), p, portOffset);
                used.add(port);
            }
            result.put(e.getKey(), port);
        }
        return Collections.unmodifiableMap(result);
    }

    private static int checkPort(String endpoint, long port, int portOffset) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port offset " + portOffset + " gives scenario endpoint " + endpoint
                    + " no local port within 1..65535");
        }
        return (int) port;
    }

    /** {@link #run(InetAddress, int, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public Result run(InetAddress loopback, int portOffset) throws IOException {
        return run(loopback, portOffset, DEFAULT_TIMEOUT);
    }

    /**
     * Plays every connection over real sockets on {@code loopback} and returns once everything is
     * written, read and closed.
     *
     * @throws IllegalArgumentException when {@code loopback} is not a loopback address or a port is out of range
     * @throws IOException when a socket fails, a side does not receive exactly what the other sent, or the
     *         replay takes longer than {@code timeout}; the message names the connection and step
     */
    public Result run(InetAddress loopback, int portOffset, Duration timeout) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + loopback.getHostAddress());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Map<String, Integer> ports = localPorts(portOffset);
        try (Exchange exchange = new Exchange(scenario, loopback, ports, timeout)) {
            return exchange.play();
        }
    }

    /** What one replay did. */
    public record Result(Map<String, Integer> localPorts, List<ConnectionResult> connections, long elapsedNanos) {
        public Result {
            localPorts = Collections.unmodifiableMap(new LinkedHashMap<>(localPorts));
            connections = List.copyOf(connections);
        }
    }

    /**
     * One replayed connection: its scenario endpoints, the local ports of its two sockets, and the bytes
     * each side read, the server from the accepted socket and the client from the connecting one.
     */
    public record ConnectionResult(int index, String clientEndpoint, String serverEndpoint, int clientLocalPort,
            int serverLocalPort, byte[] serverReceived, byte[] clientReceived) {
        public ConnectionResult {
            serverReceived = serverReceived.clone();
            clientReceived = clientReceived.clone();
        }

        @Override
        public byte[] serverReceived() {
            return serverReceived.clone();
        }

        @Override
        public byte[] clientReceived() {
            return clientReceived.clone();
        }
    }

    /** One step of the exchange in scenario time order. */
    private record Step(long atNanos, int connection, int rank, int order, Direction direction, byte[] data) {
        static final int OPEN = 0;
        static final int WRITE = 1;
        static final int CLOSE = 2;
    }

    private static List<Step> steps(Scenario scenario) {
        List<Step> steps = new ArrayList<>();
        for (TcpConnection c : scenario.connections()) {
            steps.add(new Step(c.startNanos(), c.index(), Step.OPEN, 0, null, null));
            List<TcpConnection.Write> writes = c.writes();
            for (int i = 0; i < writes.size(); i++) {
                TcpConnection.Write w = writes.get(i);
                steps.add(new Step(w.atNanos(), c.index(), Step.WRITE, i, w.direction(), w.data()));
            }
            if (c.closeKind() != null) {
                steps.add(new Step(c.closeAtNanos(), c.index(), Step.CLOSE, 0, c.closer(), null));
            }
        }
        steps.sort(Comparator.comparingLong(Step::atNanos).thenComparingInt(Step::connection)
                .thenComparingInt(Step::rank).thenComparingInt(Step::order));
        return steps;
    }

    /** The sockets and readers of one run. */
    private static final class Exchange implements AutoCloseable {
        private final Scenario scenario;
        private final InetAddress loopback;
        private final Map<String, Integer> ports;
        private final long deadline;
        private final Duration timeout;
        private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
        private final Link[] links;
        private final Thread watchdog;
        private volatile boolean timedOut;
        private volatile boolean finished;

        Exchange(Scenario scenario, InetAddress loopback, Map<String, Integer> ports, Duration timeout) {
            this.scenario = scenario;
            this.loopback = loopback;
            this.ports = ports;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.links = new Link[scenario.connections().size()];
            this.watchdog = new Thread(this::watch, "replay-watchdog");
            watchdog.setDaemon(true);
        }

        private void watch() {
            try {
                while (!finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        timedOut = true;
                        closeAll();
                        return;
                    }
                    Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Result play() throws IOException {
            long begin = System.nanoTime();
            watchdog.start();
            for (Map.Entry<String, Integer> e : ports.entrySet()) {
                listen(e.getKey(), e.getValue());
            }
            long previous = Long.MIN_VALUE;
            String at = "start";
            try {
                for (Step s : steps(scenario)) {
                    TcpConnection c = scenario.connections().get(s.connection());
                    at = describe(c) + switch (s.rank()) {
                        case Step.OPEN -> " opening";
                        case Step.WRITE -> " writing " + s.data().length + " " + name(s.direction()) + " bytes";
                        default -> " closing";
                    };
                    if (previous != Long.MIN_VALUE) {
                        pause(s.atNanos() - previous);
                    }
                    previous = s.atNanos();
                    switch (s.rank()) {
                        case Step.OPEN -> open(c);
                        case Step.WRITE -> write(c, s.direction(), s.data());
                        default -> close(c, s.direction(), c.closeKind());
                    }
                }
                for (TcpConnection c : scenario.connections()) {
                    if (c.closeKind() == null) {
                        at = describe(c) + " ending (no close line) with a FIN from the client";
                        close(c, Direction.C2S, Close.FIN);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (timedOut) {
                    throw new IOException("replay timed out after " + timeout.toMillis() + " ms while " + at, e);
                }
                throw new IOException("replay failed while " + at + ": " + e.getMessage(), e);
            }
            List<ConnectionResult> results = new ArrayList<>();
            for (TcpConnection c : scenario.connections()) {
                Link l = links[c.index()];
                byte[] toServer = l.serverReads.bytes();
                byte[] toClient = l.clientReads.bytes();
                check(c, Direction.C2S, toServer);
                check(c, Direction.S2C, toClient);
                results.add(new ConnectionResult(c.index(), c.clientEndpoint(), c.serverEndpoint(),
                        l.client.getLocalPort(), l.server.getLocalPort(), toServer, toClient));
            }
            return new Result(ports, results, System.nanoTime() - begin);
        }

        private static void check(TcpConnection c, Direction d, byte[] received) throws IOException {
            byte[] sent = c.truth(d);
            if (!Arrays.equals(sent, received)) {
                int at = Arrays.mismatch(sent, received);
                throw new IOException(describe(c) + ": the " + (d == Direction.C2S ? "server" : "client")
                        + " received " + received.length + " bytes, not the " + sent.length + " " + name(d)
                        + " bytes sent; first difference at byte " + at);
            }
        }

        private static String name(Direction d) {
            return d == Direction.C2S ? "c2s" : "s2c";
        }

        private static void pause(long nanos) throws IOException {
            long n = Math.min(nanos, MAX_PAUSE_NANOS);
            if (n <= 0) {
                return;
            }
            try {
                Thread.sleep(n / 1_000_000, (int) (n % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private int remainingMillis() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0 || timedOut) {
                timedOut = true;
                throw new IOException("timed out");
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
        }

        private void listen(String endpoint, int port) throws IOException {
            ServerSocket s = new ServerSocket();
            listeners.put(endpoint, s);
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(loopback, port), 50);
            } catch (BindException e) {
                throw new IOException("cannot listen on " + loopback.getHostAddress() + " port " + port
                        + " for scenario endpoint " + endpoint + " (" + e.getMessage()
                        + "); choose another port offset", e);
            }
        }

        private void open(TcpConnection c) throws IOException {
            ServerSocket listener = listeners.get(c.serverEndpoint());
            Socket client = new Socket();
            Link link = new Link(client);
            links[c.index()] = link;
            client.setTcpNoDelay(true);
            client.bind(new InetSocketAddress(loopback, 0));
            client.connect(new InetSocketAddress(loopback, listener.getLocalPort()), remainingMillis());
            listener.setSoTimeout(remainingMillis());
            Socket server = listener.accept();
            link.server = server;
            if (server.getPort() != client.getLocalPort()) {
                throw new IOException("port " + listener.getLocalPort() + " accepted a connection from port "
                        + server.getPort() + " that the replay did not open");
            }
            server.setTcpNoDelay(true);
            link.serverReads = Drain.start(server, "replay-" + c.index() + "-server");
            link.clientReads = Drain.start(client, "replay-" + c.index() + "-client");
        }

        private void write(TcpConnection c, Direction d, byte[] data) throws IOException {
            Link l = links[c.index()];
            Socket from = d == Direction.C2S ? l.client : l.server;
            Drain to = d == Direction.C2S ? l.serverReads : l.clientReads;
            long total = (d == Direction.C2S ? l.c2sSent : l.s2cSent) + data.length;
            from.getOutputStream().write(data);
            from.getOutputStream().flush();
            if (d == Direction.C2S) {
                l.c2sSent = total;
            } else {
                l.s2cSent = total;
            }
            to.awaitCount(total, this);
        }

        private void close(TcpConnection c, Direction who, Close how) throws IOException {
            Link l = links[c.index()];
            l.serverReads.awaitCount(l.c2sSent, this);
            l.clientReads.awaitCount(l.s2cSent, this);
            boolean clientCloses = who == Direction.C2S;
            Socket closer = clientCloses ? l.client : l.server;
            Socket peer = clientCloses ? l.server : l.client;
            Drain closerReads = clientCloses ? l.clientReads : l.serverReads;
            Drain peerReads = clientCloses ? l.serverReads : l.clientReads;
            if (how == Close.RST) {
                closer.setSoLinger(true, 0);
                closer.close();
                peerReads.awaitEnd(this);
                peer.close();
                closerReads.awaitEnd(this);
                return;
            }
            closer.shutdownOutput();
            peerReads.awaitEnd(this);
            peer.shutdownOutput();
            closerReads.awaitEnd(this);
            closer.close();
            peer.close();
        }

        private void closeAll() {
            for (Link l : links) {
                if (l != null) {
                    quietly(l.client);
                    quietly(l.server);
                }
            }
            for (ServerSocket s : listeners.values()) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private static void quietly(Socket s) {
            if (s == null) {
                return;
            }
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        @Override
        public void close() {
            finished = true;
            closeAll();
            watchdog.interrupt();
            for (Link l : links) {
                if (l != null) {
                    for (Drain d : new Drain[] {l.serverReads, l.clientReads}) {
                        if (d != null) {
                            d.join();
                        }
                    }
                }
            }
        }
    }

    /** The two sockets of one connection and what each has been given to send. */
    private static final class Link {
        final Socket client;
        Socket server;
        Drain serverReads;
        Drain clientReads;
        long c2sSent;
        long s2cSent;

        Link(Socket client) {
            this.client = client;
        }
    }

    /** Reads everything one socket receives, in a background thread, until its end, a reset or a close. */
    private static final class Drain implements Runnable {
        private final Socket socket;
        private final Thread thread;
        private byte[] received = new byte[4096];
        private int count;
        private boolean ended;
        private IOException failure;

        private Drain(Socket socket, String name) {
            this.socket = socket;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        static Drain start(Socket socket, String name) {
            Drain d = new Drain(socket, name);
            d.thread.start();
            return d;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[65536];
            try {
                var in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        if (count + n > received.length) {
                            received = Arrays.copyOf(received, Math.max(received.length * 2, count + n));
                        }
                        System.arraycopy(buffer, 0, received, count, n);
                        count += n;
                        notifyAll();
                    }
                }
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized byte[] bytes() {
            return Arrays.copyOf(received, count);
        }

        synchronized void awaitCount(long expected, Exchange exchange) throws IOException {
            while (count < expected) {
                if (ended) {
                    throw new IOException("the socket ended after " + count + " of " + expected + " bytes"
                            + (failure == null ? "" : " (" + failure.getMessage() + ")"));
                }
                waitFor(exchange);
            }
            if (count > expected) {
                throw new IOException("received " + count + " bytes, more than the " + expected + " sent");
            }
        }

        synchronized void awaitEnd(Exchange exchange) throws IOException {
            while (!ended) {
                waitFor(exchange);
            }
        }

        private void waitFor(Exchange exchange) throws IOException {
            try {
                wait(Math.min(exchange.remainingMillis(), 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        void join() {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
