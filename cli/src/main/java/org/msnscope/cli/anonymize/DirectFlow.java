package org.msnscope.cli.anonymize;

/**
 * A direct P2P connection between two clients (docs/p2p.md, "Direct connections"): every packet is
 * a 32-bit little-endian length and the packet. {@code foo\0} and the nonce handshakes pass as they
 * are (the handshake also says the P2P version: a 48-byte v1 header with flag 0x100, or 16 bytes of
 * nonce for v2); MSNSLP messages are rewritten and their packets' lengths follow. After a gap the
 * packet framing is lost and the rest of that direction passes unchanged (it is file data).
 */
final class DirectFlow {
    private static final int MAX_PACKET = 64 << 10;

    private final StreamRewriter rewriter;
    private final FlowPlan plan;
    private final Side c2s = new Side(true);
    private final Side s2c = new Side(false);
    private int version = 1;

    DirectFlow(StreamRewriter rewriter, FlowPlan plan) {
        this.rewriter = rewriter;
        this.plan = plan;
    }

    void data(boolean fromClient, byte[] b, int off, int len, long streamOffset) {
        (fromClient ? c2s : s2c).data(b, off, len, streamOffset);
    }

    void gap(boolean fromClient) {
        (fromClient ? c2s : s2c).lost = true;
    }

    void end() {
        rewriter.later(() -> rewriter.p2p.finish(c2s.p2p));
        rewriter.later(() -> rewriter.p2p.finish(s2c.p2p));
    }

    private final class Side {
        final boolean fromClient;
        final P2pRewriter.Direction p2p = new P2pRewriter.Direction();
        final byte[] lenBuf = new byte[4];
        int lenFill;
        byte[] packet;
        int fill;
        long packetStart;
        long next;
        int packets;
        boolean lost;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void data(byte[] b, int off, int len, long streamOffset) {
            if (lost || streamOffset != next) {
                lost = true;
                return;
            }
            int p = off;
            int end = off + len;
            while (p < end && !lost) {
                if (packet == null) {
                    int n = Math.min(4 - lenFill, end - p);
                    System.arraycopy(b, p, lenBuf, lenFill, n);
                    lenFill += n;
                    p += n;
                    if (lenFill == 4) {
                        long size = P2pRewriter.u32le(lenBuf, 0);
                        if (size > MAX_PACKET) {
                            lost = true;
                            return;
                        }
                        packetStart = next + p - off - 4;
                        packet = new byte[(int) size];
                        fill = 0;
                        lenFill = 0;
                    }
                } else {
                    int n = Math.min(packet.length - fill, end - p);
                    System.arraycopy(b, p, packet, fill, n);
                    fill += n;
                    p += n;
                }
                if (packet != null && fill == packet.length) {
                    byte[] done = packet;
                    packet = null;
                    packet(done, packetStart);
                }
            }
            next = streamOffset + len;
        }

        private void packet(byte[] pk, long at) {
            packets++;
            boolean foo = pk.length == 4 && pk[0] == 'f' && pk[1] == 'o' && pk[2] == 'o' && pk[3] == 0;
            boolean handshake = pk.length == 16 || (pk.length == 48 && (P2pRewriter.u32le(pk, 28) & 0x100) != 0);
            if (foo) {
                return;
            }
            if (handshake && packets <= 2) {
                version = pk.length == 16 ? 2 : 1;
                return;
            }
            rewriter.p2p.message(p2p, pk, false, version, m -> {
                if (m != null) {
                    Frames.diff(plan.edits(fromClient), at, frame(pk), frame(m));
                }
            });
        }

        private byte[] frame(byte[] pk) {
            byte[] out = new byte[4 + pk.length];
            P2pRewriter.putLe(out, 0, pk.length, 4);
            System.arraycopy(pk, 0, out, 4, pk.length);
            return out;
        }
    }
}
