package org.msnscope.jmh;

import java.io.IOException;
import java.nio.file.Path;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Pcap record reading: a 64 MB capture of MSNP packets (about 170 bytes each) from the page cache,
 * through the positional channel reads the readers use. One operation reads the whole file.
 */
public class PcapReadBench extends Bench {
    static final long BYTES = 64L << 20;
    private Path file;

    @Setup
    public void setup() {
        file = Captures.file(Captures.Kind.MSNP, BYTES, 1000);
    }

    @Benchmark
    public long readRecords() throws IOException {
        long sum = 0;
        try (CaptureFileReader r = CaptureFiles.open(file, "bench.pcap", CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                sum += p.capturedLength;
            }
        }
        return sum;
    }
}
