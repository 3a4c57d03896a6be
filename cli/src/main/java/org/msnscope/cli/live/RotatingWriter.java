package org.msnscope.cli.live;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
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
    private Counting counting;
    private long openedAtNanos = Long.MIN_VALUE;
    private Path current;

    /** Counts the bytes that reach the file. */
    private static final class Counting extends FilterOutputStream {
        long n;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            n += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            n++;
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
            writer.close();
        }
        index++;
        current = rotating() ? part(target, index) : target;
        counting = new Counting(Files.newOutputStream(current));
        writer = new PcapngWriter(new BufferedOutputStream(counting, 1 << 16), 6, ByteOrder.LITTLE_ENDIAN,
                "msnscope live -i " + iface + (rotating() ? " (part " + index + ")" : ""));
        writer.addInterface(linkType, snaplen, iface, null);
        openedAtNanos = Long.MIN_VALUE;
    }

    void write(long tsNanos, byte[] data, int originalLength) throws IOException {
        if (openedAtNanos == Long.MIN_VALUE) {
            openedAtNanos = tsNanos;
        } else if ((maxNanos > 0 && tsNanos - openedAtNanos >= maxNanos)
                || (maxBytes > 0 && counting.n >= maxBytes)) {
            next();
            openedAtNanos = tsNanos;
        }
        writer.write(linkType, tsNanos, data, 0, data.length, originalLength, null);
        if (maxBytes > 0) {
            writer.flush();
        }
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
            writer.close();
            writer = null;
        }
    }
}
