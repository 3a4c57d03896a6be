package org.msnscope.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;
import org.msnscope.capture.write.PcapngWriter;

/**
 * A full disk under --write, at every byte: the file behind {@link BlockFile} is given room for
 * {@code room} bytes and no more, for every {@code room} from 0 to past the whole capture, and what
 * is left must always be a capture whose every block is whole and holds exactly the packets
 * {@link BlockFile} says it does. Runs anywhere (LiveFaultsTest does it on a real tmpfs, as root).
 */
class BlockFileTest {
    @TempDir
    Path tmp;

    /** A file that takes {@code room} bytes, then fails as a full disk does (a short write, then ENOSPC). */
    record FullDisk(FileChannel real, long room) implements SeekableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            long left = room - real.size();
            if (left <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() > left) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + (int) left);
                int n = real.write(part);
                src.position(src.position() + n);
                return n;
            }
            return real.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public SeekableByteChannel position(long to) throws IOException {
            real.position(to);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return real.isOpen();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }

    /** Packets of varied sizes (odd lengths pad), together a few stages long. */
    private static final int PACKETS = 400;

    private static byte[] packet(int i) {
        byte[] b = new byte[60 + i * 7 % 1400];
        b[0] = (byte) i;
        return b;
    }

    /** Writes the capture through a BlockFile with {@code room} bytes of disk; the file and what BlockFile says it holds. */
    private long[] writeWithRoom(Path f, long room) throws IOException {
        FileChannel real = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        BlockFile file = new BlockFile(new FullDisk(real, room));
        boolean failed = false;
        try {
            PcapngWriter w = new PcapngWriter(file, 6, ByteOrder.LITTLE_ENDIAN, "test");
            w.addInterface(1, 65535, "lo", null);
            w.flush();
            file.mark(false);
            for (int i = 0; i < PACKETS; i++) {
                byte[] d = packet(i);
                w.write(1, 1_000_000L * i, d, 0, d.length, d.length, null);
                w.flush();
                file.mark(true);
            }
            w.close();
        } catch (IOException e) {
            assertEquals("No space left on device", e.getMessage());
            failed = true;
            file.close();
        }
        return new long[] {file.bytesOnDisk(), file.packetsOnDisk(), failed ? 1 : 0};
    }

    private static long packets(Path f) throws IOException {
        long n = 0;
        try (CaptureFileReader r = CaptureFiles.open(f, f.toString(), problem -> fail(f + " at a cut: " + problem))) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                assertEquals((byte) n, p.data[p.offset], "packet " + n);
                n++;
            }
        }
        return n;
    }

    @Test
    void aFullDiskAtAnyByteLeavesOnlyWholeBlocks() throws Exception {
        Path f = tmp.resolve("f.pcapng");
        long whole = writeWithRoom(f, Long.MAX_VALUE)[0];
        assertEquals(whole, Files.size(f));
        assertEquals(PACKETS, packets(f));
        assertTrue(whole > 3 * BlockFile.STAGE_BYTES, "the capture spans several stages: " + whole);
        int checked = 0;
        long headerBytes = 0;
        for (long room = 0; room <= whole + 1; room += room < 600 || whole - room < 600 ? 1 : 499) {
            long[] r = writeWithRoom(f, room);
            assertEquals(room < whole ? 1 : 0, r[2], "room " + room);
            assertEquals(r[0], Files.size(f), "room " + room + ": the file is cut back to what BlockFile says");
            assertTrue(Files.size(f) <= room, "room " + room);
            if (Files.size(f) == 0) {
                continue; // not even the section header fitted
            }
            headerBytes = headerBytes == 0 ? Files.size(f) : headerBytes;
            assertEquals(r[1], packets(f), "room " + room + ": the packets in the file");
            checked++;
        }
        assertTrue(checked > 1000, "cuts checked " + checked);
        assertTrue(headerBytes > 0);
    }

    @Test
    void afterAFailureTheFileTakesNothingMore() throws Exception {
        Path f = tmp.resolve("g.pcapng");
        FileChannel real = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        BlockFile file = new BlockFile(new FullDisk(real, 100));
        file.write(new byte[150], 0, 150);
        file.mark(false);
        assertThrows(IOException.class, file::drain);
        assertEquals(0, Files.size(f), "a block that did not fit whole is taken back");
        assertThrows(IOException.class, () -> file.write(new byte[4], 0, 4));
        file.close();
        assertEquals(0, Files.size(f));
    }
}
