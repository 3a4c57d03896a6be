package org.msnscope.cli.anonymize;

/** The summary {@code anonymize} prints: what was written and what was replaced, as counts only. */
final class Report {
    private Report() {
    }

    static String text(String in, String out, Tally t) {
        StringBuilder b = new StringBuilder();
        b.append("anonymised ").append(in).append(" -> ").append(out).append('\n');
        long dropped = t.droppedNotTcp + t.droppedFragments + t.droppedMalformed;
        b.append(String.format("packets: %d read, %d written, %d dropped (not TCP %d, IP fragments %d, malformed %d)%n",
                t.packetsRead, t.packetsWritten, dropped, t.droppedNotTcp, t.droppedFragments, t.droppedMalformed));
        b.append(String.format("flows: %d (%d neither MSNP, MSNFTP nor P2P: payload zeroed)%n", t.flows, t.otherFlows));
        b.append(String.format("%-60s %9s %12s%n", "replaced", "distinct", "replacements"));
        for (Kind k : Kind.values()) {
            if (k == Kind.MESSAGE_TEXT || k == Kind.PERSONAL_MESSAGE || k == Kind.MSN_OBJECT) {
                b.append(String.format("  %-58s %9s %12d%n", k.label, "-", t.occurrences(k)));
            } else {
                b.append(String.format("  %-58s %9d %12d%n", k.label, t.distinctCount(k), t.occurrences(k)));
            }
        }
        b.append(String.format("message text bytes replaced: %d%n", t.textBytes));
        b.append(String.format("MSNSLP messages resized (P2P sizes fixed): %d%n", t.p2pResized));
        b.append(String.format("unparsed regions filled: %d; payload bytes zeroed: %d%n", t.unparsedRegions, t.zeroedBytes));
        return b.toString();
    }
}
