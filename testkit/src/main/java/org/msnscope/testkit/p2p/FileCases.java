package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The P2Pv1 file-transfer samples: accepted, declined, over a direct connection, and cut short. */
final class FileCases {
    private FileCases() {
    }

    static final String FILE_PROVENANCE = Text.fmt("""
            The file flow (the sender's INVITE with EUF-GUID %s, AppID 2 and the base64 file context; ACK;
            200 OK or 603 Decline; ACK; the data with flags 0x01000030 and footer AppID 2; one ACK; BYE; ACK)
            and the identifier numbering (both sides count up from the sender's BaseIdentifier) follow the NINA
            File transfer page (%s) and its MSNPiki copy (%s); the INVITE's footer is 0 as the page says. The
            file context layout (574 bytes: length 574, version 2, QWORD size, type 1 = no preview, 520 bytes
            of UTF-16LE name, 30 zero bytes, 0xFFFFFFFF) follows libpurple's `xfer.h`/`slp.c` (`gen_context`,
            `MSN_FILE_CONTEXT_SIZE`) and papyon's `filetransfer.py`; the 0x01000030 data flag follows
            libpurple's `p2p.h` and `directconn.c` ("file data is always sent with flags 0x1000030"). The P2Pv1
            header layout follows the NINA P2Pv1 headers page (%s) and imfreedom (%s); MSNSLP framing, with
            the closing NUL counted in Content-Length, the NINA MSNSLP page (%s); switchboard framing and the
            1202-byte chunk limit the NINA Transports page (%s).""", Guids.EUF_FILE_TRANSFER,
            Sources.FILES, Sources.MSNPIKI_FILES, Sources.P2PV1, Sources.IMFREEDOM, Sources.SLP, Sources.TRANSPORTS);

    static final String FILE_CHOICES = """
            Where sources differ: the receiver sends the BYE once it has the file (libpurple); the ACK's
            TotalSize is the acknowledged message's size (libpurple; MSNPSharp and papyon write 0); ACKs have
            footer 0; no data preparation message precedes file data (NINA describes none; papyon sends one).
            The BYE body is a bare CRLF and NUL (Content-Length 3), as libpurple's `msn_dc_send_bye`.""";

    static SampleCase accept() {
        CaseKit k = new CaseKit(Instant.parse("2009-07-08T16:12:49.047731Z"), 0xF11E0001L, false, 1388, 1236);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): alice sends bob a file over the switchboard with");
        k.writer.header("P2Pv1 and MSNSLP: INVITE (EUF-GUID 5D3E02AB-..., AppID 2, file context), ACK, 200 OK, ACK, the");
        k.writer.header("file in 1202-byte chunks (flags 0x01000030, footer AppID 2), ACK, BYE from bob, ACK.");
        k.writer.header("Dialogue after the NINA File transfer, P2Pv1 headers and MSNSLP pages.");
        k.writer.option("seed", "1201");
        k.writer.option("format", "pcap");
        String name = "holiday notes.txt";
        byte[] file = SampleObjects.text("Holiday notes - what we did and what to remember for next year", 0x401DA7L,
                40_000);
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(2_000_000);
        chat.say(k.alice, "I wrote up the holiday notes, sending them now", CaseKit.ALICE_FONT, 2_200_000);
        chat.after(1_000_000);
        FileTransferV1 ft = new FileTransferV1(k, chat, k.alice, k.bob);
        ft.offer(name, file.length);
        ft.answer("200 OK", 3_400_000);
        P2pV1Header last = ft.sendData(file, file.length);
        ft.finish(last, true);
        chat.after(1_800_000);
        chat.say(k.bob, "Got them, thanks!", CaseKit.BOB_FONT, 1_200_000);
        chat.after(4_500_000);
        chat.close(k.bob, 3_000_000);
        int chunks = (file.length + P2pV1.SB_CHUNK - 1) / P2pV1.SB_CHUNK;
        String readme = Text.fmt("""
                # p2p-v1-file-accept

                An MSNP11 switchboard conversation in which alice sends bob the file "%s" (%d bytes) with the
                MSNC P2P protocol over the switchboard, captured on both clients' switchboard connections:

                1. alice → bob: `INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0` (sessionreqbody) with `EUF-GUID: %s`,
                   `SessionID: %d`, `AppID: 2` and `Context:` the file context in base64 (574 bytes: size %d,
                   type 1 = no preview, the name in UTF-16LE). P2P Identifier %d, footer 0.
                2. bob → alice: ACK. 3. bob → alice: `MSNSLP/1.0 200 OK` (`SessionID: %d`). 4. alice → bob: ACK.
                5. alice → bob: the file in %d chunks of up to 1202 bytes, SessionID %d, one Identifier, flags
                   0x01000030, footer AppID 2.
                6. bob → alice: one ACK for the file. 7. bob → alice: `BYE`. 8. alice → bob: ACK.

                bob thanks alice and leaves (`OUT`; alice sees `BYE bob@hotmail.com`), then alice sends `OUT`.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1388 and bob 10.0.0.3:1236 to the switchboard 207.46.108.37:1863; each
                  MSG appears on both connections (client syntax on the sender's, server syntax on the other).
                - Object: `source/%s`, %d bytes of ASCII text generated from a fixed seed; SHA-1 in
                  `sources.sha1`. Call-ID %s.

                Provenance: %s

                %s

                Accounts, addresses, cookies, GUIDs, SessionIDs and identifiers are invented; the file is generated.
                """, name, file.length, Guids.EUF_FILE_TRANSFER, ft.sessionId, file.length, ft.base,
                ft.sessionId, chunks, ft.sessionId, name, file.length, ft.callId, FILE_PROVENANCE, FILE_CHOICES);
        return new SampleCase("p2p-v1-file-accept", k.writer.render(), Map.of(name, file), List.of(name), null,
                readme);
    }

    static SampleCase decline() {
        CaseKit k = new CaseKit(Instant.parse("2009-07-09T09:30:12.775310Z"), 0xF11E0002L, false, 1402, 1249);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): alice offers bob a file (P2Pv1 MSNSLP INVITE with");
        k.writer.header("EUF-GUID 5D3E02AB-... and the file context); bob declines with 603 Decline. No data follows.");
        k.writer.header("Dialogue after the NINA File transfer, P2Pv1 headers and MSNSLP pages.");
        k.writer.option("seed", "1202");
        k.writer.option("format", "pcap");
        String name = "concert video.wmv";
        long size = 48_213_504L;
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_700_000);
        chat.say(k.alice, "Here's the video from Saturday", CaseKit.ALICE_FONT, 1_600_000);
        chat.after(800_000);
        FileTransferV1 ft = new FileTransferV1(k, chat, k.alice, k.bob);
        ft.offer(name, size);
        ft.answer("603 Decline", 5_200_000);
        chat.after(1_500_000);
        chat.say(k.bob, "Sorry, I'm on the phone connection, that's too big. Later?", CaseKit.BOB_FONT, 3_100_000);
        chat.after(2_000_000);
        chat.say(k.alice, "Sure, tomorrow", CaseKit.ALICE_FONT, 1_100_000);
        chat.after(3_000_000);
        chat.close(k.alice, 2_500_000);
        String readme = Text.fmt("""
                # p2p-v1-file-decline

                An MSNP11 switchboard conversation in which alice offers bob the file "%s" (%d bytes) and bob
                declines it. alice's `INVITE` carries `EUF-GUID: %s`, `SessionID: %d`, `AppID: 2` and the base64
                file context (574 bytes, type 1 = no preview); bob acknowledges it, then answers `MSNSLP/1.0 603
                Decline` (sessionreqbody, `SessionID: %d`, CSeq 1, same Call-ID %s and branch); alice acknowledges
                the decline. No data is sent, so `sources.sha1` lists nothing and there is no `source/` folder:
                a decoder should report the offer (name, size) and its refusal, and extract nothing.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1402 and bob 10.0.0.3:1249 to the switchboard 207.46.108.37:1863.
                - P2P Identifiers: alice's INVITE is the BaseIdentifier %d; both sides count up from it.

                Provenance: %s The 603 Decline status with a sessionreqbody echoing the SessionID follows the
                NINA MSNSLP page and papyon's `SLP.py` status table.

                Accounts, addresses, cookies, GUIDs, SessionIDs and identifiers are invented.
                """, name, size, Guids.EUF_FILE_TRANSFER, ft.sessionId, ft.sessionId, ft.callId, ft.base,
                FILE_PROVENANCE);
        return new SampleCase("p2p-v1-file-decline", k.writer.render(), Map.of(), List.of(), null, readme);
    }

    static SampleCase truncated() {
        CaseKit k = new CaseKit(Instant.parse("2009-11-26T13:48:03.114926Z"), 0xF11E0004L, false, 1555, 1318);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): alice sends bob a file over P2Pv1; the capture");
        k.writer.header("ends after 15 of the 25 data chunks (about 60% of the file): no ACK, no BYE, no close.");
        k.writer.header("Dialogue after the NINA File transfer, P2Pv1 headers and MSNSLP pages.");
        k.writer.option("seed", "1204");
        k.writer.option("format", "pcap");
        String name = "report draft.txt";
        byte[] file = SampleObjects.text("Quarterly report - draft 3 (please do not forward)", 0x2E90A7L, 30_000);
        int chunks = (file.length + P2pV1.SB_CHUNK - 1) / P2pV1.SB_CHUNK;
        int sentChunks = (chunks * 6 + 9) / 10;
        int sentBytes = sentChunks * P2pV1.SB_CHUNK;
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_400_000);
        chat.say(k.alice, "Sending you the draft", CaseKit.ALICE_FONT, 1_300_000);
        chat.after(700_000);
        FileTransferV1 ft = new FileTransferV1(k, chat, k.alice, k.bob);
        ft.offer(name, file.length);
        ft.answer("200 OK", 2_600_000);
        P2pV1Header last = ft.sendData(file, sentBytes);
        String sha = HexFormat.of().formatHex(MsnObject.sha1(file));
        String pct = String.format(java.util.Locale.ROOT, "%.1f", 100.0 * sentBytes / file.length);
        String partial = Text.fmt("""
                source/%s: %d bytes, SHA-1 %s
                sent: bytes 0-%d (%d bytes, %s%%), P2P data chunks 1-%d of %d (%d bytes each, the last sent at Offset %d)
                not sent: bytes %d-%d
                SessionID %d, data Identifier %d; the capture ends after the last chunk above (no ACK, no BYE).
                """, name, file.length, sha, sentBytes - 1, sentBytes, pct,
                sentChunks, chunks, P2pV1.SB_CHUNK, last.offset(), sentBytes, file.length - 1, ft.sessionId,
                last.identifier());
        String readme = Text.fmt("""
                # p2p-truncated

                An MSNP11 switchboard conversation in which alice sends bob the file "%s" (%d bytes) over P2Pv1,
                and the capture stops part-way: the INVITE (AppID 2, file context), ACK, `200 OK` and ACK are
                complete, then only %d of the %d data chunks (bytes 0 to %d, %s%% of the file) are in the
                capture, on alice's connection and as relayed to bob's. There is no data ACK, no BYE and no
                end of the TCP connections: the scenario simply ends, as a capture stopped by hand would.

                A decoder should report an unfinished transfer of "%s" with %d of %d bytes, and must not claim
                the file complete. `partial.txt` gives the exact byte ranges; `sources.sha1` lists nothing,
                since nothing is sent completely; `source/%s` is the whole original for comparison.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1555 and bob 10.0.0.3:1318 to the switchboard 207.46.108.37:1863.
                - SessionID %d; the data chunks all carry Identifier %d and TotalSize %d.

                Provenance: %s

                Accounts, addresses, cookies, GUIDs, SessionIDs and identifiers are invented; the file is generated.
                """, name, file.length, sentChunks, chunks, sentBytes - 1, pct,
                name, sentBytes, file.length, name, ft.sessionId, last.identifier(), file.length, FILE_PROVENANCE);
        return new SampleCase("p2p-truncated", k.writer.render(), Map.of(name, file), List.of(), partial, readme);
    }

    static SampleCase direct() {
        CaseKit k = new CaseKit(Instant.parse("2009-08-17T20:03:28.560294Z"), 0xF11E0003L, false, 1477, 1290);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): a P2Pv1 file transfer whose data goes over a direct");
        k.writer.header("connection: INVITE (file), ACK, 200 OK, ACK, then an INVITE with a transreqbody and a 200 OK");
        k.writer.header("transrespbody (bob listens on 10.0.0.3:2741); alice connects, sends foo, the nonce handshake");
        k.writer.header("goes both ways, then length-prefixed P2P packets carry the file; the BYE goes over the switchboard.");
        k.writer.header("Dialogue after the NINA File transfer, Transports, P2Pv1 headers and MSNSLP pages and libpurple.");
        k.writer.option("seed", "1203");
        k.writer.option("format", "pcap");
        String name = "camera-roll.dat";
        byte[] file = SampleObjects.random(0xCA3E7AL, 52_000);
        int port = 2741;
        String nonce = k.random.guid();
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_800_000);
        chat.say(k.alice, "Here are the raw photos, it's a big one", CaseKit.ALICE_FONT, 1_900_000);
        chat.after(900_000);
        FileTransferV1 ft = new FileTransferV1(k, chat, k.alice, k.bob);
        ft.offer(name, file.length);
        ft.answer("200 OK", 2_900_000);
        ft.directConnection(nonce, "81.2.69.160", port);
        chat.after(60_000);
        ScenarioWriter.Conn dc = k.writer.conn("dc", k.alice.ip() + ":1481", k.bob.ip() + ":" + port, chat.now(),
                "the direct connection: alice connects to the address bob announced in the transrespbody");
        chat.after(2_000);
        k.writer.send(dc, chat.now(), true, P2pV1.dcFoo(), "alice's first packet: length 4, \"foo\\0\"");
        chat.after(300);
        P2pV1Header hsA = P2pV1.handshake(ft.scId(), nonce);
        k.writer.send(dc, chat.now(), true, P2pV1.dcFrame(Wire.bin(hsA.bytes())),
                "alice's handshake: a 48-byte header with flags 0x100 and the nonce " + nonce
                        + " (GUID byte layout) in bytes 32-47");
        chat.after(1_600);
        P2pV1Header hsB = P2pV1.handshake(ft.rcId(), nonce);
        k.writer.send(dc, chat.now(), false, P2pV1.dcFrame(Wire.bin(hsB.bytes())),
                "bob answers with the same nonce: the connection is accepted");
        chat.after(5_000);
        long dataId = ft.scId();
        List<P2pV1.Packet> chunks = P2pV1.message(ft.sessionId, dataId, P2pV1Header.FLAG_FILE_DATA, k.random.nextU32(),
                Wire.bin(file), FileTransferV1.APP_ID, P2pV1.DC_CHUNK, false);
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                chat.after(700);
            }
            k.writer.send(dc, chat.now(), true, P2pV1.dcFrame(chunks.get(i).wire()), i == 0
                    ? "the file over the direct connection: " + chunks.size() + " packets of up to " + P2pV1.DC_CHUNK
                            + " bytes, each after a 4-byte little-endian length, no footer\n(SessionID " + ft.sessionId
                            + ", Identifier " + dataId + ", flags 0x01000030)"
                    : null);
        }
        chat.after(3_000);
        P2pV1Header lastData = chunks.get(chunks.size() - 1).header();
        k.writer.send(dc, chat.now(), false, P2pV1.dcFrame(P2pV1.ack(lastData, ft.rcId(), 0, false).wire()),
                "bob acknowledges the whole file over the direct connection");
        ft.bye();
        chat.after(40_000);
        k.writer.close(dc, chat.now(), true, true, "alice closes the direct connection");
        chat.after(2_000_000);
        chat.say(k.bob, "All there, thanks", CaseKit.BOB_FONT, 1_000_000);
        chat.after(3_000_000);
        chat.close(k.bob, 2_000_000);
        String readme = Text.fmt("""
                # p2p-direct-file

                An MSNP11 file transfer ("%s", %d bytes) negotiated over the switchboard whose data goes over a
                direct TCP connection between the clients:

                1. On the switchboard: alice's file `INVITE` (EUF-GUID %s, AppID 2, SessionID %d, file context),
                   bob's ACK, `200 OK`, alice's ACK.
                2. alice → bob: a second `INVITE` in the same Call-ID (%s) with a new branch and
                   `Content-Type: application/x-msnmsgr-transreqbody`: `Bridges: TCPv1`, `NetID: 0`, `Conn-Type:
                   Direct-Connect`, `UPnPNat: false`, `ICF: false`, `Nonce: %s`. bob acknowledges it.
                3. bob → alice: `MSNSLP/1.0 200 OK` with `application/x-msnmsgr-transrespbody`: `Bridge: TCPv1`,
                   `Listening: true`, the same `Nonce`, `IPv4External-Addrs: 81.2.69.160`, `IPv4External-Port: %d`,
                   `IPv4Internal-Addrs: 10.0.0.3`, `IPv4Internal-Port: %d`. alice acknowledges it.
                4. A new TCP connection 10.0.0.2:1481 → 10.0.0.3:%d (not port 1863). Every packet on it is a
                   4-byte little-endian length then the packet. alice sends `foo\\0` (length 4), then her
                   handshake: a 48-byte P2Pv1 header, SessionID 0, flags 0x100, the nonce in bytes 32-47 in GUID
                   byte order (Data1, Data2, Data3 little-endian, then Data4). bob answers with his own header
                   carrying the same nonce.
                5. alice sends the file as %d P2Pv1 packets of up to 1352 bytes (SessionID %d, one Identifier,
                   flags 0x01000030, no footer on a direct connection); bob acknowledges the whole file on the
                   direct connection.
                6. bob sends `BYE` over the switchboard, alice acknowledges it there, and alice closes the direct
                   connection.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1477 and bob 10.0.0.3:1290 to the switchboard 207.46.108.37:1863, and the
                  direct connection 10.0.0.2:1481 → 10.0.0.3:%d. A decoder should tie the direct connection to the
                  MSNSLP session by the announced address and port (and the nonce).
                - Object: `source/%s`, %d pseudo-random bytes from a fixed seed; SHA-1 in `sources.sha1`.

                Provenance: the transport negotiation (second INVITE in the same Call-ID, transreqbody keys,
                transrespbody keys with the listening address and port) follows the NINA Transports page (%s),
                libpurple's `slp.c` (`got_ok`, the `Bridges: TCPv1` / `NetID: 0` / `Conn-Type: Direct-Connect` /
                `UPnPNat` / `ICF` body) and `directconn.c`. The plain `Nonce: {GUID}` in the request follows the MSNP11 client
                library msnp11-sdk (`direct_connection_invite`), and in the response the `Nonce` field that
                Miranda's `msn_p2p.cpp` reads; later clients (libpurple, Windows Live Messenger) send
                `Hashed-Nonce` instead. The framing (u32
                little-endian length before every packet, `foo\\0` first, no footer), the handshake (flags 0x100,
                nonce at offset 32 in GUID byte layout) and the 1352-byte packet limit follow libpurple's
                `directconn.c` (`DC_MAX_BODY_SIZE`, `P2P_HEADER_ACK_ID_OFFSET`) and MSNPSharp's
                `P2PDCHandshakeMessage`. %s

                %s The response echoes the request's nonce, so that the handshake can be checked against either.

                Accounts, addresses, cookies, GUIDs, SessionIDs, nonce and identifiers are invented; the file is
                generated.
                """, name, file.length, Guids.EUF_FILE_TRANSFER, ft.sessionId, ft.callId, nonce, port, port,
                port, chunks.size(), ft.sessionId, port, name, file.length, Sources.TRANSPORTS, FILE_PROVENANCE,
                FILE_CHOICES);
        return new SampleCase("p2p-direct-file", k.writer.render(), Map.of(name, file), List.of(name), null, readme);
    }
}
