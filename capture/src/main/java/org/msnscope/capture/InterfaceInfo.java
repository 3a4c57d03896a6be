package org.msnscope.capture;

/**
 * One capture interface as the file describes it (a pcapng Interface Description Block, or the
 * single implied interface of a classic pcap file), for display.
 *
 * @param section 0-based pcapng section the interface belongs to (0 for pcap)
 * @param id interface id within its section
 * @param linkType LINKTYPE_ value of its packets
 * @param snaplen largest captured length it promises (0: no limit)
 * @param name if_name, or null
 * @param description if_description, or null
 * @param comment opt_comment, or null
 * @param resolution unit of its timestamps
 * @param timestampOffsetSeconds if_tsoffset, added to every timestamp (0 when absent)
 */
public record InterfaceInfo(
        int section,
        int id,
        int linkType,
        int snaplen,
        String name,
        String description,
        String comment,
        TimestampResolution resolution,
        long timestampOffsetSeconds) {
}
