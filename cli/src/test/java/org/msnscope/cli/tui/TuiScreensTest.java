package org.msnscope.cli.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tui drawn on Lanterna's virtual terminal at 80x24 and 160x48 for a chat sample and a P2P
 * sample, compared with the stored screens in src/test/resources/tui: the timeline, a filtered view,
 * the detail pane (of a P2P data message for the P2P sample) and the help. Decoding is finished
 * before drawing and times are UTC, so the screens depend on neither timing nor the machine.
 * {@code MSNSCOPE_UPDATE_BASELINES=1} rewrites them.
 */
class TuiScreensTest {
    static final Path BASELINES = Path.of("src", "test", "resources", "tui");
    static final String CHAT = "msnp11-psm-nudge";
    static final String P2P = "p2p-v1-display-picture";

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String sample : List.of(CHAT, P2P)) {
            for (int[] size : new int[][] {{80, 24}, {160, 48}}) {
                for (String screen : List.of("timeline", "filtered", "detail", "help")) {
                    l.add(Arguments.of(sample, size[0], size[1], screen));
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} {3}")
    @MethodSource("cases")
    void screen(String sample, int cols, int rows, String screen) throws Exception {
        try (Screens s = Screens.of(sample, cols, rows)) {
            switch (screen) {
                case "filtered" -> s.keys("f").keys("conversation: C1").key(new KeyStroke(KeyType.Enter));
                case "detail" -> {
                    // the chat sample: its first text message; the P2P sample: its first P2P message carrying picture data
                    Predicate<EventStore.Row> wanted = sample.equals(CHAT)
                            ? r -> r.json().contains("\"kind\":\"text\"")
                            : r -> r.json().contains("\"kind\":\"p2p\"") && r.json().matches(".*\"length\":1[0-9]{3},.*");
                    int event = first(s.store, wanted);
                    assertTrue(event >= 0, "no such event in " + sample);
                    assertTrue(s.app.view.select(event));
                    s.key(new KeyStroke(KeyType.Enter));
                }
                case "help" -> s.keys("?");
                default -> { }
            }
            compare(sample + "-" + screen + "-" + cols + "x" + rows + ".txt", s.text());
        }
    }

    static int first(EventStore store, Predicate<EventStore.Row> wanted) throws Exception {
        int[] found = {-1};
        store.scan(0, store.size(), r -> {
            if (wanted.test(r)) {
                found[0] = r.index();
                return false;
            }
            return true;
        });
        return found[0];
    }

    static void compare(String name, String actual) throws Exception {
        Path file = BASELINES.resolve(name);
        if (System.getenv("MSNSCOPE_UPDATE_BASELINES") != null) {
            Files.createDirectories(BASELINES);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(file), "missing " + file + " (MSNSCOPE_UPDATE_BASELINES=1 writes it)");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + ": the screen differs from " + file);
    }
}
