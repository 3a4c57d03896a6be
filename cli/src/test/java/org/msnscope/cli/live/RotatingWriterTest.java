package org.msnscope.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;

/** --write with --rotate-size / --rotate-time: a numbered series of complete pcapng files, no packet lost. */
class RotatingWriterTest {
    @TempDir
    Path tmp;

    static int packets(Path f) throws Exception {
        int n = 0;
        try (CaptureFileReader r = CaptureFiles.open(f, f.toString(), p -> { })) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void bySizeEveryFileIsACaptureAndTogetherTheyHoldEveryPacket() throws Exception {
        Path target = tmp.resolve("live.pcapng");
        try (RotatingWriter w = new RotatingWriter(target, 10_000, 0, 1, 65535, "lo")) {
            w.open();
            for (int i = 0; i < 100; i++) {
                w.write(1_000_000_000L * i, new byte[500], 500);
            }
            assertTrue(w.files() >= 5, "files " + w.files());
        }
        List<Path> parts = new ArrayList<>();
        for (int i = 1; Files.exists(RotatingWriter.part(target, i)); i++) {
            parts.add(RotatingWriter.part(target, i));
        }
        int total = 0;
        for (Path p : parts) {
            assertTrue(Files.size(p) < 10_000 + 600, p + " " + Files.size(p));
            total += packets(p);
        }
        assertEquals(100, total);
        assertEquals("live-00001.pcapng", parts.get(0).getFileName().toString());
    }

    @Test
    void byTimeANewFileStartsWhenOneSpansTheInterval() throws Exception {
        Path target = tmp.resolve("t.pcapng");
        try (RotatingWriter w = new RotatingWriter(target, 0, 10_000_000_000L, 1, 65535, "lo")) {
            w.open();
            for (int i = 0; i < 35; i++) {
                w.write(1_000_000_000L * i, new byte[60], 60);
            }
            assertEquals(4, w.files());
        }
        assertEquals(10, packets(RotatingWriter.part(target, 1)));
        assertEquals(5, packets(RotatingWriter.part(target, 4)));
    }
}
