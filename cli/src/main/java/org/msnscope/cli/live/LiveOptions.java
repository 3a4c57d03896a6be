package org.msnscope.cli.live;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The capture options of {@code live}, shared with {@code tui -i} (a picocli mixin): what to
 * capture, what to keep, when to stop, and the buffers in between. {@code -i} itself is declared by
 * each command (required by live, one of two inputs of tui).
 */
public final class LiveOptions {
    @Option(names = "--filter", paramLabel = "BPF", description = "a BPF filter used as is: everything it passes is decoded (no port following)."
            + " Default: all TCP, of which msnscope keeps ports " + FlowSelector.WELL_KNOWN + ", the ports the traffic announces"
            + " and connections that open like MSNP")
    public String filter;

    @Option(names = "--write", paramLabel = "FILE", description = "also save every captured packet to this pcapng file")
    public Path write;

    @Option(names = "--rotate-size", paramLabel = "SIZE", description = "with --write: start a new file NAME-00002.pcapng... when one reaches SIZE (bytes, or with K, M, G)")
    public String rotateSize;

    @Option(names = "--rotate-time", paramLabel = "TIME", description = "with --write: start a new file when one spans TIME of capture (e.g. 10m, 1h)")
    public String rotateTime;

    @Option(names = "--count", paramLabel = "N", description = "stop after N packets of MSN traffic (all packets with --filter)")
    public long count;

    @Option(names = "--duration", paramLabel = "TIME", description = "stop after this long: seconds, or with s, m or h (e.g. 90, 30s, 5m)")
    public String duration;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "262144", description = "bytes kept per packet. Default: ${DEFAULT-VALUE}")
    public int snaplen;

    @Option(names = "--queue", paramLabel = "PACKETS", defaultValue = "65536", description = "packets buffered between capture and decoder; beyond, packets are dropped and counted. Default: ${DEFAULT-VALUE}")
    public int queueSize;

    @Option(names = "--buffer", paramLabel = "SIZE", defaultValue = "32M", description = "the kernel's capture buffer (bytes, or with K, M, G): what absorbs a burst while msnscope catches up. Default: ${DEFAULT-VALUE}")
    public String buffer;

}
