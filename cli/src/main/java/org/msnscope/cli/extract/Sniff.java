package org.msnscope.cli.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file extension from an object's first bytes (never from a name on the wire). */
final class Sniff {
    private Sniff() {
    }

    static String extension(Path file) throws IOException {
        byte[] h = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        }
        return extension(h, n);
    }

    static String extension(byte[] h, int n) {
        if (starts(h, n, 0x89, 'P', 'N', 'G')) {
            return "png";
        }
        if (starts(h, n, 'G', 'I', 'F', '8')) {
            return "gif";
        }
        if (starts(h, n, 0xFF, 0xD8, 0xFF)) {
            return "jpg";
        }
        if (starts(h, n, 'B', 'M')) {
            return "bmp";
        }
        if (starts(h, n, 'M', 'S', 'C', 'F')) {
            return "cab"; // winks travel as cabinet files
        }
        if (starts(h, n, 'R', 'I', 'F', 'F') && n >= 12 && h[8] == 'W' && h[9] == 'A' && h[10] == 'V' && h[11] == 'E') {
            return "wav";
        }
        if (starts(h, n, 'P', 'K', 3, 4)) {
            return "zip";
        }
        if (starts(h, n, 'F', 'W', 'S') || starts(h, n, 'C', 'W', 'S')) {
            return "swf";
        }
        return "bin";
    }

    private static boolean starts(byte[] h, int n, int... sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((h[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
