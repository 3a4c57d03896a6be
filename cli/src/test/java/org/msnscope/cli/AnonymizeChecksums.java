package org.msnscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFiles;
import org.msnscope.capture.CaptureProblemListener;
import org.msnscope.capture.LinkType;
import org.msnscope.capture.RawPacket;

/**
 * Checks the IPv4 header checksum and the TCP checksum of every packet of a capture, written here
 * without the anonymiser's code: a header or segment is right when the ones' complement sum over it
 * (with the pseudo-header, for TCP) is 0xFFFF.
 */
final class AnonymizeChecksums {
    record Counts(int tcp, List<String> wrong) {
    }

    private AnonymizeChecksums() {
    }

    static Counts verify(Path capture) throws IOException {
        int tcp = 0;
        List<String> wrong = new ArrayList<>();
        try (CaptureFileReader r = CaptureFiles.open(capture, capture.toString(), CaptureProblemListener.IGNORE)) {
            RawPacket p = new RawPacket();
            long frame = 0;
            while (r.next(p)) {
                frame++;
                byte[] b = java.util.Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength);
                int ip = network(b, p.linkType);
                if (ip < 0 || p.truncated()) {
                    continue;
                }
                int version = (b[ip] & 0xFF) >> 4;
                if (version == 4) {
                    int ihl = (b[ip] & 15) * 4;
                    if (sum(b, ip, ihl, 0) != 0xFFFF) {
                        wrong.add(frame + " ip");
                    }
                    if ((b[ip + 9] & 0xFF) == 6) {
                        int len = u16(b, ip + 2) - ihl;
                        long pseudo = sumRaw(b, ip + 12, 8) + 6 + len;
                        tcp++;
                        if (sum(b, ip + ihl, len, pseudo) != 0xFFFF) {
                            wrong.add(frame + " tcp");
                        }
                    }
                } else if (version == 6 && (b[ip + 6] & 0xFF) == 6) {
                    int len = u16(b, ip + 4);
                    long pseudo = sumRaw(b, ip + 8, 32) + 6 + len;
                    tcp++;
                    if (sum(b, ip + 40, len, pseudo) != 0xFFFF) {
                        wrong.add(frame + " tcp");
                    }
                }
            }
        }
        return new Counts(tcp, wrong);
    }

    /** Offset of the IP header, or -1. */
    private static int network(byte[] b, int linkType) {
        int at;
        int type;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                at = 12;
                type = u16(b, at);
                while (type == 0x8100 || type == 0x88A8) {
                    at += 4;
                    type = u16(b, at);
                }
                return type == 0x0800 || type == 0x86DD ? at + 2 : -1;
            }
            case LinkType.LINUX_SLL -> {
                return 16;
            }
            case LinkType.LINUX_SLL2 -> {
                return 20;
            }
            case LinkType.NULL, LinkType.LOOP -> {
                return 4;
            }
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> {
                return 0;
            }
            default -> {
                return -1;
            }
        }
    }

    private static int sum(byte[] b, int off, int len, long start) {
        long s = start + sumRaw(b, off, len);
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) s;
    }

    private static long sumRaw(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xFF;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            s += hi << 8 | lo;
        }
        return s;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
