package org.msnscope.testkit;

/** One connection slot of the {@link BulkGenerator}: reused for the next connection when one closes. */
final class BulkFlow {
    final boolean web;
    final byte[] clientIp = new byte[4];
    final byte[] serverIp = new byte[4];
    int clientPort;
    int serverPort;
    int clientSeq;
    int serverSeq;
    int remaining;
    int trid;
    /** Data segments each side has received and not yet acknowledged. */
    int clientUnacked;
    int serverUnacked;
    /** P2P mode: the object being sent (session id, size, next offset). */
    int p2pSession;
    long p2pSize;
    long p2pOffset;

    BulkFlow(boolean web) {
        this.web = web;
    }
}
