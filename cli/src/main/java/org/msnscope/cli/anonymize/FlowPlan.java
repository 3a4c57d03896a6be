package org.msnscope.cli.anonymize;

/**
 * What reading the capture decided for one TCP flow: the edits of each direction, or that its
 * payload is to be zeroed because it is not a protocol msnscope can rewrite.
 */
final class FlowPlan {
    final Edits c2s = new Edits();
    final Edits s2c = new Edits();
    /** Neither MSNP, MSNFTP nor a direct P2P connection: every payload byte becomes zero. */
    boolean zeroed;

    Edits edits(boolean fromClient) {
        return fromClient ? c2s : s2c;
    }

    void seal() {
        if (zeroed) {
            c2s.zero(0, Long.MAX_VALUE / 4);
            s2c.zero(0, Long.MAX_VALUE / 4);
        }
        c2s.seal();
        s2c.seal();
    }
}
