package org.msnscope.cli.tui;

/**
 * Where the raw bytes of a packet can be found again, so the tui need not keep them: in a capture
 * file (re-read on demand) or, live, in a bounded ring of recent packets.
 */
interface Packets {
    /** Called on the decoding thread as an event is stored: a location for the packet {@code frame}, or -1. */
    long locate(long frame);

    /** The packet's bytes again (any thread); {@link Packet#data()} is null when they cannot be had, and {@code where} says why. */
    Packet fetch(long frame, long location);

    /** One captured packet read back. */
    record Packet(long frame, byte[] data, int linkType, String where) {
    }
}
