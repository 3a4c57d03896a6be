package org.msnscope.testkit.p2p;

/**
 * What carries P2P messages between the two parties of a sample: a switchboard ({@link Chat}) or the
 * notification servers' {@code SDG} of MSNP21 ({@link SdgChat}). Times are microseconds on the
 * scenario's clock.
 */
interface P2pCarrier {
    /** The party that opened the conversation. */
    Party a();

    /** The other party. */
    Party b();

    /** Moves the clock forward. */
    P2pCarrier after(long micros);

    /** One P2P message (binary header, payload, footer) from {@code from} to the other party. */
    void p2p(Party from, Wire p2pPayload, String comment);
}
