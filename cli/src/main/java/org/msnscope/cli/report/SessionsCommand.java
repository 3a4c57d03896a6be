package org.msnscope.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.cli.read.Decoding;
import org.msnscope.cli.read.ThreadsOption;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msnscope sessions FILE...} and {@code msnscope chats FILE... --out DIR}. */
public final class SessionsCommand {
    private SessionsCommand() {
    }

    /** Decodes the files with MSNP on, every event to {@code sink}; returns the exit code. */
    static int decode(Streams streams, List<Path> files, int threads, org.msnscope.decoder.event.EventSink sink) {
        Decoding decoding = Decoding.events(threads, Limits.defaults(), sink, Decoder::enableMsnp);
        CaptureRun run = new CaptureRun(streams, decoding.consumer());
        try {
            run.run(files, () -> false);
        } catch (IOException | UncheckedIOException e) {
            streams.error("cannot write output: " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
        return run.inputError() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    /** What both commands share: the capture files and the run's streams. */
    abstract static class OnFiles implements Callable<Integer>, Streams.Aware {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "capture files (pcap, pcapng, gzip); - reads standard input")
        List<Path> files;

        @picocli.CommandLine.Mixin
        ThreadsOption threads = new ThreadsOption();

        Streams streams;

        @Override
        public void streams(Streams s) {
            streams = s;
        }
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true,
            description = "List the NS sessions in capture files (account, version, client, times) with the conversations each opened (participants, times, message counts).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:decoded", "1:an input could not be read to its end (everything readable was decoded)",
                "2:usage error", "3:output could not be written", "70:internal error"})
    public static final class Sessions extends OnFiles {
        @Override
        public Integer call() {
            SessionTable table = new SessionTable();
            int code = decode(streams, files, threads.threads(), table);
            if (code == ExitCodes.OUTPUT_ERROR) {
                return code;
            }
            streams.out().print(table.render());
            streams.out().flush();
            if (streams.out().checkError()) {
                streams.error("cannot write output");
                return ExitCodes.OUTPUT_ERROR;
            }
            return code;
        }
    }

    @Command(name = "chats", mixinStandardHelpOptions = true,
            description = {"Write one plain-text transcript per conversation (participants, times, messages, nudges)",
                "into DIR as C1.txt, C2.txt... (names are generated, never taken from the capture)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:decoded", "1:an input could not be read to its end (everything readable was decoded)",
                "2:usage error", "3:output could not be written (e.g. DIR is not a writable directory)",
                "70:internal error"})
    public static final class Chats extends OnFiles {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the transcripts (created if missing)")
        Path out;

        @Override
        public Integer call() {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                streams.error("cannot create directory " + out + ": " + CaptureRun.oneLine(e));
                return ExitCodes.OUTPUT_ERROR;
            }
            Transcripts t = new Transcripts(out);
            int code = decode(streams, files, threads.threads(), t);
            try {
                t.close();
            } catch (IOException e) {
                streams.error("cannot write a transcript in " + out + ": " + CaptureRun.oneLine(e));
                return ExitCodes.OUTPUT_ERROR;
            }
            if (code == ExitCodes.OUTPUT_ERROR) {
                return code;
            }
            streams.out().println(t.written() + (t.written() == 1 ? " transcript" : " transcripts") + " written to " + out);
            return code;
        }
    }

}
