package org.msnscope.cli.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The file under a {@code --write} pcapng writer, which only ever holds whole blocks. The writer's
 * bytes are staged here; {@link #mark} says that what is staged ends at a block boundary. Staged
 * bytes go to the file once {@link #STAGE_BYTES} are waiting (or on {@link #drain}). When a write
 * fails part way (the disk is full), the file is cut back to the last boundary that reached it, so
 * what is left is a valid capture of the blocks before the failure, and the failure is rethrown.
 */
final class BlockFile extends OutputStream {
    /** Bytes staged before they are written to the file in one go. */
    static final int STAGE_BYTES = 64 * 1024;

    private final SeekableByteChannel channel;
    private byte[] stage = new byte[STAGE_BYTES];
    private int staged;
    /** Ends of the staged blocks (offsets into the stage), and the packets staged up to each end. */
    private int[] ends = new int[256];
    private int[] packetsAtEnd = new int[256];
    private int marks;
    private int stagedPackets;
    private long onDisk;
    private long packetsOnDisk;
    private boolean broken;

    BlockFile(Path path) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** Over an open, empty channel (tests give one that fails like a full disk). */
    BlockFile(SeekableByteChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (broken) {
            throw new IOException("the file was cut back after a failed write");
        }
        if (stage.length - staged < len) {
            stage = Arrays.copyOf(stage, Math.max(stage.length * 2, staged + len));
        }
        System.arraycopy(b, off, stage, staged, len);
        staged += len;
    }

    /** Does nothing: only whole blocks reach the file ({@link #mark}, {@link #drain}). */
    @Override
    public void flush() {
    }

    /** What is staged ends a block ({@code packet}: an Enhanced Packet Block); writes the stage once it is full. */
    void mark(boolean packet) throws IOException {
        if (marks == ends.length) {
            ends = Arrays.copyOf(ends, marks * 2);
            packetsAtEnd = Arrays.copyOf(packetsAtEnd, marks * 2);
        }
        if (packet) {
            stagedPackets++;
        }
        ends[marks] = staged;
        packetsAtEnd[marks++] = stagedPackets;
        if (staged >= STAGE_BYTES) {
            drain();
        }
    }

    /**
     * Writes the staged whole blocks to the file. On a failure the file is truncated to the last
     * block boundary written, and the exception is rethrown; the file takes no more.
     */
    void drain() throws IOException {
        int whole = marks == 0 ? 0 : ends[marks - 1];
        ByteBuffer b = ByteBuffer.wrap(stage, 0, whole);
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            broken = true;
            cutBack(b.position());
            throw e;
        }
        onDisk += whole;
        packetsOnDisk += marks == 0 ? 0 : packetsAtEnd[marks - 1];
        System.arraycopy(stage, whole, stage, 0, staged - whole);
        staged -= whole;
        stagedPackets = 0;
        marks = 0;
    }

    /** After {@code written} staged bytes reached the file and no more: keeps the whole blocks among them. */
    private void cutBack(int written) {
        int keep = 0;
        int packets = 0;
        for (int i = 0; i < marks && ends[i] <= written; i++) {
            keep = ends[i];
            packets = packetsAtEnd[i];
        }
        try {
            channel.truncate(onDisk + keep);
            onDisk += keep;
            packetsOnDisk += packets;
        } catch (IOException ignored) {
            // truncating frees space and does not fail on a full disk; if it does, the reader reports the cut block
        }
        staged = 0;
        marks = 0;
        stagedPackets = 0;
    }

    /** Bytes in the file and staged for it. */
    long size() {
        return onDisk + staged;
    }

    /** Bytes in the file now. */
    long bytesOnDisk() {
        return onDisk;
    }

    /** Enhanced Packet Blocks in the file now. */
    long packetsOnDisk() {
        return packetsOnDisk;
    }

    /** Writes what is whole (unless a write failed) and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (!broken) {
                drain();
            }
        } finally {
            channel.close();
        }
    }
}
