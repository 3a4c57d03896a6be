package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.List;

/**
 * What the sample cases share: the two accounts, their fonts, a clock, ids drawn from a per-case seed,
 * and helpers that send runs of P2P chunks through a {@link Chat}.
 */
final class CaseKit {
    static final String ALICE_FONT = "FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22";
    static final String BOB_FONT = "FN=Tahoma; EF=; CO=800000; CS=0; PF=22";
    /** Time between two chunks a client writes back to back. */
    static final long CHUNK_GAP_MICROS = 9_000;
    /** Time a client takes to react to a P2P message (ACK, answer). */
    static final long REACT_MICROS = 30_000;

    final ScenarioWriter writer;
    final SplitMix random;
    final Party alice;
    final Party bob;

    CaseKit(Instant epoch, long seed, boolean endpoints, int alicePort, int bobPort) {
        this.writer = new ScenarioWriter(epoch);
        this.random = new SplitMix(seed);
        String aliceGuid = endpoints ? random.guid().toLowerCase(java.util.Locale.ROOT) : null;
        String bobGuid = endpoints ? random.guid().toLowerCase(java.util.Locale.ROOT) : null;
        this.alice = new Party("alice@hotmail.com", "Alice", "10.0.0.2", alicePort, aliceGuid);
        this.bob = new Party("bob@hotmail.com", "Bob", "10.0.0.3", bobPort, bobGuid);
    }

    /** A switchboard between alice (who opens it) and bob, started at {@code atMicros}. */
    Chat chat(Chat.Dialect dialect, long atMicros) {
        Chat c = new Chat(writer, dialect, alice, bob);
        c.open(atMicros, cookie(), (random.nextU32() % 900_000_000L + 100_000_000L) + "." + random.nextU32() % 900_000_000L,
                Long.toString(random.nextU32() % 90_000_000L + 10_000_000L));
        return c;
    }

    /** A switchboard between alice and bob of which only alice's connection is captured, started at {@code atMicros}. */
    Chat chatOneSide(Chat.Dialect dialect, long atMicros) {
        Chat c = new Chat(writer, dialect, alice, bob);
        String xfr = cookie();
        c.openOneSide(atMicros, xfr, Long.toString(random.nextU32() % 90_000_000L + 10_000_000L));
        return c;
    }

    private String cookie() {
        return (random.nextU32() % 90_000_000L + 10_000_000L) + "." + (1_230_000_000L + random.nextU32() % 60_000_000L)
                + "." + random.nextU32() % 90_000;
    }

    /** A random 32-bit identifier, away from 0 and from wrapping. */
    long baseId() {
        return 0x00100000L + random.nextU32() % 0x7F000000L;
    }

    /** A random SessionID as clients write it, a decimal below 2^31. */
    long sessionId() {
        return 1_000_000L + random.nextU32() % 2_000_000_000L;
    }

    /** Sends P2Pv1 chunks from {@code from} back to back; returns the header of the last one. */
    P2pV1Header sendV1(P2pCarrier chat, Party from, List<P2pV1.Packet> packets, String comment) {
        P2pV1Header last = null;
        for (int i = 0; i < packets.size(); i++) {
            P2pV1.Packet p = packets.get(i);
            if (i > 0) {
                chat.after(CHUNK_GAP_MICROS);
            }
            String c = i == 0 ? comment : null;
            if (packets.size() > 1 && i == 0) {
                c = comment + " (" + packets.size() + " chunks)";
            }
            chat.p2p(from, p.wire(), c);
            last = p.header();
        }
        return last;
    }

    /** Sends P2Pv2 chunks from {@code from} back to back; returns their headers. */
    List<P2pV2Header> sendV2(P2pCarrier chat, Party from, List<P2pV2.Packet> packets, String comment) {
        List<P2pV2Header> out = new java.util.ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                chat.after(CHUNK_GAP_MICROS);
            }
            String c = i == 0 ? (packets.size() > 1 ? comment + " (" + packets.size() + " chunks)" : comment) : null;
            chat.p2p(from, packets.get(i).wire(), c);
            out.add(packets.get(i).header());
        }
        return out;
    }

    /** "1 chunk" or "N chunks". */
    static String chunks(int n) {
        return n == 1 ? "1 chunk" : n + " chunks";
    }

    /** Waits for the relay and the other client's reaction. */
    static void react(P2pCarrier chat) {
        chat.after(Chat.RELAY_MICROS + REACT_MICROS);
    }
}
