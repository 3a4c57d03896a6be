package org.msnscope.decoder.net;

import org.msnscope.decoder.TestPackets;

/** Shorthands for fragment headers in tests. */
final class TestFragments {
    private TestFragments() {
    }

    static byte[] frag6(int next, int offset, boolean more, int id) {
        return TestPackets.fragment6(next, offset, more, id);
    }
}
