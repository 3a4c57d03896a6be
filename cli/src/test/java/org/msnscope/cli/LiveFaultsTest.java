package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;
import org.msnscope.testkit.live.Load;

/**
 * Faults a real {@code live} process meets after its capture has started: the interface going
 * away (a veth pair whose other end lives in a network namespace, deleted mid-capture) and the
 * disk filling under {@code --write} (a tmpfs of 256 KiB). Each must end the run within seconds
 * with its documented exit code and one line on stderr, the events decoded before the fault on
 * stdout and a {@code --write} file that {@code read} takes whole. Needs root, libpcap and
 * {@code ip}; without them the tests are skipped, but fail when CI is set (.ci/run installs them).
 */
class LiveFaultsTest {
    /** How long a process may take to end once its fault happened. */
    static final int EXIT_SECONDS = 10;
    /** The tmpfs under the --write file: far less than the traffic the test sends. */
    static final int DISK_BYTES = 256 * 1024;

    @TempDir
    Path tmp;

    /** Commands that undo what a test set up (the netns, the veth, the mount), run even when it fails. */
    private final List<List<String>> cleanup = new ArrayList<>();
    private Process live;

    @AfterEach
    void undo() throws Exception {
        if (live != null) {
            live.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            sh(cleanup.get(i), true);
        }
    }

    private static void need(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(what + ", and CI is set: the live fault tests must run (.ci/run runs as root and installs libpcap and iproute2)");
        }
        Assumptions.abort(what + ": skipped (the test fails when CI is set)");
    }

    private static boolean ipPresent() {
        try {
            return sh(List.of("ip", "-V"), true).contains("ip");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end; its output, or an AssertionError with it when it fails and {@code tolerate} is false. */
    static String sh(List<String> cmd, boolean tolerate) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0 && !tolerate) {
            throw new AssertionError(cmd + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static void sh(String... cmd) throws IOException {
        sh(List.of(cmd), false);
    }

    private Process startLive(Path out, Path err, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.msnscope.cli.Main", "live"));
        cmd.addAll(List.of(args));
        live = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return live;
    }

    private static void awaitContains(Process p, Path file, String what, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(file).contains(what)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "waited for \"" + what + "\" in " + file.getFileName()
                    + ": " + Files.readString(file));
            Thread.sleep(50);
        }
    }

    /** The lines of stderr that are errors: exactly one is wanted, and nothing of a stack trace. */
    private static String theErrorLine(String err) {
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("Caused by"), "a stack trace: " + err);
        List<String> errors = err.lines().filter(l -> l.startsWith("msnscope: error: ")).toList();
        assertEquals(1, errors.size(), "one error line: " + err);
        return errors.get(0);
    }

    @Test
    void theInterfaceGoingAwayEndsTheRunWithItsCodeAndAWholeFile() throws Exception {
        need(LiveErrorsTest.libpcap(), "libpcap is not installed");
        need(LiveErrorsTest.root(), "not root: a network namespace and a capture need root");
        need(ipPresent(), "ip (iproute2) is not installed");
        long pid = ProcessHandle.current().pid();
        String name = "msv" + pid % 1_000_000;
        String netns = name + "n";
        String host = name + "a";
        String peer = name + "b";
        // a /30 of its own per run, in 10.200.0.0/13
        long net = 0x0AC8_0000L + (pid % 0x2_0000L) * 4;
        String hostAddr = dotted(net + 1);
        String peerAddr = dotted(net + 2);
        sh("ip", "netns", "add", netns);
        cleanup.add(List.of("ip", "netns", "del", netns));
        sh("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
        cleanup.add(List.of("ip", "link", "del", host));
        sh("ip", "link", "set", peer, "netns", netns);
        sh("ip", "addr", "add", hostAddr + "/30", "dev", host);
        sh("ip", "link", "set", host, "up");
        sh("ip", "netns", "exec", netns, "ip", "addr", "add", peerAddr + "/30", "dev", peer);
        sh("ip", "netns", "exec", netns, "ip", "link", "set", peer, "up");

        Path written = tmp.resolve("gone.pcapng");
        Path out = tmp.resolve("stdout.jsonl");
        Path err = tmp.resolve("stderr.txt");
        // the default selection (all TCP, MSN traffic kept): the notification server's port
        Process p = startLive(out, err, "-i", host, "--format", "jsonl", "--write", written.toString());
        awaitContains(p, err, "msnscope: capturing on " + host + " ", 30);

        String reply = "VER 1 MSNP8 CVR0\r\nCVR 2 6.0.0602 6.0.0602 1.0.0000 http://download.example/ http://msn.example/\r\n";
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(hostAddr), 1863));
            Thread answer = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                    in.readNBytes(20);
                    o.write(reply.getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    in.readAllBytes();
                } catch (IOException e) {
                    // the link is deleted under it
                }
            }, "fault-ns");
            answer.setDaemon(true);
            answer.start();
            // the client inside the namespace: bash's /dev/tcp, held open until the link goes
            ProcessBuilder client = new ProcessBuilder("ip", "netns", "exec", netns, "bash", "-c",
                    "exec 3<>/dev/tcp/" + hostAddr + "/1863; printf 'VER 1 MSNP8 CVR0\\r\\nCVR 2 0x0409 win 4.10 i386 MSNMSGR"
                    + " 5.0.0544 MSMSGS alice@hotmail.com\\r\\n' >&3; sleep 20").redirectErrorStream(true);
            Process c = client.start();
            try {
                awaitContains(p, out, "\"1.0.0000\"", 30); // the server's CVR: both directions decoded live
                sh("ip", "link", "del", host); // its peer, in the namespace, goes with it
                long faulted = System.nanoTime();
                assertTrue(p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "live did not end after its interface went away: "
                        + Files.readString(err));
                long ms = (System.nanoTime() - faulted) / 1_000_000;
                System.out.println("LiveFaultsTest: live ended " + ms + " ms after its interface was deleted");
            } finally {
                c.destroyForcibly();
            }
        }
        String stderr = Files.readString(err);
        assertEquals(ExitCodes.INPUT_ERROR, p.exitValue(), stderr);
        String line = theErrorLine(stderr);
        Matcher m = Pattern.compile("msnscope: error: " + Pattern.quote(host)
                + ": the interface went away during the capture \\((.+)\\); (\\d+) packets captured, "
                + Pattern.quote(written.toString()) + " complete").matcher(line);
        assertTrue(m.matches(), line);
        assertTrue(Integer.parseInt(m.group(2)) >= 4, line);

        String liveOut = Files.readString(out);
        List<String> liveEvents = LiveLoopbackTest.protocolEvents(liveOut);
        assertTrue(liveEvents.stream().anyMatch(e -> e.contains("\"alice@hotmail.com\"")), liveOut);
        assertTrue(liveOut.contains("\"flow_start\""), liveOut);
        Run reread = Run.of("read", "--format", "jsonl", written.toString());
        assertEquals(0, reread.code(), reread.err());
        assertEquals(String.join("\n", liveEvents), String.join("\n", LiveLoopbackTest.protocolEvents(reread.out())),
                "the --write file holds what was decoded live");
        assertEquals(liveOut.lines().filter(l -> l.contains("\"flow_start\"")).count(),
                reread.out().lines().filter(l -> l.contains("\"flow_start\"")).count(), "the same flows");
    }

    @Test
    void aFullDiskEndsTheRunWithOutputErrorAndAFileOfWholeBlocks() throws Exception {
        need(LiveErrorsTest.libpcap(), "libpcap is not installed");
        need(LiveErrorsTest.root(), "not root: mounting a tmpfs and capturing need root");
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        sh("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", disk.toString());
        cleanup.add(List.of("umount", disk.toString()));
        Path written = disk.resolve("full.pcapng");
        Path out = tmp.resolve("stdout.jsonl");
        Path err = tmp.resolve("stderr.txt");
        int port = 20_000 + (int) (ProcessHandle.current().pid() % 20_000);
        Process p = startLive(out, err, "-i", "lo", "--filter", "tcp port " + port, "--format", "jsonl",
                "--write", written.toString());
        awaitContains(p, err, "msnscope: capturing on lo ", 30);
        // about 7 MB of switchboard chat: some thirty times what the disk takes
        Load.Result sent = Load.run(InetAddress.getLoopbackAddress(), port, 4, 2000, Duration.ofSeconds(3), 1000);
        assertTrue(sent.bytes() > 20L * DISK_BYTES, "sent " + sent.bytes());
        assertTrue(p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "live did not end on a full disk: " + Files.readString(err));

        String stderr = Files.readString(err);
        assertEquals(ExitCodes.OUTPUT_ERROR, p.exitValue(), stderr);
        String line = theErrorLine(stderr);
        Matcher m = Pattern.compile("msnscope: error: " + Pattern.quote(written.toString())
                + ": cannot write: No space left on device; the file holds the first (\\d+) of the (\\d+) packets given"
                + " to it, in (\\d+) bytes of whole pcapng blocks").matcher(line);
        assertTrue(m.matches(), line);
        long kept = Long.parseLong(m.group(1));
        assertTrue(kept > 0 && kept < Long.parseLong(m.group(2)), line);
        assertEquals(Long.parseLong(m.group(3)), Files.size(written), "the file is cut back to its whole blocks");
        assertTrue(Files.size(written) <= DISK_BYTES);

        // every block whole: the reader finds exactly the packets the line counts, and says nothing of a cut
        assertEquals(kept, packets(written));
        Run reread = Run.of("read", "--format", "jsonl", written.toString());
        assertEquals(0, reread.code(), reread.err());
        assertEquals("", reread.err(), "no truncated block");
        assertTrue(reread.out().contains("\"type\":\"message\""), reread.out());

        // stdout: what was captured was decoded and written out whole, one JSON object per line
        String liveOut = Files.readString(out);
        ObjectMapper json = new ObjectMapper();
        long lines = 0;
        for (String l : liveOut.split("\n")) {
            if (!l.isBlank()) {
                json.readTree(l);
                lines++;
            }
        }
        assertTrue(lines > 0, "events on stdout");
    }

    private static long packets(Path f) throws Exception {
        long n = 0;
        try (CaptureFileReader r = CaptureFiles.open(f, f.toString(), problem -> fail("reading " + f + ": " + problem))) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                n++;
            }
        }
        return n;
    }

    private static String dotted(long a) {
        return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }
}
