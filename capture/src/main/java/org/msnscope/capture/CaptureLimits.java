package org.msnscope.capture;

/**
 * Every bound the capture file readers put on memory, in one place. A file that needs more than a
 * limit allows is reported ({@link CaptureException} or a {@link CaptureProblem}), never obeyed.
 */
public final class CaptureLimits {
    private CaptureLimits() {
    }

    /** Initial size of a reader's one reusable buffer; it grows only as far as a record needs. */
    public static final int DEFAULT_BUFFER_BYTES = 4 << 20;
    /** Record limit for a classic pcap file whose snaplen is smaller (libpcap's MAXIMUM_SNAPLEN). */
    public static final int PCAP_MIN_RECORD_LIMIT = 262_144;
    /** Hard cap on one record's captured bytes, whatever the pcap snaplen claims. */
    public static final int MAX_RECORD_BYTES_CAP = 16 << 20;
    /** Largest pcapng block accepted (total length, header and trailer included). */
    public static final int MAX_BLOCK_BYTES = 16 << 20;
    /** Interface descriptions kept per file (all sections together). */
    public static final int MAX_INTERFACES = 4096;
    /** Bytes of an interface name, description or comment kept; longer text is cut there. */
    public static final int MAX_INTERFACE_TEXT_BYTES = 1024;
    /** Distinct unknown pcapng block types reported per file; further ones are skipped silently. */
    public static final int MAX_REPORTED_BLOCK_TYPES = 32;

    /**
     * Bytes a reader steps through after a damaged record or block looking for the next plausible
     * one; past it the file is given up there ({@code capture_file_error}).
     */
    public static final int MAX_RESYNC_BYTES = 16 << 20;
    /** Resyncs and concatenations reported per file; further ones are handled silently. */
    public static final int MAX_REPORTED_RESYNCS = 32;
    /**
     * Seconds a candidate pcap record's timestamp may lie from the last good record's for a resync to
     * accept it (the time field is the only check on records whose lengths happen to look right).
     */
    public static final long RESYNC_MAX_TIME_JUMP_SECONDS = 86_400;

    /**
     * {@code MAX_RECORD_BYTES} of a classic pcap file: max(snaplen, {@value #PCAP_MIN_RECORD_LIMIT})
     * capped at {@value #MAX_RECORD_BYTES_CAP}.
     *
     * @param snaplen the global header's snaplen, read as unsigned
     */
    public static int maxPcapRecordBytes(long snaplen) {
        return (int) Math.min(MAX_RECORD_BYTES_CAP, Math.max(snaplen, PCAP_MIN_RECORD_LIMIT));
    }
}
