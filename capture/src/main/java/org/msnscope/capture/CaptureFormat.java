package org.msnscope.capture;

/** The on-disk capture formats the file readers understand (gzip is a wrapper, not a format). */
public enum CaptureFormat {
    /** Classic libpcap: one global header, then records; microsecond or nanosecond timestamps. */
    PCAP,
    /** pcapng: sections of blocks, with per-interface link types and timestamp resolutions. */
    PCAPNG
}
