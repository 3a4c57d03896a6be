package org.msnscope.cli.anonymize;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msnscope anonymize IN OUT [--keep-text]}: a capture that decodes the same, with its identities replaced. */
@Command(name = "anonymize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write OUT, a pcapng capture that decodes like IN with every identity replaced",
            "by a consistent pseudonym: accounts and domains, friendly names, personal",
            "messages, message text (same length), file names, tickets, cookies, passwords,",
            "hashes, profile fields, IP and MAC addresses. Payload lengths, P2P and MSNSLP",
            "sizes, TCP sequence numbers and checksums follow. Prints counts of what was",
            "replaced, never the values (docs/anonymize.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:IN could not be read (nothing written), or not to its end (what was read is in OUT)",
            "2:usage error (OUT exists and --overwrite was not given)", "3:OUT could not be written",
            "70:internal error"})
public final class AnonymizeCommand implements Callable<Integer>, Streams.Aware {
    @Parameters(index = "0", paramLabel = "IN",
            description = "the capture: pcap or pcapng, optionally gzip-compressed; - reads standard input")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the anonymised capture to write (pcapng)")
    Path out;

    @Option(names = "--keep-text", description = "keep the text of messages as it is (it may name people and places)")
    boolean keepText;

    @Option(names = "--overwrite", description = "replace OUT when it exists")
    boolean overwrite;

    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    @Override
    public Integer call() {
        if (Files.exists(out) && !overwrite) {
            streams.error(out + " exists; pass --overwrite to replace it");
            return ExitCodes.USAGE;
        }
        Path input = in;
        String name = in.toString();
        Path spooled = null;
        try {
            if (CaptureRun.STDIN.equals(name)) {
                name = "stdin";
                spooled = Files.createTempFile("msnscope-stdin-", ".cap");
                try (InputStream s = System.in) {
                    Files.copy(s, spooled, StandardCopyOption.REPLACE_EXISTING);
                }
                input = spooled;
            }
            return anonymize(input, name);
        } catch (IOException e) {
            streams.error(name + ": " + CaptureRun.oneLine(e));
            return ExitCodes.INPUT_ERROR;
        } finally {
            deleteQuietly(spooled);
        }
    }

    private int anonymize(Path input, String name) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".part");
        } catch (IOException e) {
            streams.error("cannot write " + out + ": " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
        Anonymizer a = new Anonymizer(keepText);
        boolean moved = false;
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                a.run(input, name, os, this::report);
            }
            move(tmp);
            moved = true;
        } catch (CaptureException e) {
            report(Anonymizer.fatal(e));
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            streams.error("cannot write " + out + ": " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        } finally {
            if (!moved) {
                deleteQuietly(tmp); // also when a defect ends the run: no half-written file is left
            }
        }
        streams.out().print(Report.text(name, out.toString(), a.tally()));
        streams.out().flush();
        return a.inputError() ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void report(CaptureProblem problem) {
        if (problem.fatal()) {
            streams.error(problem.describe());
        } else {
            streams.warning(problem.describe());
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless; the run's outcome was already decided
            }
        }
    }
}
