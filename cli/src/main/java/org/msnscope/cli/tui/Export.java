package org.msnscope.cli.tui;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.msnscope.cli.sink.Timestamps;

/**
 * Writes the rows of the current view: as JSON Lines (each event's line exactly as {@code read
 * --format jsonl} writes it, docs/events.md) or as a transcript (time, role, direction, account,
 * summary, one line per event). Written to a temporary file beside the target and moved into place,
 * so a failed export leaves nothing half-written.
 */
final class Export {
    private Export() {
    }

    static long write(EventStore store, TimelineView view, Path target, boolean jsonl) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".msnscope-export-", ".tmp");
        Timestamps clock = new Timestamps(' ');
        long[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            int n = view.count();
            if (n > 0) {
                int[] k = {0};
                store.scan(view.event(0), view.event(n - 1) + 1, r -> {
                    if (k[0] >= n || view.event(k[0]) != r.index()) {
                        return true;
                    }
                    k[0]++;
                    try {
                        if (jsonl) {
                            out.write(r.json());
                        } else {
                            int flow = store.flow(r.index());
                            int flags = store.flags(r.index());
                            String account = store.accounts.name(store.accountOf(flow));
                            String role = store.role(flow);
                            out.write(r.frame() == 0 ? "-" : clock.format(r.tsNanos(), r.tsDigits()));
                            out.write("  " + (role.isEmpty() ? "-" : role) + "  "
                                    + ((flags & EventStore.C2S) != 0 ? ">" : (flags & EventStore.S2C) != 0 ? "<" : "-")
                                    + "  " + (account == null ? "-" : account) + "  " + r.summary());
                        }
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                    return true;
                });
            }
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return written[0];
    }
}
