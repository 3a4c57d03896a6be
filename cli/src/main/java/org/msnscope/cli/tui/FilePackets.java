package org.msnscope.cli.tui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.RawPacket;
import org.msnscope.cli.read.CaptureRun;

/**
 * Packets of capture files, located by the record offset the readers report ({@link RawPacket#fileOffset})
 * and read back from the file: one seek and one read for an uncompressed pcap or pcapng file. A
 * gzip-compressed file cannot be seeked into, so it is decompressed again from its start to the
 * offset (one reader is kept open, so reading forward through a file continues where it stopped).
 * The decoding thread sees each packet first ({@link #accept}); the last {@link #RING} packets'
 * locations are held, which covers the packet of every event (an event is emitted with the packet that
 * completes it, or at the end of a flow or of the capture).
 */
final class FilePackets implements Packets, Consumer<RawPacket> {
    static final int RING = 1 << 16;
    private static final long OFFSET_MASK = (1L << 48) - 1;
    private final long[] frames = new long[RING];
    private final long[] locations = new long[RING];
    private final List<Integer> linkTypes = new ArrayList<>();
    private CaptureRun run;
    private CaptureFileReader scanner;
    private int scannerFile = -1;
    private final RawPacket scanned = new RawPacket();
    private boolean scannedValid;

    /** The run whose files are read back (set before decoding starts). */
    void run(CaptureRun r) {
        this.run = r;
    }

    @Override
    public void accept(RawPacket p) {
        int slot = (int) (p.frameNumber & (RING - 1));
        int lt = linkTypes.indexOf(p.linkType);
        if (lt < 0) {
            synchronized (linkTypes) {
                linkTypes.add(p.linkType);
            }
            lt = linkTypes.size() - 1;
        }
        frames[slot] = p.frameNumber;
        locations[slot] = (long) Math.min(p.fileIndex, 127) << 56 | (long) Math.min(lt, 255) << 48
                | (p.fileOffset & OFFSET_MASK);
    }

    @Override
    public long locate(long frame) {
        int slot = (int) (frame & (RING - 1));
        return frame > 0 && frames[slot] == frame ? locations[slot] : -1;
    }

    @Override
    public synchronized Packet fetch(long frame, long location) {
        if (location < 0) {
            return new Packet(frame, null, 0, frame == 0 ? "no packet (an event of the capture as a whole)"
                    : "packet " + frame + " was not located");
        }
        int file = (int) (location >>> 56);
        int linkType;
        synchronized (linkTypes) {
            linkType = linkTypes.get((int) (location >>> 48) & 0xFF);
        }
        long offset = location & OFFSET_MASK;
        Path path = run.openedFiles().get(file);
        String where = path + " offset " + offset;
        try {
            byte[] data = run.readers().get(file).gzipped() ? scan(file, path, offset) : direct(path, offset);
            return new Packet(frame, data, linkType, where + (run.readers().get(file).gzipped() ? " (decompressed)" : ""));
        } catch (IOException | RuntimeException e) {
            return new Packet(frame, null, linkType, where + ": cannot read it again: " + CaptureRun.oneLine(e));
        }
    }

    /** Reads the pcap record or pcapng packet block at {@code offset}. */
    static byte[] direct(Path path, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            byte[] magic = new byte[4];
            f.readFully(magic);
            ByteBuffer m = ByteBuffer.wrap(magic);
            int be = m.getInt(0);
            f.seek(offset);
            if (be == 0x0A0D0D0A) {
                return pcapngBlock(f);
            }
            ByteOrder order = be == 0xA1B2C3D4 || be == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer h = read(f, 16).order(order);
            int caplen = h.getInt(8);
            if (caplen < 0 || caplen > 1 << 26) {
                throw new IOException("pcap record length " + (caplen & 0xFFFFFFFFL) + " at offset " + offset);
            }
            return read(f, caplen).array();
        }
    }

    private static byte[] pcapngBlock(RandomAccessFile f) throws IOException {
        ByteBuffer h = read(f, 8);
        int typeBe = h.getInt(0);
        ByteOrder order = typeBe == 6 || typeBe == 3 || typeBe == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        h.order(order);
        int type = h.getInt(0);
        int length = h.getInt(4);
        if (length < 16 || length > 1 << 26) {
            throw new IOException("pcapng block length " + (length & 0xFFFFFFFFL));
        }
        ByteBuffer body = read(f, length - 8).order(order);
        int at;
        int caplen;
        switch (type) {
            case 6, 2 -> {
                caplen = body.getInt(12);
                at = 20;
            }
            case 3 -> {
                caplen = Math.min(body.getInt(0), length - 16);
                at = 4;
            }
            default -> throw new IOException("block type " + type + " is not a packet");
        }
        if (caplen < 0 || at + caplen > body.capacity()) {
            throw new IOException("pcapng captured length " + caplen + " past its block");
        }
        byte[] out = new byte[caplen];
        body.get(at, out);
        return out;
    }

    private static ByteBuffer read(RandomAccessFile f, int n) throws IOException {
        byte[] b = new byte[n];
        f.readFully(b);
        return ByteBuffer.wrap(b);
    }

    /** Decompresses {@code path} from its start (or from where the last read stopped) to the packet at {@code offset}. */
    private byte[] scan(int file, Path path, long offset) throws IOException {
        if (scanner == null || scannerFile != file || !scannedValid || scanned.fileOffset > offset) {
            if (scanner != null) {
                scanner.close();
            }
            scanner = CaptureFiles.open(path, path.toString(), problem -> { });
            scannerFile = file;
            scannedValid = false;
        }
        while (!scannedValid || scanned.fileOffset < offset) {
            if (!scanner.next(scanned)) {
                scannedValid = false;
                throw new IOException("no packet at offset " + offset);
            }
            scannedValid = true;
        }
        if (scanned.fileOffset != offset) {
            throw new IOException("no packet record starts at offset " + offset);
        }
        return java.util.Arrays.copyOfRange(scanned.data, scanned.offset, scanned.offset + scanned.capturedLength);
    }
}
