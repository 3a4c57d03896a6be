package org.msnscope.cli.tui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The detail pane's "carried by packets": for every sample, each command whose bytes span several
 * packets is put back together from exactly those packets: its bytes start with its command line, are
 * as long as the line and payload, and for a message continue with its MIME headers as the decoder read them.
 */
class TuiCarriersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void commandsSpanningPacketsAreRebuiltFromTheirPackets() throws Exception {
        TreeMap<String, Integer> spanned = new TreeMap<>();
        int exact = 0;
        List<Path> samples = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("..", "samples"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("capture.pcap"))).sorted().forEach(samples::add);
        }
        for (Path sample : samples) {
            EventStore store = new EventStore();
            FileDecoding d = new FileDecoding(store);
            d.start(List.of(sample.resolve("capture.pcap")));
            d.await();
            for (int i = 0; i < store.size(); i++) {
                EventStore.Row row = store.row(i);
                Carriers.Command command = Carriers.command(row.json());
                if (row.span().command() != i || command == null || !row.json().contains("\"type\":\"command\"")) {
                    continue;
                }
                Packets.Packet last = d.packets().fetch(row.frame(), row.packet());
                Carriers.Carried c = Carriers.of(store, row, last, d.packets());
                if (c.packets().size() < 2) {
                    continue;
                }
                String where = sample.getFileName() + " event " + (i + 1);
                spanned.merge(sample.getFileName().toString(), 1, Integer::sum);
                assertEquals(command.length(), c.bytes().length, where);
                byte[] line = command.line().getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(line, java.util.Arrays.copyOf(c.bytes(), line.length), where);
                assertEquals(row.frame(), c.packets().get(c.packets().size() - 1).frame(), where);
                for (int k = 1; k < c.packets().size(); k++) {
                    assertTrue(c.packets().get(k - 1).frame() < c.packets().get(k).frame(), where);
                }
                // the message it carried: its MIME headers are the bytes after the line, in order
                EventStore.Row next = i + 1 < store.size() ? store.row(i + 1) : null;
                JsonNode message = next == null ? null : JSON.readTree(next.json());
                if (message != null && message.path("type").asText().equals("message") && next.frame() == row.frame()
                        && message.path("headers").size() > 0) {
                    StringBuilder headers = new StringBuilder(command.line());
                    message.get("headers").fields().forEachRemaining(h ->
                            headers.append(h.getKey()).append(": ").append(h.getValue().asText()).append("\r\n"));
                    byte[] expect = headers.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(expect, java.util.Arrays.copyOf(c.bytes(), expect.length), where);
                    exact++;
                }
            }
            store.close();
        }
        System.out.println("commands spanning packets per sample: " + spanned + "; with their MIME headers checked: " + exact);
        assertTrue(spanned.values().stream().mapToInt(Integer::intValue).sum() >= 5, "multi-packet commands: " + spanned);
        assertTrue(exact >= 20, "multi-packet messages whose headers were checked: " + exact);
    }
}
