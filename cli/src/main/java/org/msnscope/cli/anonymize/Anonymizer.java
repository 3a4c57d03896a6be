package org.msnscope.cli.anonymize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.msnscope.capture.CaptureException;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblem;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.MergedSource;
import org.msnscope.capture.PacketSource;
import org.msnscope.capture.RawPacket;
import org.msnscope.capture.write.PcapngWriter;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.net.PacketView;

/**
 * Anonymises one capture in two passes over the file (docs/anonymize.md). The first decodes every
 * flow as {@code read} does and plans, per direction, what to rewrite, meeting identities in capture
 * order (which fixes their pseudonyms); the second writes every TCP packet again with its new
 * payload, sequence numbers, addresses, lengths and checksums, as a pcapng file with the input's
 * timestamp precision.
 */
final class Anonymizer {
    /** Written as the section comment of every output file. */
    static final String SECTION_COMMENT = "anonymised by msnscope";

    private final Limits limits = Limits.defaults();
    private final boolean keepText;
    private final Tally tally = new Tally();
    private final Pseudonyms pseudonyms = new Pseudonyms(tally);
    private boolean inputError;

    Anonymizer(boolean keepText) {
        this.keepText = keepText;
    }

    Tally tally() {
        return tally;
    }

    /** True when the input could not be read to its end (what was read is in the output). */
    boolean inputError() {
        return inputError;
    }

    /**
     * @param problems told about the input's problems (once: in the first pass)
     * @throws CaptureException when the input cannot be opened as a capture at all; any other
     *         IOException is the output's
     */
    void run(Path in, String name, OutputStream out, CaptureProblemListener problems) throws IOException {
        StreamRewriter planner = new StreamRewriter(pseudonyms, limits, keepText);
        Tracking first = new Tracking(limits, planner);
        int[] digits = {6};
        read(in, name, problems, raw -> {
            tally.packetsRead++;
            digits[0] = Math.max(digits[0], raw.timestampDigits);
            first.packet(raw, this::learnAddresses);
        });
        first.finish();
        planner.finish();

        PcapngWriter writer = new PcapngWriter(out, digits[0] > 6 ? 9 : 6, ByteOrder.LITTLE_ENDIAN, SECTION_COMMENT);
        PacketRewriter second = new PacketRewriter(pseudonyms, planner.plans(), limits);
        IOException[] failed = {null};
        // every I/O failure from here on is the output's: the input opened once already
        read(in, name, CaptureProblemListener.IGNORE, raw -> {
            if (failed[0] == null && second.rewrite(raw)) {
                try {
                    writer.write(raw.linkType, raw.timestampNanos, second.out, 0, second.outLength,
                            second.outOriginalLength, null);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }
        });
        second.finish();
        for (FlowPlan plan : planner.plans().values()) {
            tally.zeroedBytes += plan.c2s.zeroedOut + plan.s2c.zeroedOut;
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        writer.flush();
    }

    /** Addresses get their pseudonyms in order of first appearance in the headers, before any payload. */
    private void learnAddresses(PacketView v) {
        if (v.v6) {
            pseudonyms.addresses.learnV6(v.srcHi, v.srcLo);
            pseudonyms.addresses.learnV6(v.dstHi, v.dstLo);
        } else {
            pseudonyms.addresses.learnV4((int) v.srcLo);
            pseudonyms.addresses.learnV4((int) v.dstLo);
        }
    }

    private void read(Path in, String name, CaptureProblemListener problems,
            java.util.function.Consumer<RawPacket> each) throws IOException {
        CaptureProblemListener tracked = pr -> {
            if (pr.fatal()) {
                inputError = true;
            }
            problems.problem(pr);
        };
        PacketSource source;
        try {
            source = CaptureFiles.open(in, name, tracked);
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            throw new CaptureException(name, -1, org.msnscope.cli.read.CaptureRun.oneLine(e), e);
        }
        try (MergedSource merged = new MergedSource(List.of(source), tracked)) {
            RawPacket packet = new RawPacket();
            while (merged.next(packet)) {
                each.accept(packet);
            }
        }
    }

    /** Reports a problem the way {@code read} does. */
    static CaptureProblem fatal(CaptureException e) {
        return new CaptureProblem(e.source(), e.offset(), "capture_file_error", e.reason(), true);
    }
}
