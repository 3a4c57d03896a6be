package org.msnscope.cli.live;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.msnscope.capture.write.PcapngWriter;

/**
 * Saves live packets to pcapng: one file, or (with a size or time limit) a numbered series
 * {@code NAME-00001.pcapng}, {@code NAME-00002.pcapng}... each a complete capture of its own that
 * {@code read} takes together, in order, as one.
 */
final class RotatingWriter implements AutoCloseable {
    private final Path target;
    private final long maxBytes;
    private final long maxNanos;
    private final int linkType;
    private final int snaplen;
    private final String iface;
    private int index;
    private PcapngWriter writer;
    private BlockFile file;
    private long packets;
    private long openedAtNanos = Long.MIN_VALUE;
    private Path current;

    /** A write to the file failed: the message names the file and says what it still holds. */
    static final class Failed extends IOException {
        Failed(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * @param maxBytes rotate when a file reaches this many bytes (0: never)
     * @param maxNanos rotate when a file spans this much capture time (0: never)
     */
    RotatingWriter(Path target, long maxBytes, long maxNanos, int linkType, int snaplen, String iface) {
        this.target = target;
        this.maxBytes = maxBytes;
        this.maxNanos = maxNanos;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.iface = iface;
    }

    boolean rotating() {
        return maxBytes > 0 || maxNanos > 0;
    }

    /** The file name for part {@code i}: NAME-0000i.EXT. */
    static Path part(Path target, int i) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".pcapng";
        return target.resolveSibling(String.format("%s-%05d%s", base, i, ext));
    }

    /** Opens the first file now, so a path that cannot be written fails before capture starts. */
    void open() throws IOException {
        next();
    }

    private void next() throws IOException {
        if (writer != null) {
            closeCurrent();
        }
        index++;
        current = rotating() ? part(target, index) : target;
        file = new BlockFile(current);
        packets = 0;
        try {
            writer = new PcapngWriter(file, 6, ByteOrder.LITTLE_ENDIAN,
                    "msnscope live -i " + iface + (rotating() ? " (part " + index + ")" : ""));
            writer.addInterface(linkType, snaplen, iface, null);
            writer.flush();
            file.mark(false);
        } catch (IOException e) {
            throw failed(e);
        }
        openedAtNanos = Long.MIN_VALUE;
    }

    /**
     * Appends one packet. A write that fails (the disk is full) leaves the file cut back to its last
     * whole block and throws {@link Failed}; the writer takes no more packets after that.
     */
    void write(long tsNanos, byte[] data, int originalLength) throws IOException {
        if (writer == null) {
            throw new IOException("the --write file is closed");
        }
        if (openedAtNanos == Long.MIN_VALUE) {
            openedAtNanos = tsNanos;
        } else if ((maxNanos > 0 && tsNanos - openedAtNanos >= maxNanos)
                || (maxBytes > 0 && file.size() >= maxBytes)) {
            next();
            openedAtNanos = tsNanos;
        }
        try {
            // the writer's own buffer handed over after each packet: the file below sees where every block ends
            writer.write(linkType, tsNanos, data, 0, data.length, originalLength, null);
            writer.flush();
            packets++;
            file.mark(true);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void closeCurrent() throws IOException {
        try {
            writer.close();
        } catch (IOException e) {
            throw failed(e);
        } finally {
            writer = null;
        }
    }

    /** After a failed write: the writer is dropped, the file (cut back to whole blocks) closed, and the failure described. */
    private Failed failed(IOException e) {
        if (e instanceof Failed f) {
            return f;
        }
        if (writer != null) {
            writer = null;
            try {
                file.close();
            } catch (IOException ignored) {
                // the write already failed: that is what is reported
            }
        }
        long kept = file.packetsOnDisk();
        return new Failed(current + ": cannot write: " + org.msnscope.cli.read.CaptureRun.oneLine(e) + "; the file holds "
                + (kept == packets ? "all " + kept : "the first " + kept + " of the " + packets) + " packets given to it, in "
                + file.bytesOnDisk() + " bytes of whole pcapng blocks", e);
    }

    /** Files written so far. */
    int files() {
        return index;
    }

    /** What the summary says: the file, or the series. */
    String describe() {
        return rotating() ? index + " files " + part(target, 1).getFileName() + ".." + current.getFileName()
                + " in " + (target.toAbsolutePath().getParent()) : target.toString();
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            closeCurrent();
        }
    }
}
