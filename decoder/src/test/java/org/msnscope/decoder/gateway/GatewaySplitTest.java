package org.msnscope.decoder.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.FlowEndEvent;
import org.msnscope.decoder.event.FlowStartEvent;
import org.msnscope.testkit.ScenarioFile;

/**
 * The gateway and SOAP samples decoded with their TCP segments cut at other sizes, down to one byte
 * per segment: HTTP heads, chunk lines and MSNP commands split anywhere must give the same events
 * (CONVENTIONS.md, byte-split tests). Only flow bookkeeping (packet counts) may differ.
 */
class GatewaySplitTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String sample : List.of("gateway-ns-sb", "gateway-hostile", "soap-contacts-oim")) {
            for (int mss : new int[] {1, 7, 61, 536}) {
                out.add(Arguments.of(sample, mss));
            }
        }
        return out.stream();
    }

    static Path samples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("samples/ not found");
        }
        return p.resolve("samples");
    }

    @ParameterizedTest(name = "{0} at mss {1}")
    @MethodSource("cases")
    void segmentSizeDoesNotChangeTheEvents(String sample, int mss) throws Exception {
        Path scn = samples().resolve(sample).resolve("scenario.scn");
        List<String> reference = decode(scn, 0);
        assertFalse(reference.isEmpty());
        assertEquals(reference, decode(scn, mss), sample + " cut into segments of " + mss + " bytes");
    }

    private List<String> decode(Path scn, int mss) throws Exception {
        List<String> lines = Files.readAllLines(scn);
        if (mss > 0) {
            int first = 0;
            while (!lines.get(first).startsWith("option")) {
                first++;
            }
            lines.add(first, "option mss " + mss);
        }
        Path copy = tmp.resolve("s" + mss + ".scn");
        Files.write(copy, lines);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioFile.parse(copy).writeTo(bytes);
        Path cap = tmp.resolve("c" + mss + ".cap");
        Files.write(cap, bytes.toByteArray());
        List<String> events = new ArrayList<>();
        Decoder d = new Decoder(Limits.defaults(), e -> {
            if (!(e instanceof FlowStartEvent) && !(e instanceof FlowEndEvent)) {
                events.add(describe(e));
            }
        });
        d.enableMsnp();
        try (PacketSource src = CaptureFiles.open(cap, "c", CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                d.packet(p);
            }
        }
        d.finish();
        return events;
    }

    /** The event without its time and packet number, which segmentation changes. */
    static String describe(Event e) {
        StringBuilder b = new StringBuilder(e.type());
        try {
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                String n = c.getName();
                if (!n.equals("tsNanos") && !n.equals("tsDigits") && !n.equals("frame") && !n.equals("messageFrame")) {
                    b.append(' ').append(n).append('=').append(c.getAccessor().invoke(e));
                }
            }
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
        return b.toString();
    }
}
