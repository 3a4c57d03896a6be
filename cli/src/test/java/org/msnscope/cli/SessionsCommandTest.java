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
    void conversationsRoutedOverTheNsHaveTranscriptsAndRows() throws Exception {
        // MSNP21 has no switchboard: conversations are keyed by routing address on the NS connection
        Path out = tmp.resolve("chats");
        Path capture = SAMPLES.resolve("msnp21-multiparty/capture.pcapng");
        Run run = Run.of("chats", capture.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("2 transcripts written to " + out + "\n", run.out());
        String t = Files.readString(out.resolve("C1.txt"), StandardCharsets.UTF_8);
        assertTrue(t.startsWith("Conversation C1 (routed over NS flow F1)\nLocal user: alice@hotmail.com\nProtocol: MSNP21\n"), t);
        assertTrue(t.contains("[09:14:54] *** carol@hotmail.com was invited by alice@hotmail.com\n"), t);
        assertTrue(t.contains("[09:15:11] bob@live.com: 9 is early... ok\n"), t);
        assertTrue(t.endsWith("Ended: 2011-05-21 09:17:18 UTC (NS session ended: out)\n"
                + "Participants: alice@hotmail.com, bob@live.com, carol@hotmail.com\nMessages: 3\n"), t);

        Run sessions = Run.of("sessions", capture.toString());
        assertEquals(0, sessions.code(), sessions.err());
        assertEquals(List.of("1 NS session", "", "F1  alice@hotmail.com  MSNP21  MSNMSGR 15.4.3502.0922",
                "    2011-05-21 09:14:42.160 - 2011-05-21 09:17:18.998 out  (2 conversations)",
                "    C1  F1  2011-05-21 09:14:54.264 - 2011-05-21 09:15:46.186 last event, routed over the NS  4 messages"
                        + "  alice@hotmail.com, bob@live.com, carol@hotmail.com",
                "    C2  F1  2011-05-21 09:16:28.470 - 2011-05-21 09:16:48.994 last event, routed over the NS  2 messages"
                        + "  alice@hotmail.com, dave@live.com, erin@hotmail.com"), List.of(sessions.outLines()));
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
