package org.msnscope.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msnscope.capture.LinkType;

/**
 * Reads the text scenario format ({@code .scn}, described in testkit/SCENARIO.md) into a
 * {@link Scenario}. Every mistake is reported as {@code FILE:LINE: message}.
 */
public final class ScenarioFile {
    /** Largest scenario file read. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** Latest time, in seconds after the connection start, a line may use. */
    public static final long MAX_OFFSET_SECONDS = 10_000_000L;

    private final String fileName;
    private final Path directory;
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, TcpConnection> connections = new HashMap<>();
    private Scenario scenario;
    private int lineNumber;

    private ScenarioFile(Path file) {
        this.fileName = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.directory = parent == null ? Path.of(".") : parent;
    }

    /** Parses a scenario file; data files named with @ are read relative to its directory. */
    public static Scenario parse(Path file) throws IOException, ScenarioParseException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new ScenarioParseException(file.toString(), 0, "file larger than " + MAX_FILE_BYTES + " bytes");
        }
        return new ScenarioFile(file).parseLines(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private Scenario parseLines(List<String> lines) throws IOException, ScenarioParseException {
        for (String line : lines) {
            lineNumber++;
            List<String> tokens;
            try {
                tokens = ScenarioTokens.split(line);
                if (!tokens.isEmpty()) {
                    statement(tokens);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw error(e.getMessage());
            }
        }
        return scenario();
    }

    private ScenarioParseException error(String message) {
        return new ScenarioParseException(fileName, lineNumber, message);
    }

    private void statement(List<String> t) throws IOException, ScenarioParseException {
        String first = t.get(0);
        if (first.equals("option")) {
            if (t.size() != 3) {
                throw error("expected: option KEY VALUE");
            }
            if (scenario != null) {
                throw error("options must come before the first conn line");
            }
            String key = t.get(1).toLowerCase(Locale.ROOT);
            if (!List.of("seed", "link", "vlan", "ipv6", "format", "nanos", "snaplen", "mss", "rtt").contains(key)) {
                throw error("unknown option " + t.get(1));
            }
            options.put(key, t.get(2));
            return;
        }
        if (first.equals("conn")) {
            connLine(t);
            return;
        }
        TcpConnection conn = connections.get(first);
        if (conn == null) {
            throw error("unknown connection or keyword: " + first);
        }
        if (t.size() < 3 || !t.get(1).startsWith("+")) {
            throw error("expected: NAME +SECONDS c2s|s2c DATA or NAME +SECONDS close c2s|s2c fin|rst");
        }
        long at = conn.startNanos + seconds(t.get(1).substring(1));
        if (t.get(2).equals("close")) {
            if (t.size() != 5) {
                throw error("expected: NAME +SECONDS close c2s|s2c fin|rst");
            }
            Close how = switch (t.get(4)) {
                case "fin" -> Close.FIN;
                case "rst" -> Close.RST;
                default -> throw error("close needs fin or rst, not " + t.get(4));
            };
            conn.close(at, direction(t.get(3)), how);
            return;
        }
        if (t.size() < 4) {
            throw error("expected: NAME +SECONDS c2s|s2c DATA [DATA...]");
        }
        Direction direction = direction(t.get(2));
        conn.send(direction, at, data(t.subList(3, t.size())));
    }

    private void connLine(List<String> t) throws ScenarioParseException {
        if (t.size() < 5) {
            throw error("expected: conn NAME CLIENT_IP:PORT SERVER_IP:PORT START_ISO8601 [knob=value...]");
        }
        String name = t.get(1);
        if (name.equals("conn") || name.equals("option") || connections.containsKey(name)) {
            throw error("connection name already used or reserved: " + name);
        }
        String[] client = endpoint(t.get(2));
        String[] server = endpoint(t.get(3));
        long start;
        try {
            Instant i = Instant.parse(t.get(4));
            start = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw error("not an ISO-8601 instant (like 2009-06-01T12:00:00Z): " + t.get(4));
        }
        TcpConnection c = scenario().connection(client[0], port(client[1]), server[0], port(server[1]), start);
        for (int i = 5; i < t.size(); i++) {
            ScenarioKnobs.apply(c, t.get(i), this::seconds);
        }
        connections.put(name, c);
    }

    private Scenario scenario() throws ScenarioParseException {
        if (scenario == null) {
            try {
                scenario = ScenarioOptions.build(options);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        return scenario;
    }

    private String[] endpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected IP:PORT or [IPv6]:PORT, not " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write IPv6 endpoints as [ADDRESS]:PORT: " + text);
        }
        return new String[] {host, text.substring(colon + 1)};
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a port: " + text);
        }
        return Integer.parseInt(text);
    }

    /** Parses decimal seconds (up to nanosecond precision) into nanoseconds. */
    long seconds(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of seconds: " + text);
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(MAX_OFFSET_SECONDS)) > 0 || value.scale() > 9) {
            throw new IllegalArgumentException("seconds must be within 0.." + MAX_OFFSET_SECONDS
                    + " with at most 9 decimals: " + text);
        }
        return value.movePointRight(9).longValueExact();
    }

    private static Direction direction(String text) {
        return switch (text) {
            case "c2s" -> Direction.C2S;
            case "s2c" -> Direction.S2C;
            default -> throw new IllegalArgumentException("expected c2s or s2c, not " + text);
        };
    }

    /** Concatenates the data pieces of one line, in order. */
    private byte[] data(List<String> pieces) throws IOException {
        if (pieces.size() == 1) {
            return data(pieces.get(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String piece : pieces) {
            byte[] bytes = data(piece);
            if (out.size() + (long) bytes.length > ChunkText.MAX_CHUNK_BYTES) {
                throw new IllegalArgumentException("data pieces larger than " + ChunkText.MAX_CHUNK_BYTES + " bytes");
            }
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private byte[] data(String token) throws IOException {
        if (token.startsWith("\"")) {
            return ChunkText.quoted(token);
        }
        if (token.startsWith("hex:")) {
            return ChunkText.hexDigits(token.substring(4));
        }
        if (token.startsWith("@")) {
            return ChunkText.file(directory, token.substring(1));
        }
        throw new IllegalArgumentException("data must be \"quoted\", hex:... or @file");
    }

    /** Link type names accepted by {@code option link}. */
    static int linkType(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ethernet", "en10mb" -> LinkType.ETHERNET;
            case "sll", "linux_sll" -> LinkType.LINUX_SLL;
            case "sll2", "linux_sll2" -> LinkType.LINUX_SLL2;
            case "raw" -> LinkType.RAW;
            case "null" -> LinkType.NULL;
            default -> throw new IllegalArgumentException("unknown link type " + text
                    + " (ethernet, sll, sll2, raw, null)");
        };
    }
}
