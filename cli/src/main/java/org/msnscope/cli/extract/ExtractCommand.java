package org.msnscope.cli.extract;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.cli.sink.JsonFields;
import org.msnscope.cli.sink.TransferJson;
import org.msnscope.cli.read.Decoding;
import org.msnscope.cli.read.ThreadsOption;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.EventSink;
import org.msnscope.decoder.event.TransferEvent;
import org.msnscope.decoder.p2p.TransferSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code msnscope extract FILE... --out DIR}: every object a transfer carried (pictures,
 * emoticons, files, winks...) written under a generated name, with manifest.json describing each.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Rebuild every transferred object (P2P over switchboards and direct connections, MSNFTP) and write it",
            "into DIR as T1-display_picture.png, T2-file.bin... (names are generated, never taken from the capture;",
            "the extension comes from the bytes). Objects that did not arrive whole get .partial and their missing",
            "byte ranges. DIR/manifest.json lists every transfer with its state, SHA-1, verification and path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:decoded", "1:an input could not be read to its end (everything readable was decoded)",
            "2:usage error (bad --max-size; DIR already holds an extraction and --overwrite was not given)",
            "3:output could not be written", "70:internal error"})
public final class ExtractCommand implements Callable<Integer>, Streams.Aware {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "capture files (pcap, pcapng, gzip); - reads standard input")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write the objects and manifest.json into (created if missing)")
    Path out;

    @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "100M",
            description = "largest object kept, in bytes or with K, M or G (default: ${DEFAULT-VALUE}); bytes past it are counted, not kept, and the object is flagged cut_off")
    String maxSize;

    @Option(names = "--overwrite", description = "write into a DIR that already holds an extraction (objects of the same name are replaced)")
    boolean overwrite;

    @picocli.CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    /** Parses 123, 64K, 100M, 2G (powers of 1024). */
    public static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            mult = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long v = Long.parseLong(t);
        if (v < 0 || v > Long.MAX_VALUE / mult) {
            throw new NumberFormatException();
        }
        return v * mult;
    }

    /** One manifest entry: the final event and where its bytes went. */
    private record Entry(TransferEvent event, String path, long written) {
    }

    @Override
    public Integer call() {
        long max;
        try {
            max = parseSize(maxSize);
        } catch (NumberFormatException e) {
            streams.error("--max-size: \"" + maxSize + "\" is not a size (bytes, or a number with K, M or G)");
            return ExitCodes.USAGE;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            streams.error(out + ": cannot create the output directory: " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
        if (!overwrite && holdsExtraction(out)) {
            streams.error(out + " already holds an extraction (manifest.json or T*- objects); choose an empty directory or pass --overwrite");
            return ExitCodes.USAGE;
        }
        reserveManifestRoom();
        List<Entry> entries = new ArrayList<>();
        java.util.Map<String, String> previews = new java.util.HashMap<>();
        IOException[] writeError = new IOException[1];
        // with decoder threads, each shard's transfers arrive on its own thread: one at a time here
        TransferSink sink = new TransferSink() {
            @Override
            public synchronized void finished(TransferEvent event, Bytes bytes) {
                if (bytes == null || writeError[0] != null) {
                    entries.add(new Entry(event, null, 0));
                    return;
                }
                Path tmp = null;
                try {
                    tmp = Files.createTempFile(out, ".msnscope-", ".part");
                    bytes.saveAs(tmp);
                    String name = event.transfer() + "-" + event.kind() + "." + Sniff.extension(tmp)
                            + (event.complete() ? "" : ".partial");
                    Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    entries.add(new Entry(event, name, bytes.length()));
                } catch (IOException e) {
                    writeError[0] = e;
                    entries.add(new Entry(event, null, 0));
                    deleteQuietly(tmp); // a half-written object is not left behind (and its space is freed)
                }
            }

            @Override
            public synchronized void preview(String transfer, byte[] image) {
                if (writeError[0] != null || previews.containsKey(transfer)) {
                    return;
                }
                String name = transfer + "-preview." + Sniff.extension(image, Math.min(12, image.length));
                try {
                    Files.write(out.resolve(name), image);
                    previews.put(transfer, name);
                } catch (IOException e) {
                    writeError[0] = e;
                    deleteQuietly(out.resolve(name));
                }
            }
        };
        Limits limits = Limits.defaults();
        limits = limits.withP2p(limits.p2p().withMaxObjectBytes(max));
        Decoding decoding = Decoding.events(threads.threads(), limits, EventSink.DISCARD, d -> {
            var msnp = d.enableMsnp();
            msnp.p2p.setSink(sink);
            msnp.p2p.setSpillDirectory(out);
        }, true);
        CaptureRun run = new CaptureRun(streams, decoding.consumer());
        try {
            run.run(files, () -> {
                synchronized (sink) {
                    return writeError[0] != null;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            streams.error(out + ": cannot write: " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
        sweepTemporaries();
        entries.sort((a, b) -> Long.compare(Long.parseLong(a.event.transfer().substring(1)),
                Long.parseLong(b.event.transfer().substring(1))));
        if (writeError[0] != null) { // the decoder threads have ended
            // what was written stays, and the manifest says what it is: a valid partial extraction
            streams.error(out + ": cannot write an object: " + CaptureRun.oneLine(writeError[0]) + "; stopped after "
                    + entries.stream().filter(x -> x.path != null).count() + " objects"
                    + (tryManifest(entries, previews, max) ? ", listed in manifest.json" : ", manifest.json not written"));
            return ExitCodes.OUTPUT_ERROR;
        }
        try {
            writeManifest(entries, previews, max);
        } catch (IOException e) {
            streams.error(out.resolve("manifest.json") + ": cannot write: " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
        for (Entry e : entries) {
            StringBuilder line = new StringBuilder();
            org.msnscope.cli.sink.Timeline.transferLine(line, e.event);
            line.append(e.path != null ? " -> " + out.resolve(e.path) : " (nothing written)");
            streams.out().println(line);
        }
        streams.out().println(entries.size() + " transfer" + (entries.size() == 1 ? "" : "s") + ", "
                + entries.stream().filter(x -> x.path != null).count() + " written to " + out
                + " (manifest.json lists them)");
        streams.out().flush();
        return run.inputError() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    /**
     * Bytes held on the output's file system while objects are written and released just before the
     * manifest is: when the disk fills up during the extraction, the manifest of what was written still
     * fits (up to about a hundred objects' entries).
     */
    static final int MANIFEST_RESERVE_BYTES = 64 << 10;

    private void reserveManifestRoom() {
        Path reserve = out.resolve(".msnscope-manifest.reserve");
        try {
            Files.write(reserve, new byte[MANIFEST_RESERVE_BYTES]);
        } catch (IOException e) {
            deleteQuietly(reserve); // too little room even for that: the run goes on and will say so if it fails
        }
    }

    private boolean tryManifest(List<Entry> entries, java.util.Map<String, String> previews, long max) {
        try {
            writeManifest(entries, previews, max);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Temporary files of this run (objects being written, objects spilled to disk) that a failure left. */
    private void sweepTemporaries() {
        try (Stream<Path> s = Files.list(out)) {
            s.filter(p -> p.getFileName().toString().matches("\\.msnscope-.*\\.(part|spill|reserve)"))
                    .forEach(ExtractCommand::deleteQuietly);
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing to sweep, or the directory went away: the error that matters is reported elsewhere
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the run already reports why it failed
        }
    }

    private static boolean holdsExtraction(Path dir) {
        if (Files.exists(dir.resolve("manifest.json"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("T\\d+-.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private void writeManifest(List<Entry> entries, java.util.Map<String, String> previews, long max)
            throws IOException {
        Path tmp = out.resolve(".manifest.json.tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                    JsonGenerator gen = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
                gen.useDefaultPrettyPrinter();
                gen.writeStartObject();
                gen.writeNumberField("manifest_version", 1);
                gen.writeArrayFieldStart("inputs");
                for (Path f : files) {
                    gen.writeString(f.getFileName() == null ? f.toString() : f.getFileName().toString());
                }
                gen.writeEndArray();
                gen.writeNumberField("max_size", max);
                gen.writeArrayFieldStart("objects");
                for (Entry e : entries) {
                    gen.writeStartObject();
                    TransferJson.fields(JsonFields.of(gen), e.event);
                    gen.writeStringField("path", e.path);
                    gen.writeBooleanField("partial", e.path != null && !e.event.complete());
                    gen.writeNumberField("written_bytes", e.written);
                    gen.writeStringField("preview_path", previews.get(e.event.transfer()));
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
                gen.writeRaw('\n');
            }
            Files.move(tmp, out.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp); // no half-written manifest is left behind
            throw e;
        }
    }
}
