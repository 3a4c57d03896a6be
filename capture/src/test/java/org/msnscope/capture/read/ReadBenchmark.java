package org.msnscope.capture.read;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.msnscope.capture.CaptureLimits;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.RawPacket;

/**
 * Manual throughput check (not a test): writes a pcap of 170-byte packets and reads it through
 * positional {@code FileChannel.read} (what the readers use) and {@code InputStream.read}.
 * Run: {@code java -cp capture/target/classes:capture/target/test-classes
 * org.msnscope.capture.read.ReadBenchmark /tmp/bench.pcap 1024}
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/msnscope-bench.pcap");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        if (!Files.exists(file) || Files.size(file) < megabytes << 20) {
            write(file, megabytes << 20);
        }
        long size = Files.size(file);
        for (int round = 0; round < 5; round++) {
            for (String kind : new String[] {"channel", "stream"}) {
                long start = System.nanoTime();
                long[] counts = read(file, kind);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-8s %6.2f GB/s  %,d packets  checksum %d%n", kind, size / seconds / 1e9,
                        counts[0], counts[1]);
            }
        }
    }

    private static void write(Path file, long bytes) throws IOException {
        byte[] record = new byte[16 + 170];
        for (int i = 16; i < record.length; i++) {
            record[i] = (byte) i;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            ByteBuffer r = ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (long written = 24, n = 0; written < bytes; written += record.length, n++) {
                r.putInt(0, (int) (1_600_000_000 + n / 100_000)).putInt(4, (int) (n % 1_000_000))
                        .putInt(8, 170).putInt(12, 170);
                out.write(record);
            }
        }
    }

    private static long[] read(Path file, String kind) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ByteInput input = switch (kind) {
            case "channel" -> new ChannelFileInput(channel);
            default -> new ByteInput() {
                private final InputStream in = java.nio.channels.Channels.newInputStream(channel);

                @Override
                public int read(byte[] into, int offset, int length) throws IOException {
                    return in.read(into, offset, length);
                }

                @Override
                public boolean gzipped() {
                    return false;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        };
        InputBuffer in = new InputBuffer(input, file.toString(), CaptureLimits.DEFAULT_BUFFER_BYTES);
        in.ensure(4);
        long packets = 0;
        long checksum = 0;
        try (PcapReader reader = PcapReader.open(in, file.toString(), CaptureProblemListener.IGNORE,
                Ints.magic(in.data, in.pos))) {
            RawPacket p = new RawPacket();
            while (reader.next(p)) {
                packets++;
                checksum += p.capturedLength + p.data[p.offset + 5] + p.timestampNanos;
            }
        }
        return new long[] {packets, checksum};
    }
}
