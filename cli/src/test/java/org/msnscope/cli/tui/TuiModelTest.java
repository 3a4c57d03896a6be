package org.msnscope.cli.tui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.SamplesAccess;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;

/** The tui's model without a screen: filters, tree scopes, noise, search, selection, export, raw bytes. */
class TuiModelTest {
    private static final String P2P = TuiScreensTest.P2P;

    private static List<String> expected(String sample) throws Exception {
        return Files.readAllLines(SamplesAccess.samples().resolve(sample).resolve("expected.jsonl"), StandardCharsets.UTF_8);
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    /** The JSON lines of the rows in the view, in order. */
    private static List<String> viewJson(Screens s) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < s.app.view.count(); k++) {
            out.add(s.store.row(s.app.view.event(k)).json());
        }
        return out;
    }

    @Test
    void everyEventIsStoredAsReadWritesIt() throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            assertEquals(expected(P2P), viewJson(s), "the stored JSON lines are read --format jsonl's");
        }
    }

    @Test
    void kindFilterKeepsOnlyThatKindAndTheSelection() throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            int text = TuiScreensTest.first(s.store, r -> r.json().contains("\"kind\":\"text\""));
            assertTrue(s.app.view.select(text));
            s.app.applyFilter("kind: message");
            List<String> json = viewJson(s);
            assertEquals(count(expected(P2P), "\"type\":\"message\""), json.size());
            assertTrue(json.stream().allMatch(l -> l.contains("\"type\":\"message\"")));
            assertEquals(text, s.app.view.selectedEvent(), "the selected event stays selected through the filter");
            s.app.applyFilter("kind: transfer");
            assertEquals(92 + 7, s.app.view.count(), "a second kind is added to the first");
            s.app.applyFilter("clear all filters");
            assertEquals(270, s.app.view.count());
        }
    }

    @Test
    void noiseHidesTypingAndTheCommandsThatCarriedIt() throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            long typing = count(expected(P2P), "\"kind\":\"typing\"");
            assertTrue(typing > 0);
            s.keys("t");
            List<String> json = viewJson(s);
            assertEquals(270 - 2 * typing, json.size(), "each typing message and the MSG that carried it");
            assertFalse(json.stream().anyMatch(l -> l.contains("\"kind\":\"typing\"")));
            assertEquals("typing and keep-alive hidden (t shows them)", s.app.message);
            s.keys("t");
            assertEquals(270, s.app.view.count());
        }
    }

    @Test
    void treeScopesSelectTheirEvents() throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            List<SessionTree.Visible> nodes = s.app.treeNodes();
            List<String> texts = nodes.stream().map(v -> "  ".repeat(v.depth()) + v.text()).toList();
            assertEquals(List.of("All events", "  No NS session", "    C1 alice@hotmail.com, bob@hotmail.com",
                    "      T1 display picture \"TFR2C2.tmp\" completed", "    C2 bob@hotmail.com, alice@hotmail.com"), texts);
            s.app.scope(nodes.get(3));
            List<String> json = viewJson(s);
            assertEquals(count(expected(P2P), "\"transfer\":\"T1\""), json.size());
            assertTrue(json.stream().allMatch(l -> l.contains("\"transfer\":\"T1\"")));
            s.app.scope(nodes.get(4));
            json = viewJson(s);
            assertEquals(count(expected(P2P), "\"flow\":\"F2\""), json.size(), "C2 is everything on its switchboard flow");
            s.app.scope(nodes.get(0));
            assertEquals(270, s.app.view.count());
        }
    }

    @Test
    void searchFindsSummaryAndFieldsAndSteps() throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            s.keys("/tfr2c2\n");
            assertEquals(7, s.app.search.found());
            assertEquals("\"tfr2c2\": match 1 of 7 in the view", s.app.message);
            int first = s.app.view.selectedEvent();
            s.keys("n");
            assertEquals("\"tfr2c2\": match 2 of 7 in the view", s.app.message);
            s.keys("N");
            assertEquals(first, s.app.view.selectedEvent());
            s.keys("N");
            assertEquals("\"tfr2c2\": match 7 of 7 in the view, wrapped to the bottom", s.app.message);
            s.keys("n");
            assertEquals("\"tfr2c2\": match 1 of 7 in the view, wrapped to the top", s.app.message);
            assertEquals(first, s.app.view.selectedEvent());
            s.keys("/no such text anywhere\n");
            assertEquals("\"no such text anywhere\": no match in the view", s.app.message);
        }
    }

    @Test
    void exportWritesTheViewAndAsksBeforeOverwriting(@TempDir Path dir) throws Exception {
        try (Screens s = Screens.of(P2P, 80, 24)) {
            Path jsonl = dir.resolve("all.jsonl");
            s.keys("e" + jsonl + "\n");
            assertEquals("exported 270 events to " + jsonl + " (JSON Lines)", s.app.message);
            assertEquals(expected(P2P), Files.readAllLines(jsonl, StandardCharsets.UTF_8));
            s.app.applyFilter("kind: transfer");
            Path text = dir.resolve("transfers.txt");
            s.keys("e" + text + "\n");
            List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
            assertEquals(7, lines.size());
            assertEquals("2009-03-14 19:22:15.459422  SB  -  alice@hotmail.com  T1 display picture \"TFR2C2.tmp\" "
                    + "from bob@hotmail.com to alice@hotmail.com 36.2 KB: offered", lines.get(0));
            s.keys("e" + jsonl + "\n");
            assertEquals(TuiApp.Mode.PROMPT, s.app.mode);
            assertEquals(jsonl + " exists: overwrite it? (y/n) ", s.app.promptLabel);
            s.keys("n\n");
            assertEquals("not exported: " + jsonl + " left as it was", s.app.message);
            assertEquals(270, Files.readAllLines(jsonl).size());
            s.keys("e" + jsonl + "\ny\n");
            assertEquals(7, Files.readAllLines(jsonl).size());
            s.keys("e" + dir.resolve("no-such-dir").resolve("x.jsonl") + "\n");
            assertTrue(s.app.message.startsWith("cannot export to " + dir.resolve("no-such-dir").resolve("x.jsonl") + ": "),
                    s.app.message);
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void rawBytesAreReadBackFromPcapPcapngAndGzip(@TempDir Path dir) throws Exception {
        for (String sample : List.of(P2P, "msnp18-mpop")) {
            Path plain = Screens.capture(sample);
            Path gz = dir.resolve(sample + ".gz");
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(plain, o);
            }
            List<byte[]> packets = new ArrayList<>();
            try (CaptureFileReader r = CaptureFiles.open(plain, "x", p -> { })) {
                RawPacket p = new RawPacket();
                while (r.next(p)) {
                    packets.add(java.util.Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength));
                }
            }
            for (Path file : List.of(plain, gz)) {
                EventStore store = new EventStore();
                FileDecoding d = new FileDecoding(store);
                d.start(List.of(file));
                d.await();
                int checked = 0;
                for (int i = store.size() - 1; i >= 0; i -= 7) { // backwards too, for the gzip reader's restart
                    EventStore.Row row = store.row(i);
                    if (row.frame() == 0) {
                        continue;
                    }
                    Packets.Packet p = d.packets().fetch(row.frame(), row.packet());
                    assertNotNull(p.data(), p.where());
                    assertArrayEquals(packets.get((int) row.frame() - 1), p.data(), file + " packet " + row.frame());
                    checked++;
                }
                assertTrue(checked > 10);
                store.close();
            }
        }
    }

    @Test
    void liveFollowsAndKeepsTheSelectionWhenPaused() throws Exception {
        EventStore store = new EventStore();
        LivePackets packets = new LivePackets();
        Decoder decoder = new Decoder(Limits.defaults(), new Collector(store, packets));
        decoder.enableMsnp();
        TuiApp app = new TuiApp(store, packets, true);
        List<RawPacket> all = new ArrayList<>();
        try (CaptureFileReader r = CaptureFiles.open(Screens.capture(P2P), "x", p -> { })) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                RawPacket c = new RawPacket();
                c.set(p);
                c.data = java.util.Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength);
                c.offset = 0;
                c.frameNumber = all.size() + 1;
                all.add(c);
            }
        }
        for (int i = 0; i < 60; i++) {
            decoder.packet(all.get(i));
            packets.keep(all.get(i).frameNumber, all.get(i).data, 0, all.get(i).capturedLength, all.get(i).linkType);
        }
        app.view.refresh();
        assertTrue(app.view.following());
        assertEquals(app.view.count() - 1, app.view.selected(), "following: the newest event is selected");
        app.key(new KeyStroke(KeyType.ArrowUp));
        assertFalse(app.view.following(), "moving up pauses");
        int kept = app.view.selectedEvent();
        for (int i = 60; i < all.size(); i++) {
            decoder.packet(all.get(i));
        }
        decoder.finish();
        app.view.refresh();
        assertEquals(kept, app.view.selectedEvent(), "paused: new events do not move the selection");
        assertEquals(270, app.view.count());
        app.key(new KeyStroke('F', false, false));
        assertTrue(app.view.following());
        assertEquals(269, app.view.selected());
        assertArrayEquals(all.get(0).data, packets.fetch(1, 1).data(), "live packets are held in memory");
        assertTrue(packets.fetch(61, 61).where().startsWith("packet 61 is no longer held"), "packets not kept are said so");
        store.close();
    }

    @Test
    void summariesReadLikeTheIssueAsks() throws Exception {
        assertEquals("4.8 KB", Summary.size(4915));
        assertEquals("512 bytes", Summary.size(512));
        try (Screens s = Screens.of(TuiScreensTest.CHAT, 80, 24)) {
            List<String> summaries = new ArrayList<>();
            s.store.scan(0, s.store.size(), r -> summaries.add(r.summary()));
            assertTrue(summaries.contains("alice@hotmail.com changed status to Online"), summaries.toString());
            assertTrue(summaries.contains("C1 bob@hotmail.com sent a nudge"), summaries.toString());
        }
        try (Screens s = Screens.of(P2P, 80, 24)) {
            List<String> summaries = new ArrayList<>();
            s.store.scan(0, s.store.size(), r -> summaries.add(r.summary()));
            assertTrue(summaries.contains("C1 alice@hotmail.com is typing"));
            assertTrue(summaries.stream().anyMatch(t -> t.matches("T1 display picture \"TFR2C2.tmp\" from bob@hotmail.com "
                    + "to alice@hotmail.com 36.2 KB: completed, verified")), summaries.toString());
        }
    }

    @Test
    void p2pv2HeaderFieldsAndPacking() {
        // transport header: length 8, op 0, message size 8 + 4, identifier 7; data header: length 8, TF 4, package 1, session 9
        byte[] b = {8, 0, 0, 12, 0, 0, 0, 7, 8, 4, 0, 1, 0, 0, 0, 9, 'a', 'b', 'c', 'd', 0, 0, 0, 12};
        assertEquals(List.of("P2P header (v2, big-endian)", "  header length: 8", "  operation code: 0x0",
                "  message size: 12", "  identifier: 7", "  data header length: 8", "  TF combination: 0x4",
                "  package number: 1", "  session id: 9", "  footer (app id): 12"), P2pHeader.describe(b, 0, b.length, true));
        assertEquals(List.of(Detail.HEADING + "h", "  a: 1" + " ".repeat(20) + "  b: 2", "  a long field that does not fit: x",
                "    c: 3"), Detail.pack(List.of(Detail.HEADING + "h", "  a: 1", "  b: 2",
                "  a long field that does not fit: x", "    c: 3"), 60));
    }

    @Test
    void noTerminalIsRefusedWithOneLine() {
        assertEquals("tui needs a terminal that can draw a screen (TERM is dumb); 'msnscope read FILE...' prints the same "
                + "timeline as text", TuiCommand.noTerminal("dumb", true));
        assertTrue(TuiCommand.noTerminal(null, true).contains("TERM is not set"));
        assertTrue(TuiCommand.noTerminal("xterm-256color", false).startsWith("tui needs a terminal (standard input and output"));
        assertNull(TuiCommand.noTerminal("xterm-256color", true));
        assertNull(TuiCommand.noTerminal("tmux-256color", true));
    }
}
