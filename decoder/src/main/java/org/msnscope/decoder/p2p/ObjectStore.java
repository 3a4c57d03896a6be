package org.msnscope.decoder.p2p;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The bytes of one object being reassembled: in memory up to a threshold, then in a temporary
 * file written at each piece's offset (holes stay sparse). Memory across all stores is bounded by a
 * shared {@link Budget}: a store that would take more moves to its file. Nothing is read from the
 * wire into a file name; the temporary file lives in the directory the layer was given.
 */
final class ObjectStore implements AutoCloseable {
    /** Bytes held in memory by all stores of one layer. */
    static final class Budget {
        private final long max;
        private long held;

        Budget(long max) {
            this.max = max;
        }

        boolean take(long n) {
            if (held + n > max) {
                return false;
            }
            held += n;
            return true;
        }

        void give(long n) {
            held -= n;
        }

        long held() {
            return held;
        }
    }

    private final Budget budget;
    private final int spillBytes;
    private final Path spillDir;
    private byte[] mem = new byte[0];
    /** highest end written */
    private long length;
    private FileChannel file;
    private Path filePath;

    ObjectStore(Budget budget, int spillBytes, Path spillDir) {
        this.budget = budget;
        this.spillBytes = spillBytes;
        this.spillDir = spillDir;
    }

    /** True once the object lives in a temporary file. */
    boolean spilled() {
        return file != null;
    }

    long length() {
        return length;
    }

    void write(long offset, byte[] b, int off, int len) throws IOException {
        long end = offset + len;
        if (file == null && end > mem.length) {
            long want = Math.max(end, Math.min((long) spillBytes, Math.max(4096L, (long) mem.length * 2)));
            if (end > spillBytes || !budget.take(want - mem.length)) {
                spill();
            } else {
                mem = Arrays.copyOf(mem, (int) want);
            }
        }
        if (file != null) {
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            long at = offset;
            while (bb.hasRemaining()) {
                at += file.write(bb, at);
            }
        } else {
            System.arraycopy(b, off, mem, (int) offset, len);
        }
        length = Math.max(length, end);
    }

    /** Reads [offset, offset+len) (written bytes; holes read as zeros). */
    void read(long offset, byte[] dst, int off, int len) throws IOException {
        if (file != null) {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long at = offset;
            while (bb.hasRemaining()) {
                int r = file.read(bb, at);
                if (r < 0) {
                    Arrays.fill(dst, off + (int) (at - offset), off + len, (byte) 0);
                    break;
                }
                at += r;
            }
        } else {
            int avail = (int) Math.max(0, Math.min(len, mem.length - offset));
            if (avail > 0) {
                System.arraycopy(mem, (int) offset, dst, off, avail);
            }
            if (avail < len) {
                Arrays.fill(dst, off + avail, off + len, (byte) 0);
            }
        }
    }

    private void spill() throws IOException {
        Files.createDirectories(spillDir);
        filePath = Files.createTempFile(spillDir, ".msnscope-", ".spill");
        file = FileChannel.open(filePath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (length > 0) {
            file.write(ByteBuffer.wrap(mem, 0, (int) length), 0);
        }
        budget.give(mem.length);
        mem = new byte[0];
    }

    /** Writes the first {@code size} bytes to {@code target} (replacing it), then frees the store. */
    void saveAs(Path target, long size) throws IOException {
        if (file != null) {
            if (file.size() != size) {
                file.truncate(size);
                if (file.size() < size) {
                    file.write(ByteBuffer.allocate(1), size - 1);
                }
            }
            file.close();
            file = null;
            Files.move(filePath, target, StandardCopyOption.REPLACE_EXISTING);
            filePath = null;
        } else {
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                int n = (int) Math.min(size, mem.length);
                ByteBuffer bb = ByteBuffer.wrap(mem, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                if (size > n) {
                    // holes (a partial object) stay sparse
                    out.write(ByteBuffer.allocate(1), size - 1);
                }
            }
        }
        close();
    }

    @Override
    public void close() {
        budget.give(mem.length);
        mem = new byte[0];
        try {
            if (file != null) {
                file.close();
                file = null;
            }
            if (filePath != null) {
                Files.deleteIfExists(filePath);
                filePath = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
