package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks, in place and keeping every length, each original value the run has replaced wherever it
 * appears in bytes that could not be parsed (what a gap cut, garbage skipped before a command, an
 * MSNSLP message never completed). ASCII letters compare without case.
 */
final class Masker {
    /** The patterns by their first two bytes (lower case), so each position is compared with few. */
    private final Map<Integer, List<byte[]>> byStart = new HashMap<>();

    Masker(Collection<String> originalsLatin1) {
        for (String s : originalsLatin1) {
            byte[] pat = s.getBytes(StandardCharsets.ISO_8859_1);
            if (pat.length >= 2) {
                byStart.computeIfAbsent(key(pat, 0), k -> new ArrayList<>()).add(pat);
            }
        }
        for (List<byte[]> l : byStart.values()) {
            l.sort((x, y) -> Integer.compare(y.length, x.length)); // the longest first: an account before its local part
        }
    }

    private static int key(byte[] b, int at) {
        return lower(b[at]) << 8 | lower(b[at + 1]);
    }

    /** @return how many occurrences were masked */
    int mask(byte[] b, int off, int len) {
        int n = 0;
        int end = off + len;
        for (int i = off; i + 1 < end; i++) {
            List<byte[]> candidates = byStart.get(key(b, i));
            if (candidates == null) {
                continue;
            }
            for (byte[] pat : candidates) {
                if (i + pat.length <= end && matches(b, i, pat)) {
                    Filler.mask(b, i, pat.length);
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static boolean matches(byte[] b, int at, byte[] pat) {
        for (int j = 0; j < pat.length; j++) {
            if (lower(b[at + j]) != lower(pat[j])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c & 0xFF;
    }
}
