package org.msnscope.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.msnscope.testkit.live.Load;
import org.msnscope.testkit.live.Replay;
import org.msnscope.testkit.p2p.P2pSamples;

/**
 * Command line: {@code Generate scenario FILE.scn --out OUT.pcap} or {@code Generate bulk --bytes 1G
 * --flows 10000 [--web-share 0.95] [--seed N] --out OUT.pcap} or {@code Generate pressure --flows N --sessions N
 * --transfers N --out OUT.pcap} ({@link PressureGenerator}) or {@code Generate p2p-samples --out samples/}
 * (the P2P, MSNSLP and MSNFTP sample folders, without captures), {@code Generate msnp21-samples --out samples/}
 * (the MSNP21 sample folders without transfers) or {@code Generate replay FILE.scn
 * [--port-offset N]} (the scenario's exchange over real sockets on 127.0.0.1, see {@link Replay}). Exit code 0 on success, 1 when the
 * generation fails (bad scenario, I/O), 2 on a usage mistake; errors are one line on stderr.
 */
public final class Generate {
    private static final String USAGE = "usage: Generate scenario FILE.scn --out OUT.pcap | Generate bulk --bytes SIZE"
            + " --flows N [--web-share F] [--seed N] --out OUT.pcap | Generate p2p-samples --out DIR"
            + " | Generate msnp21-samples --out DIR"
            + " | Generate pressure --flows N --sessions N --transfers N --out OUT.pcap"
            + " | Generate replay FILE.scn [--port-offset N]"
            + " | Generate load --sessions N --rate MESSAGES_PER_S --seconds S [--port P] [--text BYTES]";
    /** Port offset of {@code replay} without {@code --port-offset}: 1863 listens on 21863. */
    static final int DEFAULT_PORT_OFFSET = 20000;

    private Generate() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command in-process and returns its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            if (args[0].equals("scenario")) {
                return scenario(out, err, args);
            }
            if (args[0].equals("bulk")) {
                return bulk(out, err, args);
            }
            if (args[0].equals("p2p-samples")) {
                return p2pSamples(out, args);
            }
            if (args[0].equals("msnp21-samples")) {
                return msnp21Samples(out, args);
            }
            if (args[0].equals("pressure")) {
                return pressure(out, args);
            }
            if (args[0].equals("replay")) {
                return replay(out, err, args);
            }
            if (args[0].equals("load")) {
                return load(out, args);
            }
            err.println("generate: unknown command " + args[0] + "; " + USAGE);
            return 2;
        } catch (UsageException e) {
            err.println("generate: " + e.getMessage());
            return 2;
        } catch (ScenarioParseException e) {
            err.println("generate: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("generate: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int scenario(PrintStream out, PrintStream err, String[] args)
            throws IOException, ScenarioParseException {
        if (args.length != 4 || !args[2].equals("--out")) {
            throw new UsageException(USAGE);
        }
        Scenario s = ScenarioFile.parse(Path.of(args[1]));
        s.writeTo(Path.of(args[3]));
        out.println("wrote " + args[3]);
        return 0;
    }

    private static int replay(PrintStream out, PrintStream err, String[] args)
            throws IOException, ScenarioParseException {
        int offset = DEFAULT_PORT_OFFSET;
        if (args.length == 4 && args[2].equals("--port-offset")) {
            offset = (int) number("--port-offset", args[3], -65535, 65535);
        } else if (args.length != 2) {
            throw new UsageException(USAGE);
        }
        Replay.Result result;
        try {
            Replay replay = Replay.of(Path.of(args[1]));
            result = replay.run(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), offset);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            return 1;
        }
        for (Map.Entry<String, Integer> e : result.localPorts().entrySet()) {
            out.println(e.getKey() + " listened on 127.0.0.1:" + e.getValue());
        }
        for (Replay.ConnectionResult c : result.connections()) {
            out.println("connection " + c.index() + " " + c.clientEndpoint() + " -> " + c.serverEndpoint() + ": "
                    + c.serverReceived().length + " bytes c2s, " + c.clientReceived().length + " bytes s2c, local ports "
                    + c.clientLocalPort() + " -> " + c.serverLocalPort());
        }
        out.println("replayed " + result.connections().size() + " connections in "
                + result.elapsedNanos() / 1_000_000 + " ms");
        return 0;
    }

    private static int load(PrintStream out, String[] args) throws IOException {
        int sessions = -1;
        int rate = -1;
        long seconds = -1;
        int port = 1863;
        int text = 40;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--sessions" -> sessions = (int) number("--sessions", v, 1, Load.MAX_SESSIONS);
                case "--rate" -> rate = (int) number("--rate", v, 1, 10_000_000);
                case "--seconds" -> seconds = number("--seconds", v, 1, 3600);
                case "--port" -> port = (int) number("--port", v, 1, 65535);
                case "--text" -> text = (int) number("--text", v, 1, 1400);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (sessions < 0 || rate < 0 || seconds < 0) {
            throw new UsageException("load needs --sessions, --rate and --seconds");
        }
        Load.Result r = Load.run(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port, sessions, rate,
                java.time.Duration.ofSeconds(seconds), text);
        out.printf(java.util.Locale.ROOT, "load: %d sessions, %d messages in %.2f s (%.0f messages/s), %d bytes%n",
                r.sessions(), r.messages(), r.elapsedNanos() / 1e9, r.messagesPerSecond(), r.bytes());
        return 0;
    }

    /** {@code pressure}: the capture of {@link PressureGenerator}, every table past its limit. */
    private static int pressure(PrintStream out, String[] args) throws IOException {
        Map<String, String> o = options(args, "--flows", "--sessions", "--transfers", "--out");
        if (o.size() != 4) {
            throw new UsageException("pressure needs --flows, --sessions, --transfers and --out");
        }
        String target = o.get("--out");
        PressureGenerator.Stats stats = new PressureGenerator(count(o, "--flows"), count(o, "--sessions"),
                count(o, "--transfers")).writeTo(Path.of(target));
        out.println("wrote " + target + ": " + stats.packets() + " packets, " + stats.fileBytes() + " bytes, "
                + stats.tcpFlows() + " connections");
        return 0;
    }

    /** The {@code --name value} pairs after the command word, each name one of {@code names}. */
    private static Map<String, String> options(String[] args, String... names) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!java.util.List.of(names).contains(args[i])) {
                throw new UsageException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            m.put(args[i], args[i + 1]);
        }
        return m;
    }

    private static int count(Map<String, String> options, String name) {
        return (int) number(name, options.get(name), 0, PressureGenerator.MAX_COUNT);
    }

    private static int msnp21Samples(PrintStream out, String[] args) throws IOException {
        if (args.length != 3 || !args[1].equals("--out")) {
            throw new UsageException(USAGE);
        }
        for (Path p : org.msnscope.testkit.msnp21.Msnp21Samples.write(Path.of(args[2]))) {
            out.println("wrote " + p);
        }
        return 0;
    }

    private static int p2pSamples(PrintStream out, String[] args) throws IOException {
        if (args.length != 3 || !args[1].equals("--out")) {
            throw new UsageException(USAGE);
        }
        for (Path dir : P2pSamples.write(Path.of(args[2]))) {
            out.println("wrote " + dir);
        }
        return 0;
    }

    private static int bulk(PrintStream out, PrintStream err, String[] args) throws IOException {
        long bytes = -1;
        int flows = -1;
        double webShare = 0;
        long seed = 1;
        boolean p2p = false;
        String target = null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--bytes" -> bytes = size(v);
                case "--flows" -> flows = (int) number("--flows", v, 1, BulkGenerator.MAX_FLOWS);
                case "--web-share" -> {
                    try {
                        webShare = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--web-share must be a number, not " + v);
                    }
                    if (!(webShare >= 0 && webShare < 1)) {
                        throw new UsageException("--web-share must be within 0 and below 1");
                    }
                }
                case "--seed" -> seed = number("--seed", v, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--out" -> target = v;
                case "--p2p" -> p2p = Boolean.parseBoolean(v);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (bytes < 0 || flows < 0 || target == null) {
            throw new UsageException("bulk needs --bytes, --flows and --out");
        }
        BulkGenerator.Stats stats = new BulkGenerator(bytes, flows, seed, webShare).p2p(p2p)
                .writeTo(Path.of(target));
        out.println("wrote " + target + ": " + stats.packets() + " packets, " + stats.fileBytes() + " bytes, "
                + stats.connectionsOpened() + " connections");
        return 0;
    }

    /** Parses a size like 1G, 500M, 64K or 1000 (binary multiples). */
    static long size(String v) {
        String t = v.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long n = number("--bytes", t, 1, (1L << 50));
        if (n > (1L << 50) / unit) {
            throw new UsageException("--bytes too large: " + v);
        }
        return n * unit;
    }

    private static long number(String name, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, not " + v);
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be within " + min + ".." + max);
        }
        return n;
    }

    /** A mistake in the command line (exit code 2). */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
