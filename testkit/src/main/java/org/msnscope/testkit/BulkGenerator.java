package org.msnscope.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.msnscope.capture.CaptureWriter;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.write.PcapWriter;

/**
 * Streams a large, deterministic Ethernet/IPv4 capture for benchmarks: a fixed number of concurrently
 * open MSNP connections on port 1863 that open and close over time, exchanging MSNP-looking lines and
 * ACKs (about 170 bytes per packet on average), plus optionally a share of the bytes as HTTP on port 80
 * with full-size segments. Packets go straight to the writer; nothing but the flow table is kept, and
 * nothing is allocated per packet.
 */
public final class BulkGenerator {
    /** Port of the MSNP flows. */
    public static final int MSNP_PORT = 1863;
    /** Port of the web flows. */
    public static final int WEB_PORT = 80;
    /** Most concurrent flows the generator keeps. */
    public static final int MAX_FLOWS = 1_000_000;
    /** Web connections open at once when a web share is asked for. */
    public static final int WEB_FLOWS = 64;
    /** First timestamp: 2009-06-01T12:00:00Z. */
    public static final long START_NANOS = 1_243_857_600_000_000_000L;
    static final int PCAP_HEADER = 24;
    static final int RECORD_HEADER = 16;

    /** What a run wrote. */
    public record Stats(long packets, long fileBytes, long connectionsOpened, long webBytes) {
    }

    private final long targetBytes;
    private final int concurrentFlows;
    private final long seed;
    private final double webShare;
    private boolean p2p;

    /** Every MSNP flow becomes a switchboard relaying P2P file data (the transfer reassembly benchmark). */
    public BulkGenerator p2p(boolean on) {
        this.p2p = on;
        return this;
    }

    /**
     * @param targetBytes approximate size of the capture file
     * @param concurrentFlows MSNP connections open at any time
     * @param webShare share (0..1) of the written bytes that is web traffic on port 80
     */
    public BulkGenerator(long targetBytes, int concurrentFlows, long seed, double webShare) {
        if (targetBytes < PCAP_HEADER) {
            throw new IllegalArgumentException("target smaller than a pcap header: " + targetBytes);
        }
        if (concurrentFlows < 1 || concurrentFlows > MAX_FLOWS) {
            throw new IllegalArgumentException("flows must be within 1.." + MAX_FLOWS);
        }
        if (!(webShare >= 0 && webShare < 1)) {
            throw new IllegalArgumentException("web share must be within 0 and below 1: " + webShare);
        }
        this.targetBytes = targetBytes;
        this.concurrentFlows = concurrentFlows;
        this.seed = seed;
        this.webShare = webShare;
    }

    public BulkGenerator(long targetBytes, int concurrentFlows, long seed) {
        this(targetBytes, concurrentFlows, seed, 0);
    }

    /** Writes a little-endian microsecond pcap file. */
    public Stats writeTo(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return writeTo(out);
        }
    }

    /** Writes a little-endian microsecond pcap to the stream (flushed, not closed). */
    public Stats writeTo(OutputStream out) throws IOException {
        PcapWriter writer = new PcapWriter(out, LinkType.ETHERNET, 262144, false, ByteOrder.LITTLE_ENDIAN);
        Stats stats = run(writer);
        writer.flush();
        return stats;
    }

    /** Writes the packets to any writer (Ethernet frames). */
    public Stats run(CaptureWriter writer) throws IOException {
        BulkRun run = new BulkRun(writer, new SplittableRandom(seed));
        BulkFlow[] msnp = new BulkFlow[concurrentFlows];
        for (int i = 0; i < msnp.length; i++) {
            msnp[i] = new BulkFlow(false);
            run.open(msnp[i]);
        }
        BulkFlow[] web = new BulkFlow[webShare > 0 ? WEB_FLOWS : 0];
        for (int i = 0; i < web.length; i++) {
            web[i] = new BulkFlow(true);
            run.open(web[i]);
        }
        SplittableRandom random = run.random;
        while (run.fileBytes < targetBytes) {
            boolean useWeb = web.length > 0 && run.webBytes < webShare * run.fileBytes;
            BulkFlow f = useWeb ? web[random.nextInt(web.length)] : msnp[random.nextInt(msnp.length)];
            if (p2p && !useWeb) {
                run.p2pExchange(f);
            } else if (f.remaining-- <= 0) {
                run.close(f);
                run.open(f);
            } else if (useWeb) {
                run.webExchange(f);
            } else {
                run.msnpExchange(f);
            }
        }
        return new Stats(run.packets, run.fileBytes, run.opened, run.webBytes);
    }
}
