package org.msnscope.cli.anonymize;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of what the anonymiser replaced, by kind: distinct original values and occurrences (a
 * message text counts once per message, with its bytes). Holds numbers only, never a value.
 */
final class Tally {
    private final Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
    long packetsRead;
    long packetsWritten;
    long droppedNotTcp;
    long droppedFragments;
    long droppedMalformed;
    long flows;
    long otherFlows;
    long zeroedBytes;
    long unparsedRegions;
    long p2pResized;
    long textBytes;

    /** A new distinct value of {@code kind} was given a pseudonym. */
    void distinct(Kind kind) {
        slot(kind)[0]++;
    }

    /** One replacement of a value of {@code kind}. */
    void occurrence(Kind kind) {
        slot(kind)[1]++;
    }

    /** Takes back one occurrence (a value learnt ahead of its first replacement). */
    void uncount(Kind kind) {
        slot(kind)[1]--;
    }

    long distinctCount(Kind kind) {
        return slot(kind)[0];
    }

    long occurrences(Kind kind) {
        return slot(kind)[1];
    }

    private long[] slot(Kind kind) {
        return counts.computeIfAbsent(kind, k -> new long[2]);
    }
}
