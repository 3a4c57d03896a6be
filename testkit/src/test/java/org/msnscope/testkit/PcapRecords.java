package org.msnscope.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A small test-only walker over classic pcap bytes. */
final class PcapRecords {
    record Rec(long tsNanos, byte[] frame, int origLen) {
    }

    final int linkType;
    final boolean nanos;
    final List<Rec> records = new ArrayList<>();

    PcapRecords(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        nanos = magic == 0xa1b23c4d;
        if (!nanos && magic != 0xa1b2c3d4) {
            throw new IllegalArgumentException("not pcap");
        }
        linkType = b.getInt(20);
        int at = 24;
        while (at < file.length) {
            long sec = b.getInt(at) & 0xffffffffL;
            long frac = b.getInt(at + 4) & 0xffffffffL;
            int incl = b.getInt(at + 8);
            int orig = b.getInt(at + 12);
            byte[] frame = new byte[incl];
            System.arraycopy(file, at + 16, frame, 0, incl);
            records.add(new Rec(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), frame, orig));
            at += 16 + incl;
        }
    }
}
