package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.testkit.live.Replay;

/**
 * SIGTERM (what Ctrl-C's SIGINT also does) stops a real {@code live} process cleanly: exit code 0,
 * the summary with libpcap's counters, every event of the traffic it saw on stdout, and a
 * {@code --write} file that {@code read} decodes to the same events.
 */
class LiveSignalTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermFlushesTheEventsTheFileAndTheSummary() throws Exception {
        assumeTrue(LiveErrorsTest.libpcap(), "libpcap is not installed (apt-get install libpcap0.8)");
        assumeTrue(LiveErrorsTest.root(), "capturing on lo needs root (or CAP_NET_RAW/CAP_NET_ADMIN)");
        Path written = tmp.resolve("signal.pcapng");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path errFile = tmp.resolve("stderr.txt");
        Path outFile = tmp.resolve("stdout.jsonl");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "org.msnscope.cli.Main",
                "live", "-i", "lo", "--filter", "tcp and portrange 1863-1870", "--format", "jsonl", "--write", written.toString())
                .redirectError(errFile.toFile()).redirectOutput(outFile.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(errFile).startsWith("msnscope: capturing on lo ")) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "live did not start: " + Files.readString(errFile));
                Thread.sleep(50);
            }
            Path dir = SamplesTest.SAMPLES.resolve("msnp2-md5-chat");
            Replay.of(dir.resolve("scenario.scn")).run(InetAddress.getLoopbackAddress(), 0);
            Thread.sleep(500); // the last block timeout passes and the decoder catches up

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "live did not stop on SIGTERM");
            String err = Files.readString(errFile);
            assertEquals(0, p.exitValue(), err);
            assertTrue(err.contains("msnscope: captured "), err);
            assertTrue(err.contains("(libpcap: received "), err);
            assertTrue(err.contains("; written to " + written), err);

            List<String> expected = LiveLoopbackTest.protocolEvents(
                    Run.of("read", "--format", "jsonl", SamplesTest.capture(dir).toString()).out());
            List<String> got = LiveLoopbackTest.protocolEvents(Files.readString(outFile));
            assertEquals(String.join("\n", expected), String.join("\n", got), "events on stdout after SIGTERM");
            assertTrue(Files.size(written) > 0);
            Run reread = Run.of("read", "--format", "jsonl", written.toString());
            assertEquals(0, reread.code(), reread.err());
            assertEquals(String.join("\n", got), String.join("\n", LiveLoopbackTest.protocolEvents(reread.out())),
                    "the --write file after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}
