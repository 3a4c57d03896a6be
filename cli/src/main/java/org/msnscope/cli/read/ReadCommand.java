package org.msnscope.cli.read;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.sink.JsonlSink;
import org.msnscope.cli.sink.OutputSink;
import org.msnscope.cli.sink.TextSink;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.EventSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msnscope read FILE...}: decode capture files into a timeline or JSON Lines. */
@Command(name = "read", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode capture files (pcap, pcapng, gzip-compressed; several files are one capture in time order)",
            "and print what happened: a text timeline, or JSON Lines (docs/events.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:decoded (warnings, e.g. a truncated last record, may have been printed)",
            "1:an input could not be read to its end (everything readable was decoded)",
            "2:usage error", "3:output could not be written", "70:internal error"})
public final class ReadCommand implements Callable<Integer>, Streams.Aware {
    /** Output formats. */
    public enum Format { text, jsonl }

    /** The highest protocol layer decoded. */
    public enum Layer { tcp, msnp }

    /** When the text timeline is coloured by conversation. */
    public enum When { auto, always, never }

    /** How the text timeline shows time. */
    public enum TimeMode { absolute, relative }

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "capture files: pcap or pcapng, optionally gzip-compressed; - reads standard input")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "text (a timeline) or jsonl (one JSON object per event). Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--stats", description = "print only a summary (packets, bytes, flows, gaps, throughput); with --format jsonl one 'stats' object")
    boolean stats;

    @Option(names = "--layer", paramLabel = "LAYER", defaultValue = "msnp",
            description = "highest layer to decode: tcp (flows and reassembly only) or msnp (commands, sessions, conversations, presence, transfers). Default: ${DEFAULT-VALUE}")
    Layer layer;

    @Option(names = "--time", paramLabel = "MODE", defaultValue = "absolute",
            description = "text timeline times: absolute (UTC) or relative (seconds since the first packet). Default: ${DEFAULT-VALUE}")
    TimeMode time;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "colour each conversation's lines in the text timeline: auto (when writing to a terminal), always or never. Default: ${DEFAULT-VALUE}")
    When color;

    @picocli.CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    private Streams streams;

    @Override
    public void streams(Streams s) {
        this.streams = s;
    }

    @Override
    public Integer call() {
        long startedNanos = System.nanoTime();
        OutputStream rawOut = new BufferedOutputStream(streams.out(), 1 << 16);
        Decoding[] holder = new Decoding[1];
        boolean colour = color == When.always
                || (color == When.auto && System.console() != null && streams.out() == System.out);
        java.util.function.Consumer<Decoder> setup = d -> {
            if (layer == Layer.msnp) {
                d.enableMsnp();
            }
        };
        Decoding decoding = stats
                ? Decoding.events(threads.threads(), Limits.defaults(), EventSink.DISCARD, setup)
                : Decoding.written(threads.threads(), Limits.defaults(), out -> format == Format.jsonl
                        ? new JsonlSink(out)
                        : new TextSink(out, time == TimeMode.relative, () -> holder[0].firstTsNanos()).colour(colour),
                        rawOut, setup);
        holder[0] = decoding;
        org.msnscope.decoder.PacketConsumer decoder = decoding.consumer();

        CaptureRun run = new CaptureRun(streams, decoder);
        try {
            if (!run.run(files, () -> streams.out().checkError())) {
                return outputFailed(null);
            }
            if (stats) {
                StatsReport report = new StatsReport(decoder.stats(), files.size(), run.inputBytes(),
                        System.nanoTime() - startedNanos, run.readers(), run.commented()).msnp(decoding.msnp());
                if (format == Format.jsonl) {
                    JsonlSink js = new JsonlSink(rawOut);
                    js.writeObject(report.fields());
                    js.flush();
                } else {
                    rawOut.write(report.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            decoding.flush();
            rawOut.flush();
        } catch (UncheckedIOException e) {
            return outputFailed(e.getCause());
        } catch (IOException e) {
            // MergedSource reports bad files itself; what reaches here is output or close trouble.
            return outputFailed(e);
        }
        if (streams.out().checkError()) {
            return outputFailed(null);
        }
        return run.inputError() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    private int outputFailed(Throwable cause) {
        streams.error("cannot write output" + (cause == null ? "" : ": " + CaptureRun.oneLine(cause)));
        return ExitCodes.OUTPUT_ERROR;
    }
}
