package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Masks, in place and keeping every length, each original value the run has replaced wherever it
 * appears in bytes that could not be parsed (what a gap cut, garbage skipped before a command, an
 * MSNSLP message never completed). ASCII letters compare without case.
 */
final class Masker {
    private final List<byte[]> patterns = new ArrayList<>();

    Masker(Collection<String> originalsLatin1) {
        for (String s : originalsLatin1) {
            patterns.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** @return how many occurrences were masked */
    int mask(byte[] b, int off, int len) {
        int n = 0;
        int end = off + len;
        for (byte[] pat : patterns) {
            for (int i = off; i + pat.length <= end; i++) {
                if (matches(b, i, pat)) {
                    Filler.mask(b, i, pat.length);
                    n++;
                    i += pat.length - 1;
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
