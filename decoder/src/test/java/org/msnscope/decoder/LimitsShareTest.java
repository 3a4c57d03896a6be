package org.msnscope.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Limits#perShard}: N decoder threads together hold no more than one decoder's limits. */
class LimitsShareTest {
    private final Limits whole = Limits.defaults();

    @Test
    void oneThreadKeepsTheWholeLimits() {
        assertSame(whole, whole.perShard(1));
    }

    @Test
    void tablesAcrossConnectionsAreDividedAndNeverExceedTheWholeTogether() {
        for (int n : new int[] {2, 3, 4, 7, 64}) {
            Limits s = whole.perShard(n);
            assertEquals(whole.maxFlows() / n, s.maxFlows());
            assertTrue((long) s.maxFlows() * n <= whole.maxFlows());
            assertTrue(s.maxOutOfOrderBytesTotal() * n <= whole.maxOutOfOrderBytesTotal());
            assertTrue(s.overlapCheckBytesTotal() * n <= whole.overlapCheckBytesTotal());
            assertTrue((long) s.maxIpFragmentDatagrams() * n <= whole.maxIpFragmentDatagrams());
            assertTrue((long) s.msnp().maxExpectations() * n <= whole.msnp().maxExpectations());
            assertTrue(s.p2p().maxHeldBytes() * n <= whole.p2p().maxHeldBytes());
            assertTrue((long) s.p2p().maxPendingSlp() * n <= whole.p2p().maxPendingSlp());
            assertTrue((long) s.p2p().maxDirectExpectations() * n <= whole.p2p().maxDirectExpectations());
            assertTrue((long) s.http().maxGatewaySessions() * n <= whole.http().maxGatewaySessions());
            assertEquals(whole.msnp().maxExpectations() / n, s.msnp().maxExpectations());
        }
    }

    @Test
    void boundsPerConnectionMessageOrObjectStayWhole() {
        Limits s = whole.perShard(4);
        assertEquals(whole.maxOutOfOrderBytesPerDirection(), s.maxOutOfOrderBytesPerDirection());
        assertEquals(whole.maxOutOfOrderSegmentsPerDirection(), s.maxOutOfOrderSegmentsPerDirection());
        assertEquals(whole.maxIpDatagramBytes(), s.maxIpDatagramBytes());
        assertEquals(whole.overlapCheckBytesPerDirection(), s.overlapCheckBytesPerDirection());
        assertEquals(whole.flowIdleTimeoutNanos(), s.flowIdleTimeoutNanos());
        assertEquals(whole.msnp().maxLineBytes(), s.msnp().maxLineBytes());
        assertEquals(whole.msnp().maxPayloadBytes(), s.msnp().maxPayloadBytes());
        assertEquals(whole.msnp().maxPendingPerConnection(), s.msnp().maxPendingPerConnection());
        assertEquals(whole.msnp().maxConversations(), s.msnp().maxConversations());
        assertEquals(whole.msnp().expectationTimeoutNanos(), s.msnp().expectationTimeoutNanos());
        assertEquals(whole.p2p().maxObjectBytes(), s.p2p().maxObjectBytes());
        assertEquals(whole.p2p().spillBytes(), s.p2p().spillBytes());
        assertEquals(whole.p2p().maxRanges(), s.p2p().maxRanges());
        assertEquals(whole.p2p().maxOpenTransfers(), s.p2p().maxOpenTransfers());
        assertEquals(whole.http().maxBodyBytes(), s.http().maxBodyBytes());
        assertEquals(whole.http().maxPendingRequests(), s.http().maxPendingRequests());
    }

    @Test
    void aShareIsNeverZero() {
        Limits tiny = whole.withFlows(3, whole.flowIdleTimeoutNanos(), whole.closedFlowLingerNanos());
        assertEquals(1, tiny.perShard(64).maxFlows());
    }
}
