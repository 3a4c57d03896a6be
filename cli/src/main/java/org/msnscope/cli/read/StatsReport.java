package org.msnscope.cli.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.InterfaceInfo;
import org.msnscope.capture.LinkType;
import org.msnscope.cli.sink.Timestamps;
import org.msnscope.decoder.DecodeStats;
import org.msnscope.decoder.msnp.session.MsnpLayer;

/** The {@code read --stats} summary, as text and as a JSON object. */
final class StatsReport {
    private final DecodeStats s;
    private final int files;
    private final long inputBytes;
    private final long elapsedNanos;
    private final List<CaptureFileReader> readers;
    private final long commentedPackets;
    private Msnp msnp;

    /** The MSNP layers' counters added up (one layer per decoder shard). */
    private record Msnp(long sessions, long conversations, long commands, long messages, long p2pMessages,
            long slpMessages, long transfers, long objectBytes) {
    }

    /** Adds the MSNP layers' counters (sessions, conversations, commands, messages); none: MSNP was not decoded. */
    StatsReport msnp(List<MsnpLayer> layers) {
        if (layers.isEmpty()) {
            return this;
        }
        long[] t = new long[8];
        for (MsnpLayer l : layers) {
            long[] v = {l.sessions(), l.conversations(), l.commands(), l.messages(), l.p2p.p2pMessages(),
                l.p2p.slpMessages(), l.p2p.transfers(), l.p2p.objectBytes()};
            for (int i = 0; i < t.length; i++) {
                t[i] += v[i];
            }
        }
        this.msnp = new Msnp(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        return this;
    }

    StatsReport(DecodeStats s, int files, long inputBytes, long elapsedNanos, List<CaptureFileReader> readers,
            long commentedPackets) {
        this.s = s;
        this.files = files;
        this.inputBytes = inputBytes;
        this.elapsedNanos = Math.max(1, elapsedNanos);
        this.readers = readers;
        this.commentedPackets = commentedPackets;
    }

    /** What each file says about itself: format, version, compression and its interfaces. */
    private List<Map<String, Object>> inputs() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaptureFileReader r : readers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.name());
            m.put("format", r.format().name().toLowerCase(Locale.ROOT));
            m.put("version", r.version());
            m.put("gzip", r.gzipped());
            List<Map<String, Object>> ifaces = new ArrayList<>();
            for (InterfaceInfo i : r.interfaces()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("section", i.section());
                im.put("id", i.id());
                im.put("link_type", LinkType.name(i.linkType()));
                im.put("snaplen", i.snaplen());
                im.put("ts_resolution", i.resolution().toString());
                im.put("name", i.name());
                im.put("description", i.description());
                im.put("comment", i.comment());
                ifaces.add(im);
            }
            m.put("interfaces", ifaces);
            out.add(m);
        }
        return out;
    }

    private double seconds() {
        return elapsedNanos / 1e9;
    }

    private double mbPerSecond() {
        return inputBytes / 1e6 / seconds();
    }

    private double packetsPerSecond() {
        return s.packets() / seconds();
    }

    Map<String, Object> fields() {
        Timestamps ts = new Timestamps('T');
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "stats");
        m.put("files", files);
        m.put("input_bytes", inputBytes);
        m.put("packets", s.packets());
        m.put("tcp_packets", s.tcpPackets());
        m.put("non_tcp_packets", s.nonTcpPackets());
        m.put("truncated_packets", s.truncatedPackets());
        m.put("malformed_packets", s.malformedPackets());
        m.put("ip_fragments", s.ipFragments());
        m.put("captured_bytes", s.capturedBytes());
        m.put("wire_bytes", s.wireBytes());
        m.put("flows", s.flows());
        m.put("gaps", s.gaps());
        m.put("gap_bytes", s.gapBytes());
        m.put("retransmitted_bytes", s.retransmittedBytes());
        m.put("anomalies", s.anomalies());
        m.put("commented_packets", commentedPackets);
        if (msnp != null) {
            m.put("msnp_sessions", msnp.sessions());
            m.put("conversations", msnp.conversations());
            m.put("commands", msnp.commands());
            m.put("messages", msnp.messages());
            m.put("p2p_messages", msnp.p2pMessages());
            m.put("slp_messages", msnp.slpMessages());
            m.put("transfers", msnp.transfers());
            m.put("object_bytes", msnp.objectBytes());
        }
        m.put("first_ts", s.packets() == 0 ? null : ts.format(s.firstTsNanos(), 9));
        m.put("last_ts", s.packets() == 0 ? null : ts.format(s.lastTsNanos(), 9));
        m.put("elapsed_seconds", round(seconds()));
        m.put("mb_per_s", round(mbPerSecond()));
        m.put("packets_per_s", Math.round(packetsPerSecond()));
        m.put("inputs", inputs());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    String text() {
        Timestamps ts = new Timestamps(' ');
        StringBuilder b = new StringBuilder();
        line(b, "input", String.format(Locale.ROOT, "%d file%s, %,d bytes", files, files == 1 ? "" : "s", inputBytes));
        if (s.packets() > 0) {
            double span = (s.lastTsNanos() - s.firstTsNanos()) / 1e9;
            line(b, "span", ts.format(s.firstTsNanos(), 6) + " .. " + ts.format(s.lastTsNanos(), 6)
                    + String.format(Locale.ROOT, " (%.3f s)", span));
        }
        line(b, "packets", String.format(Locale.ROOT, "%,d (tcp %,d, other %,d, truncated %,d, malformed %,d, ip fragments %,d)",
                s.packets(), s.tcpPackets(), s.nonTcpPackets(), s.truncatedPackets(), s.malformedPackets(), s.ipFragments()));
        line(b, "bytes", String.format(Locale.ROOT, "%,d captured, %,d on the wire", s.capturedBytes(), s.wireBytes()));
        line(b, "flows", String.format(Locale.ROOT, "%,d", s.flows()));
        line(b, "gaps", String.format(Locale.ROOT, "%,d (%,d bytes missing); %,d bytes retransmitted",
                s.gaps(), s.gapBytes(), s.retransmittedBytes()));
        if (msnp != null) {
            line(b, "msnp", String.format(Locale.ROOT, "%,d sessions, %,d conversations, %,d commands, %,d messages",
                    msnp.sessions(), msnp.conversations(), msnp.commands(), msnp.messages()));
            line(b, "p2p", String.format(Locale.ROOT, "%,d P2P messages, %,d MSNSLP messages, %,d transfers, %,d object bytes",
                    msnp.p2pMessages(), msnp.slpMessages(), msnp.transfers(), msnp.objectBytes()));
        }
        line(b, "anomalies", String.format(Locale.ROOT, "%,d", s.anomalies()));
        if (commentedPackets > 0) {
            line(b, "comments", String.format(Locale.ROOT, "%,d packets carry a pcapng comment", commentedPackets));
        }
        for (CaptureFileReader r : readers) {
            line(b, "file", r.name() + ": " + r.format().name().toLowerCase(Locale.ROOT) + " " + r.version()
                    + (r.gzipped() ? ", gzip" : ""));
            for (InterfaceInfo i : r.interfaces()) {
                StringBuilder d = new StringBuilder("  interface ");
                if (r.format() == org.msnscope.capture.CaptureFormat.PCAPNG) {
                    d.append(i.section()).append('/').append(i.id()).append(' ');
                }
                d.append(LinkType.name(i.linkType())).append(", snaplen ").append(i.snaplen())
                        .append(", timestamps ").append(i.resolution());
                if (i.name() != null) {
                    d.append(", name \"").append(oneLine(i.name())).append('"');
                }
                if (i.description() != null) {
                    d.append(", description \"").append(oneLine(i.description())).append('"');
                }
                if (i.comment() != null) {
                    d.append(", comment \"").append(oneLine(i.comment())).append('"');
                }
                line(b, "", d.toString());
            }
        }
        line(b, "elapsed", String.format(Locale.ROOT, "%.3f s: %,.1f MB/s, %,.0f packets/s",
                seconds(), mbPerSecond(), packetsPerSecond()));
        return b.toString();
    }

    /** Text from a capture file, on one line and without control characters. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-10s %s%n", key, value));
    }
}
