package org.msnscope.capture;

import java.util.List;

/**
 * A {@link PacketSource} over one capture file, which can also say what the file is: its format,
 * whether it was gzip-compressed, and the interfaces it describes.
 */
public interface CaptureFileReader extends PacketSource {
    CaptureFormat format();

    /**
     * Format version from the file header, e.g. "2.4" for pcap or "1.0" for pcapng's first section;
     * null for a pcapng file whose first section header block is cut short.
     */
    String version();

    /** True when the file was gzip-compressed and is being decompressed on the fly. */
    boolean gzipped();

    /**
     * Interfaces described so far, in file order (pcapng: all sections read up to now; pcap: the one
     * implied by the global header). The list is a read-only view that grows as reading goes on.
     */
    List<InterfaceInfo> interfaces();
}
