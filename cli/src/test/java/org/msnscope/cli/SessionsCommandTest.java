package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessions} and {@code chats}: what they print and write, and their exit codes. */
class SessionsCommandTest {
    static final Path SAMPLES = SamplesTest.SAMPLES;

    @TempDir
    Path tmp;

    @Test
    void sessionsListsEachNsSessionAndTheConversationsWithoutOne() {
        Run run = Run.of("sessions", SAMPLES.resolve("msnp8-login/capture.pcap").toString(),
                SAMPLES.resolve("lossy-reordered/capture.pcap").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(
                "1 NS session",
                "",
                "F2  alice@hotmail.com  MSNP8  MSNMSGR 5.0.0540",
                "    2003-10-15 19:02:13.480 - 2003-10-15 19:03:15.974 out  (0 conversations)",
                "",
                "1 conversation whose NS session is not in the capture",
                "    C1  F3  2003-10-15 19:03:02.504 - 2003-10-15 19:03:15.004 out  3 messages  alice@hotmail.com, bob@hotmail.com",
                "",
                "1 dispatch server connection"), List.of(run.outLines()));
    }

    @Test
    void sessionsListsMsnftpFileSessions() {
        Run run = Run.of("sessions", SAMPLES.resolve("msnftp-file/capture.pcap").toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.outLines();
        assertEquals("1 MSNFTP file session", lines[lines.length - 2]);
        assertEquals("    F3  2002-06-15 20:14:44.917 - 2002-06-15 20:14:44.947 fin  bob@hotmail.com", lines[lines.length - 1]);
    }

    @Test
    void chatsShowTransfersAndTheirOutcome() throws Exception {
        Path out = tmp.resolve("chats");
        Run run = Run.of("chats", SAMPLES.resolve("p2p-v1-file-decline/capture.pcap").toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        String t = Files.readString(out.resolve("C1.txt"), StandardCharsets.UTF_8);
        assertTrue(t.contains("] *** alice@hotmail.com offers file \"concert video.wmv\" (48213504 bytes) [T1]\n"), t);
        assertTrue(t.contains("] *** transfer declined: 0 of 48213504 bytes (603 Decline) [T1]\n"), t);
    }

    @Test
    void sessionsOnAMissingFileSaysSoAndExitsOne() {
        Run run = Run.of("sessions", tmp.resolve("nope.pcap").toString());
        assertEquals(1, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().startsWith("msnscope: error: " + tmp.resolve("nope.pcap")), run.err());
    }

    @Test
    void chatsWritesOneTranscriptPerConversation() throws Exception {
        Path out = tmp.resolve("chats");
        Run run = Run.of("chats", SAMPLES.resolve("lossy-reordered/capture.pcap").toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("1 transcript written to " + out + "\n", run.out());
        String t = Files.readString(out.resolve("C1.txt"), StandardCharsets.UTF_8);
        assertTrue(t.startsWith("Conversation C1 (switchboard flow F1)\nLocal user: alice@hotmail.com\n"), t);
        assertTrue(t.contains("[19:03:03] *** bob@hotmail.com joined\n"), t);
        assertTrue(t.contains("[19:03:07] alice@hotmail.com: Hi Bob! Did the photos from the trip arrive?"), t);
        assertTrue(t.contains("こんにちは 😀\n"), t);
        assertTrue(t.endsWith("Participants: alice@hotmail.com, bob@hotmail.com\nMessages: 1\n"), t);
    }

    @Test
    void chatsIntoSomethingThatIsNotADirectoryFailsWithExitThree() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        Run run = Run.of("chats", SAMPLES.resolve("lossy-reordered/capture.pcap").toString(), "--out", file.toString());
        assertEquals(3, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().startsWith("msnscope: error: cannot create directory " + file), run.err());
    }
}
