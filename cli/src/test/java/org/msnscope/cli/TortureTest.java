package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-capture torture on every sample: cut short at many offsets, bytes flipped, records
 * duplicated and shuffled, two captures concatenated, a record or pcapng block corrupted in the
 * middle. Every run ends with exit 0 or 1 and one-line messages, never an exception; and every event
 * the clean decode had decided before the damage is in the damaged decode, identical.
 *
 * <p>"Decided before the damage" is measured, not guessed: the clean capture cut at the first
 * damaged record (a valid file of the records before it) is decoded too, and the events that decode
 * shares with the whole capture's decode, at frames before the damage, are the ones that must
 * survive. Events that depend on later packets (a flow's end, a message whose payload continues in
 * the damaged record) are thereby left out, and nothing else is.
 */
class TortureTest {
    @TempDir
    Path tmp;

    /**
     * Cuts per sample at most (every 13 bytes for small captures), flipped variants per sample,
     * duplicated-and-shuffled variants per sample. The defaults keep CI within its time; a long run
     * raises them, e.g. {@code mvn test -pl cli -am -Dtest=TortureTest -Dsurefire.failIfNoSpecifiedTests=false
     * -Dmsnscope.damage.cuts=5000 -Dmsnscope.damage.flips=1000 -Dmsnscope.damage.shuffles=200}.
     */
    static final int CUTS = Integer.getInteger("msnscope.damage.cuts", 100);
    static final int FLIPS = Integer.getInteger("msnscope.damage.flips", 30);
    static final int SHUFFLES = Integer.getInteger("msnscope.damage.shuffles", 12);

    private static final Pattern FRAME = Pattern.compile("\"frame\":(\\d+)");

    static Stream<Path> cases() throws IOException {
        return SamplesTest.cases();
    }

    /** One sample: its bytes, its records, and decodes cached by the number of leading records kept. */
    private final class Subject {
        final Path dir;
        final byte[] whole;
        final Records records;
        final List<String> clean;
        final Map<Integer, List<String>> decided = new HashMap<>();

        Subject(Path dir) throws IOException {
            this.dir = dir;
            this.whole = Files.readAllBytes(SamplesTest.capture(dir));
            this.records = Records.of(whole);
            Run r = Run.of("read", "--threads", "1", "--format", "jsonl", SamplesTest.capture(dir).toString());
            assertEquals(ExitCodes.OK, r.code(), r.err());
            this.clean = Arrays.asList(r.outLines());
        }

        /** The decode of the records before record {@code first} (index from 0), as a file of its own. */
        List<String> prefixDecode(int first) throws IOException {
            Path f = tmp.resolve("prefix");
            Files.write(f, Arrays.copyOf(whole, first < records.count() ? records.start(first) : whole.length));
            Run r = Run.of("read", "--threads", "1", "--format", "jsonl", f.toString());
            assertSane(r, dir + ": prefix of " + first + " records");
            return Arrays.asList(r.outLines());
        }

        /** The clean decode's events at frames before record {@code first} that the prefix decode shares. */
        List<String> decidedBefore(int first) throws IOException {
            List<String> cached = decided.get(first);
            if (cached == null) {
                java.util.Set<String> prefix = new java.util.HashSet<>(prefixDecode(first));
                cached = new ArrayList<>();
                for (String line : clean) {
                    long frame = frame(line);
                    if (frame > 0 && frame <= first && prefix.contains(line)) {
                        cached.add(line);
                    }
                }
                decided.put(first, cached);
            }
            return cached;
        }

        /** Decodes {@code bytes}: sane, and every event decided before record {@code first} kept. */
        Run check(byte[] bytes, int first, String what, String... extra) throws IOException {
            Path f = tmp.resolve("damaged");
            Files.write(f, bytes);
            String[] args = Stream.concat(Stream.of("read", "--format", "jsonl"), Stream.concat(Stream.of(extra),
                    Stream.of(f.toString()))).toArray(String[]::new);
            Run r = Run.of(args);
            String where = dir.getFileName() + ": " + what;
            assertSane(r, where);
            for (String line : r.outLines()) {
                assertTrue(line.startsWith("{\"ts\":") && line.endsWith("}"), where + ": " + line);
            }
            java.util.Set<String> got = new java.util.HashSet<>(Arrays.asList(r.outLines()));
            for (String line : decidedBefore(first)) {
                assertTrue(got.contains(line), where + ": an event decided before the damage is missing or changed: "
                        + line);
            }
            return r;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutAnywhere(Path dir) throws IOException {
        Subject s = new Subject(dir);
        int step = Math.max(13, s.whole.length / CUTS);
        int k = 0;
        for (int n = 0; n < s.whole.length; n += step) {
            int first = s.records.firstEndingAfter(n);
            // a cut file is the records before the cut plus part of one: its decode is exactly the decode of
            // those records, but for the warning about the part
            Run r = s.check(Arrays.copyOf(s.whole, n), first, "cut at " + n, "--threads", k++ % 4 == 0 ? "2" : "1");
            if (n >= s.records.headerBytes()) {
                List<String> expected = s.prefixDecode(first);
                List<String> got = Arrays.stream(r.outLines())
                        .filter(l -> !l.contains("\"code\":\"capture_truncated_record\"")).toList();
                assertEquals(expected, got, dir.getFileName() + ": cut at " + n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flippedBytes(Path dir) throws IOException {
        Subject s = new Subject(dir);
        Random rnd = new Random(dir.getFileName().toString().hashCode());
        for (int i = 0; i < FLIPS; i++) {
            byte[] b = s.whole.clone();
            int firstOffset = Integer.MAX_VALUE;
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 + rnd.nextInt(255));
                firstOffset = Math.min(firstOffset, at);
            }
            int first = s.records.containing(firstOffset);
            s.check(b, first, "flip variant " + i + " (first flip at " + firstOffset + ")", "--threads",
                    i % 3 == 0 ? "2" : "1");
            assertSane(Run.of("read", "--threads", "2", "--stats", tmp.resolve("damaged").toString()),
                    dir.getFileName() + ": flip variant " + i + " --stats");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recordsDuplicatedAndShuffled(Path dir) throws IOException {
        Subject s = new Subject(dir);
        Records rec = s.records;
        assertTrue(rec.count() >= 3, "a sample of at least three records");
        // every record twice: retransmissions of everything; what was said is decoded the same
        List<Integer> twice = new ArrayList<>();
        for (int i = 0; i < rec.count(); i++) {
            twice.add(i);
            twice.add(i);
        }
        Run r = s.check(rec.reordered(twice), 0, "every record duplicated", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(withoutFrames(s.clean, "message"), withoutFrames(Arrays.asList(r.outLines()), "message"),
                dir.getFileName() + ": messages with every record duplicated");
        Random rnd = new Random(dir.getFileName().toString().hashCode() * 31L);
        for (int i = 0; i < SHUFFLES; i++) {
            List<Integer> order = rec.inOrder();
            int at = 1 + rnd.nextInt(rec.count() - 2);
            int window = Math.min(2 + rnd.nextInt(8), rec.count() - at);
            String what;
            if (i % 3 == 0) {
                for (int k = 0; k < window; k++) {
                    order.add(at, order.get(at + 2 * k)); // each record of the window twice, in place
                }
                what = "records " + at + "+" + window + " duplicated";
            } else {
                java.util.Collections.shuffle(order.subList(at, at + window), rnd);
                what = "records " + at + "+" + window + " shuffled";
            }
            int first = at;
            while (first < order.size() && order.get(first) == first) {
                first++;
            }
            s.check(rec.reordered(order), first, what, "--threads", i % 2 == 0 ? "1" : "2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoCapturesConcatenated(Path dir) throws IOException {
        Subject s = new Subject(dir);
        List<Path> all = SamplesTest.cases().toList();
        Path otherDir = all.get((all.indexOf(dir) + 1) % all.size());
        byte[] other = Files.readAllBytes(SamplesTest.capture(otherDir));
        byte[] both = new byte[s.whole.length + other.length];
        System.arraycopy(s.whole, 0, both, 0, s.whole.length);
        System.arraycopy(other, 0, both, s.whole.length, other.length);
        // the samples share addresses, so the second capture's packets may continue the first one's flows: what
        // ends at the end of the first (flow and session ends, deliveries and transfers left open) may end later
        Run r = s.check(both, 0, "followed by " + otherDir.getFileName(), "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        java.util.Set<String> got = new java.util.HashSet<>(Arrays.asList(r.outLines()));
        for (String line : s.decidedBefore(s.records.count())) {
            if (!line.matches(".*\"type\":\"(flow_end|session_end|delivery|transfer)\".*")) {
                assertTrue(got.contains(line), dir.getFileName() + " + " + otherDir.getFileName() + ": " + line);
            }
        }
        boolean legalPcapng = s.records.pcapng && Records.of(other).pcapng; // a second section, no warning
        assertEquals(legalPcapng ? 0 : 1, Arrays.stream(r.errLines())
                .filter(l -> l.contains("concatenated") || l.contains("appended")).count(), r.err());
        // both captures are decoded whole: every command of the first, then every command of the second
        Run second = Run.of("read", "--threads", "1", "--format", "jsonl", SamplesTest.capture(otherDir).toString());
        List<String> want = new ArrayList<>(commands(s.clean));
        want.addAll(commands(Arrays.asList(second.outLines())));
        assertEquals(want, commands(Arrays.asList(r.outLines())), dir.getFileName() + " + " + otherDir.getFileName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corruptRecordInTheMiddle(Path dir) throws IOException {
        Subject s = new Subject(dir);
        Records rec = s.records;
        assertTrue(rec.count() >= 3, "a sample of at least three records");
        int mid = rec.count() / 2;
        // the clean capture without that record: what the damaged one must decode to, but for the warning
        List<Integer> without = rec.inOrder();
        without.remove(mid);
        Path f = tmp.resolve("without");
        Files.write(f, rec.reordered(without));
        List<String> expected = Arrays.asList(Run.of("read", "--threads", "1", "--format", "jsonl", f.toString())
                .outLines());
        for (int variant = 0; variant < (rec.pcapng ? 3 : 1); variant++) {
            byte[] b = s.whole.clone();
            int at = rec.start(mid);
            ByteBuffer bb = ByteBuffer.wrap(b).order(rec.order);
            String what;
            if (!rec.pcapng) {
                bb.putInt(at + 8, 0x7F7F7F7F);
                what = "record " + mid + " with a captured length of 0x7f7f7f7f";
            } else if (variant == 0) {
                bb.putInt(at + 4, 0x7F7F7F7C);
                what = "block " + mid + " with a leading length of 0x7f7f7f7c";
            } else if (variant == 1) {
                bb.putInt(at + bb.getInt(at + 4) - 4, 0x11111110);
                what = "block " + mid + " with a trailing length that differs";
            } else {
                bb.putInt(at + 4, bb.getInt(at + 4) + 8);
                what = "block " + mid + " 8 bytes longer than it is";
            }
            Run r = s.check(b, mid, what, "--threads", "1");
            assertEquals(ExitCodes.OK, r.code(), what + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.errLines()[0].startsWith("msnscope: warning: ") && r.errLines()[0].contains("; skipped "),
                    r.err());
            List<String> got = Arrays.stream(r.outLines())
                    .filter(l -> !l.contains("\"code\":\"capture_resync\"")).toList();
            assertEquals(expected, got, dir.getFileName() + ": " + what + ": the records after it decode as if it"
                    + " had never been there");
        }
    }

    private static long frame(String line) {
        Matcher m = FRAME.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static List<String> withoutFrames(List<String> lines, String type) {
        return lines.stream().filter(l -> l.contains("\"type\":\"" + type + "\""))
                .map(l -> FRAME.matcher(l).replaceAll("\"frame\":0")).toList();
    }

    /** Each command event's direction, verb and arguments, in order (flow ids and frames differ between runs). */
    private static List<String> commands(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.contains("\"type\":\"command\"")) {
                out.add(l.substring(l.indexOf("\"dir\":")));
            }
        }
        return out;
    }

    static void assertSane(Run r, String what) {
        assertTrue(r.code() == ExitCodes.OK || r.code() == ExitCodes.INPUT_ERROR, what + ": exit " + r.code() + " " + r.err());
        assertFalse(r.err().contains("internal error"), what + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what + ": " + r.err());
        for (String line : r.errLines()) {
            assertTrue(line.startsWith("msnscope: error: ") || line.startsWith("msnscope: warning: "), what + ": " + line);
        }
        if (r.code() == ExitCodes.INPUT_ERROR) {
            assertEquals(1, Arrays.stream(r.errLines()).filter(l -> l.startsWith("msnscope: error: ")).count(), what);
        }
    }

    /**
     * Where a capture file's records are: pcap records, or pcapng packet blocks (with the blocks before
     * each). Read independently of the readers under test, from the clean sample.
     */
    static final class Records {
        final boolean pcapng;
        final ByteOrder order;
        final byte[] file;
        /** Start offset of each record; for pcapng, of each packet block. */
        final int[] starts;
        /** End offset of each record. */
        final int[] ends;
        final int header;

        private Records(boolean pcapng, ByteOrder order, byte[] file, int[] starts, int[] ends, int header) {
            this.pcapng = pcapng;
            this.order = order;
            this.file = file;
            this.starts = starts;
            this.ends = ends;
            this.header = header;
        }

        static Records of(byte[] f) {
            ByteBuffer b = ByteBuffer.wrap(f);
            List<int[]> recs = new ArrayList<>();
            if (b.getInt(0) == 0x0A0D0D0A) {
                ByteOrder order = b.order(ByteOrder.LITTLE_ENDIAN).getInt(8) == 0x1A2B3C4D
                        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                b.order(order);
                int header = -1;
                for (int at = 0; at + 12 <= f.length; ) {
                    int type = b.getInt(at);
                    int len = b.getInt(at + 4);
                    if (type == 2 || type == 3 || type == 6) {
                        header = header < 0 ? at : header;
                        recs.add(new int[] {at, at + len});
                    }
                    at += len;
                }
                return new Records(true, order, f, recs.stream().mapToInt(r -> r[0]).toArray(),
                        recs.stream().mapToInt(r -> r[1]).toArray(), header < 0 ? f.length : header);
            }
            ByteOrder order = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 0xA1B2C3D4
                    || b.getInt(0) == 0xA1B23C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            b.order(order);
            for (int at = 24; at + 16 <= f.length; ) {
                int len = 16 + b.getInt(at + 8);
                recs.add(new int[] {at, at + len});
                at += len;
            }
            return new Records(false, order, f, recs.stream().mapToInt(r -> r[0]).toArray(),
                    recs.stream().mapToInt(r -> r[1]).toArray(), 24);
        }

        int count() {
            return starts.length;
        }

        int start(int i) {
            return starts[i];
        }

        /** Bytes before the first record (file header, interface descriptions). */
        int headerBytes() {
            return header;
        }

        /** Index of the first record that ends after offset {@code n} (count() when none). */
        int firstEndingAfter(int n) {
            int i = 0;
            while (i < ends.length && ends[i] <= n) {
                i++;
            }
            return i;
        }

        /** Index of the first record the byte at {@code offset} belongs to or comes before. */
        int containing(int offset) {
            if (offset < header) {
                return 0;
            }
            int i = 0;
            while (i < ends.length && ends[i] <= offset) {
                i++;
            }
            return i;
        }

        /** Every record's index in file order, in a list the caller may change. */
        List<Integer> inOrder() {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < starts.length; i++) {
                order.add(i);
            }
            return order;
        }

        /** The file with its records in {@code order} (indexes; repeats allowed), bytes between records kept in place. */
        byte[] reordered(List<Integer> order) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(file, 0, starts.length == 0 ? file.length : starts[0]);
            for (int i : order) {
                out.write(file, starts[i], ends[i] - starts[i]);
            }
            if (starts.length > 0) {
                int tail = ends[ends.length - 1];
                out.write(file, tail, file.length - tail);
            }
            return out.toByteArray();
        }
    }
}
