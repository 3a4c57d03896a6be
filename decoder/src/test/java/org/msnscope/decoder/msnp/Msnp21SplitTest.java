package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.testkit.Scenario;
import org.msnscope.testkit.ScenarioFile;

/**
 * The MSNP21 samples cut into TCP segments of other sizes, down to one byte per segment (every byte
 * boundary at once) for the chat samples: what the MSNP layer makes of them is the same, apart from packet
 * numbers and times. The framer's own tests split routed streams at every single boundary too.
 */
class Msnp21SplitTest {
    @TempDir
    Path tmp;

    static Path samples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) {
            p = p.getParent();
        }
        return p.resolve("samples");
    }

    static Stream<Arguments> cases() throws Exception {
        try (Stream<Path> s = Files.list(samples())) {
            List<Path> dirs = s.filter(d -> d.getFileName().toString().startsWith("msnp21-")).sorted().toList();
            assertFalse(dirs.isEmpty(), "no MSNP21 samples");
            // the transfer sample carries ~100 KB: one-byte segments would take a minute, so it starts at 7
            return dirs.stream().flatMap(d -> (d.getFileName().toString().contains("p2p") ? Stream.of(7, 13, 61, 536)
                    : Stream.of(1, 2, 3, 7, 61, 536)).map(mss -> Arguments.of(d.getFileName().toString(), mss)));
        }
    }

    /**
     * The events without what segmentation changes: flows' packet counts, frame numbers and times, and the
     * interleaving of the two directions (a one-byte segment stream lets a client's next command overtake the
     * server's long answer). Commands are compared per flow and direction, everything else per flow, in order.
     */
    static List<String> msnp(List<Event> events) {
        java.util.Map<String, List<String>> streams = new java.util.TreeMap<>();
        for (Event e : events) {
            if (e instanceof FlowStartEvent || e instanceof FlowEndEvent) {
                continue;
            }
            String key = e.flow() + (e instanceof CommandEvent c ? " " + c.dir() : " events");
            streams.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(key + ": " + e.toString()
                    .replaceAll("tsNanos=-?\\d+, tsDigits=\\d+, frame=\\d+", "").replaceAll("messageFrame=\\d+", "")
                    .replaceAll("\\[J@[0-9a-f]+", "[J"));
        }
        return streams.values().stream().flatMap(List::stream).toList();
    }

    @ParameterizedTest(name = "{0} mss {1}")
    @MethodSource("cases")
    void everySegmentationGivesTheSameEvents(String sample, int mss) throws Exception {
        Path scn = samples().resolve(sample).resolve("scenario.scn");
        MsnpSessionTest helper = new MsnpSessionTest();
        helper.tmp = tmp;
        List<String> whole = msnp(helper.decode(ScenarioFile.parse(scn), Limits.defaults()));
        Scenario cut = ScenarioFile.parse(scn).mss(mss);
        List<String> split = msnp(helper.decode(cut, Limits.defaults()));
        for (int i = 0; i < Math.min(whole.size(), split.size()); i++) {
            assertEquals(whole.get(i), split.get(i), sample + " with MSS " + mss + ", event " + i);
        }
        assertEquals(whole.size(), split.size(), sample + " with MSS " + mss + ": events");
    }
}
