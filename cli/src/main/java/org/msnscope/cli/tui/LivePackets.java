package org.msnscope.cli.tui;

/**
 * Live capture: the bytes of the last {@link #SLOTS} packets, copied as they are decoded (a live
 * packet cannot be read again). An event's packet older than that is reported as no longer held.
 */
final class LivePackets implements Packets {
    static final int SLOTS = 1 << 14;
    private final long[] frames = new long[SLOTS];
    private final byte[][] data = new byte[SLOTS][];
    private final int[] linkTypes = new int[SLOTS];

    /** Keeps a copy of one packet (decoding thread). */
    synchronized void keep(long frame, byte[] bytes, int offset, int length, int linkType) {
        int slot = (int) (frame & (SLOTS - 1));
        frames[slot] = frame;
        data[slot] = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        linkTypes[slot] = linkType;
    }

    @Override
    public long locate(long frame) {
        return frame;
    }

    @Override
    public synchronized Packet fetch(long frame, long location) {
        int slot = (int) (frame & (SLOTS - 1));
        if (frame <= 0 || frames[slot] != frame) {
            return new Packet(frame, null, 0, "packet " + frame + " is no longer held (the last " + SLOTS
                    + " live packets are; use live --write to keep them all)");
        }
        return new Packet(frame, data[slot], linkTypes[slot], "live capture, held in memory");
    }
}
