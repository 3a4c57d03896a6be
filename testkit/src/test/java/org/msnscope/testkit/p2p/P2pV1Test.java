package org.msnscope.testkit.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class P2pV1Test {
    @Test
    void headerIsLittleEndianInFieldOrder() {
        // the INVITE header of the MSNPiki display-picture example
        P2pV1Header h = P2pV1Header.data(0, 0x0118A958L, 0, 0x291, 0x291, 0, 0x001E38ABL);
        assertEquals("00000000" + "58a91801" + "0000000000000000" + "9102000000000000" + "91020000" + "00000000"
                + "ab381e00" + "00000000" + "0000000000000000", Bytes.hex(h.bytes()));
        assertEquals(48, h.bytes().length);
    }

    @Test
    void everyFieldHasItsOffset() {
        P2pV1Header h = new P2pV1Header(0x11223344L, 0x55667788L, 0x0102030405060708L, 0x1112131415161718L,
                0x21222324L, 0x01000030L, 0x31323334L, 0x41424344L, 0x5152535455565758L);
        assertEquals("44332211" + "88776655" + "0807060504030201" + "1817161514131211" + "24232221" + "30000001"
                + "34333231" + "44434241" + "5857565554535251", Bytes.hex(h.bytes()));
    }

    @Test
    void footerIsBigEndian() {
        assertEquals("00000001", Bytes.hex(P2pV1Header.footer(1)));
        assertEquals("0000000c", Bytes.hex(P2pV1Header.footer(12)));
    }

    @Test
    void ackPointsAtTheAcknowledgedMessage() {
        P2pV1Header data = P2pV1Header.data(77, 1000, 2404, 3000, 596, P2pV1Header.FLAG_MSN_OBJECT, 0xABCDEFL);
        P2pV1Header ack = P2pV1Header.ackOf(data, 2001);
        assertEquals(new P2pV1Header(77, 2001, 0, 3000, 0, P2pV1Header.FLAG_ACK, 1000, 0xABCDEFL, 3000), ack);
    }

    @Test
    void messagesAreCutAt1202BytesWithOneIdentifier() {
        byte[] data = SampleObjects.random(5, 3000);
        List<P2pV1.Packet> chunks = P2pV1.message(9, 500, P2pV1Header.FLAG_MSN_OBJECT, 42, Wire.bin(data), 1,
                P2pV1.SB_CHUNK, true);
        assertEquals(3, chunks.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long offset = 0;
        for (P2pV1.Packet p : chunks) {
            P2pV1Header h = p.header();
            assertEquals(500, h.identifier());
            assertEquals(3000, h.totalSize());
            assertEquals(offset, h.offset());
            byte[] w = p.wire().bytes();
            assertEquals(48 + h.length() + 4, w.length);
            assertArrayEquals(h.bytes(), Bytes.slice(w, 0, 48));
            assertEquals("00000001", Bytes.hex(Bytes.slice(w, w.length - 4, 4)));
            joined.write(w, 48, (int) h.length());
            offset += h.length();
        }
        assertEquals(List.of(1202L, 1202L, 596L), chunks.stream().map(p -> p.header().length()).toList());
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void directConnectionFramingAndHandshake() {
        assertEquals("04000000" + "666f6f00", Bytes.hex(P2pV1.dcFoo().bytes()));
        String nonce = "{122D2937-5C86-4C7B-81F5-0E05017880C2}";
        assertEquals("37292d12865c7b4c81f50e05017880c2", Bytes.hex(Guids.msBytes(nonce)));
        P2pV1Header hs = P2pV1.handshake(0x10, nonce);
        byte[] frame = P2pV1.dcFrame(Wire.bin(hs.bytes())).bytes();
        assertEquals(52, frame.length);
        assertEquals("30000000", Bytes.hex(Bytes.slice(frame, 0, 4)));
        byte[] header = Bytes.slice(frame, 4, 48);
        assertEquals("00000000" + "10000000", Bytes.hex(Bytes.slice(header, 0, 8)));
        assertEquals("00010000", Bytes.hex(Bytes.slice(header, 28, 4)));
        assertEquals("37292d12865c7b4c81f50e05017880c2", Bytes.hex(Bytes.slice(header, 32, 16)));
    }

    @Test
    void directConnectionPacketsHaveNoFooter() {
        List<P2pV1.Packet> p = P2pV1.message(3, 4, P2pV1Header.FLAG_FILE_DATA, 5, Wire.bin(new byte[2000]), 2,
                P2pV1.DC_CHUNK, false);
        assertEquals(2, p.size());
        assertEquals(48 + 1352, p.get(0).wire().length());
        byte[] frame = P2pV1.dcFrame(p.get(1).wire()).bytes();
        assertEquals("b8020000", Bytes.hex(Bytes.slice(frame, 0, 4)));
        assertEquals(4 + 48 + 648, frame.length);
    }
}
