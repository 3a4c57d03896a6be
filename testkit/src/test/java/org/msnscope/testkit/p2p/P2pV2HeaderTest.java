package org.msnscope.testkit.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class P2pV2HeaderTest {
    @Test
    void synChunkCarriesPeerInfoPaddedToFour() {
        P2pV2Header h = P2pV2Header.data(P2pV2Header.OP_SYN | P2pV2Header.OP_RAK, 0x01020304L,
                P2pV2Header.defaultPeerInfo(), P2pV2Header.TF_FIRST, 0x0B55, 0, 0, 300);
        assertEquals(24, h.headerLength());
        assertEquals(8, h.dataHeaderLength());
        assertEquals(308, h.messageLength());
        assertEquals("18" + "03" + "0134" + "01020304" + "010c" + "020000000e0000000000010f" + "0000"
                + "08" + "01" + "0b55" + "00000000", Bytes.hex(h.bytes()));
        assertEquals(0x01020304L + 308, h.nextIdentifier());
    }

    @Test
    void dataRemainingIsATlvOfTheDataHeader() {
        P2pV2Header h = P2pV2Header.data(0, 7, null, P2pV2Header.TF_FILE | P2pV2Header.TF_FIRST, 2, 99, 0x1234, 1202);
        assertEquals(8, h.headerLength());
        assertEquals(20, h.dataHeaderLength());
        assertEquals("08" + "00" + "04c6" + "00000007" + "14" + "07" + "0002" + "00000063" + "0108"
                + "0000000000001234" + "0000", Bytes.hex(h.bytes()));
    }

    @Test
    void ackIsTlvTwoWithTheNextIdentifierAndNoDataHeader() {
        P2pV2Header acked = P2pV2Header.data(P2pV2Header.OP_RAK, 1000, null, 0, 1, 0, 0, 148);
        P2pV2.Sender s = new P2pV2.Sender(5000);
        P2pV2.Packet ack = P2pV2.ack(s, acked);
        assertEquals("10" + "00" + "0000" + "00001388" + "0204" + "00000484" + "0000" + "00000000",
                Bytes.hex(ack.wire().bytes()));
        assertEquals(5000, s.nextId());
    }

    @Test
    void theAnswerToASynCopiesThePeerInfo() {
        P2pV2Header syn = P2pV2Header.data(P2pV2Header.OP_SYN | P2pV2Header.OP_RAK, 10, P2pV2Header.defaultPeerInfo(),
                1, 1, 0, 0, 100);
        P2pV2Header ack = P2pV2.ack(new P2pV2.Sender(20), syn).header();
        assertEquals(P2pV2Header.OP_SYN | P2pV2Header.OP_RAK, ack.opcode());
        assertEquals(28, ack.headerLength());
        assertEquals(118, ack.ackIdentifier());
    }

    @Test
    void blobsAreChunkedWithOnePackageNumber() {
        P2pV2.Sender s = new P2pV2.Sender(100);
        List<P2pV2.Packet> p = P2pV2.blob(s, false, P2pV2Header.TF_MSN_OBJECT, 7, 55, Wire.bin(new byte[2500]), true,
                12, P2pV2.SB_CHUNK);
        assertEquals(3, p.size());
        assertEquals(List.of(5, 4, 4), p.stream().map(x -> x.header().tf()).toList());
        assertEquals(List.of(1298L, 96L, 0L), p.stream().map(x -> x.header().dataRemaining()).toList());
        assertEquals(List.of(0, 0, P2pV2Header.OP_RAK), p.stream().map(x -> x.header().opcode()).toList());
        assertEquals(100, p.get(0).header().identifier());
        assertEquals(100 + 20 + 1202, p.get(1).header().identifier());
        assertEquals(p.get(2).header().nextIdentifier(), s.nextId());
        byte[] last = p.get(2).wire().bytes();
        assertEquals("0000000c", Bytes.hex(Bytes.slice(last, last.length - 4, 4)));
    }
}
