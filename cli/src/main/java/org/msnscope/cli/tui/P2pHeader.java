package org.msnscope.cli.tui;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary header of one P2P message, field by field, for the detail pane: P2Pv1 (48 bytes,
 * little-endian) or P2Pv2 (big-endian transport and data headers), and the footer (the application
 * id, big-endian). Layouts and the v1/v2 shape rule are those of docs/p2p.md ("P2Pv1 header",
 * "P2Pv2 header", "v1 or v2"), read here only to show them.
 */
final class P2pHeader {
    private P2pHeader() {
    }

    /**
     * Describes the P2P message in {@code b[off, off + len)} (the MSG body, footer included).
     *
     * @param complete false when the packet holds only the start of the body
     */
    static List<String> describe(byte[] b, int off, int len, boolean complete) {
        List<String> out = new ArrayList<>();
        boolean v1 = len >= 48 && 48L + u32le(b, off + 24) + 4 == len;
        int hl = len > 0 ? b[off] & 0xFF : 0;
        boolean v2 = !v1 && len >= 8 && hl >= 8 && hl % 4 == 0 && hl <= len
                && (!complete || hl + u16be(b, off + 2) + 4 == len);
        if (!v1 && !v2 && len >= 48 && !complete) {
            v1 = true; // the rest is in later packets: read the start as v1
        }
        if (v1) {
            ByteBuffer h = ByteBuffer.wrap(b, off, 48).slice().order(ByteOrder.LITTLE_ENDIAN);
            out.add("P2P header (v1, 48 bytes, little-endian)");
            out.add("  session id: " + (h.getInt(0) & 0xFFFFFFFFL));
            out.add("  identifier: " + (h.getInt(4) & 0xFFFFFFFFL));
            out.add("  offset: " + h.getLong(8));
            out.add("  total size: " + h.getLong(16));
            out.add("  length: " + (h.getInt(24) & 0xFFFFFFFFL));
            out.add("  flags: 0x" + Integer.toHexString(h.getInt(28)));
            out.add("  ack id: " + (h.getInt(32) & 0xFFFFFFFFL));
            out.add("  ack unique id: " + (h.getInt(36) & 0xFFFFFFFFL));
            out.add("  ack data size: " + h.getLong(40));
            footer(b, off, len, complete, out);
        } else if (v2) {
            ByteBuffer h = ByteBuffer.wrap(b, off, len).slice().order(ByteOrder.BIG_ENDIAN);
            int size = h.getShort(2) & 0xFFFF;
            out.add("P2P header (v2, big-endian)");
            out.add("  header length: " + hl);
            out.add("  operation code: 0x" + Integer.toHexString(h.get(1) & 0xFF));
            out.add("  message size: " + size);
            out.add("  identifier: " + (h.getInt(4) & 0xFFFFFFFFL));
            tlvs(h, 8, hl, out, "  TLV");
            if (size > 0 && hl < len) {
                int dhl = h.get(hl) & 0xFF;
                if (dhl >= 8 && hl + dhl <= len) {
                    out.add("  data header length: " + dhl);
                    out.add("  TF combination: 0x" + Integer.toHexString(h.get(hl + 1) & 0xFF));
                    out.add("  package number: " + (h.getShort(hl + 2) & 0xFFFF));
                    out.add("  session id: " + (h.getInt(hl + 4) & 0xFFFFFFFFL));
                    tlvs(h, hl + 8, hl + dhl, out, "  data TLV");
                }
            }
            footer(b, off, len, complete, out);
        } else {
            out.add("P2P header: neither a P2Pv1 nor a P2Pv2 header fits these " + len + " bytes");
        }
        return out;
    }

    private static void tlvs(ByteBuffer h, int from, int to, List<String> out, String label) {
        int at = from;
        while (at + 2 <= to) {
            int type = h.get(at) & 0xFF;
            int length = h.get(at + 1) & 0xFF;
            if (type == 0) {
                break; // padding
            }
            if (at + 2 + length > to) {
                out.add(label + " type " + type + " length " + length + " runs past the header");
                return;
            }
            StringBuilder v = new StringBuilder();
            if (length == 8 && type == 1 && label.endsWith("data TLV")) {
                v.append(h.getLong(at + 2)).append(" (data remaining)");
            } else {
                for (int i = 0; i < length; i++) {
                    v.append(String.format("%02x", h.get(at + 2 + i)));
                }
            }
            out.add(label + " " + type + " (" + length + " bytes) " + v);
            at += 2 + length;
        }
    }

    private static void footer(byte[] b, int off, int len, boolean complete, List<String> out) {
        if (complete && len >= 4) {
            long app = ByteBuffer.wrap(b, off + len - 4, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xFFFFFFFFL;
            out.add("  footer (app id): " + app);
        } else {
            out.add("  footer: in a later packet");
        }
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
