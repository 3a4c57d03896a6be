package org.msnscope.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pcap record reading: a 64 MB capture of MSNP packets (about 170 bytes each) from the page cache,
 * through the positional channel reads the readers use. One operation reads the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PcapReadBench {
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
