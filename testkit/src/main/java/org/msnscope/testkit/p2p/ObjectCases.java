package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The P2Pv1 MSNObject samples: a display picture, a custom emoticon, and a display picture out of order. */
final class ObjectCases {
    private ObjectCases() {
    }

    private static final String COMMON_PROVENANCE = Text.fmt("""
            The P2Pv1 header layout (48 bytes, little-endian) and flag values follow the NINA P2Pv1 headers page
            (%s) and the imfreedom copy (%s); the footer is the AppID as a big-endian DWORD. The MSNSLP start
            lines, header order (To, From, Via with branch, CSeq, Call-ID, Max-Forwards, Content-Type,
            Content-Length) and the NUL that ends every message and counts in Content-Length follow the NINA
            MSNSLP page (%s) and libpurple's `slpmsg.c` (`content_len = strlen(content) + 1`). The switchboard
            framing (`MSG trid D len`, `Content-Type: application/x-msnmsgrp2p`, `P2P-Dest`, at most 1202
            payload bytes per chunk) follows the NINA Transports page (%s). The MSNObject fields (Creator, Size,
            Type, Location, Friendly, SHA1D = base64 SHA-1 of the object, SHA1C = base64 SHA-1 of the other
            fields as name-value pairs) follow the NINA MSNObject page (%s).""", Sources.P2PV1,
            Sources.IMFREEDOM, Sources.SLP, Sources.TRANSPORTS, Sources.OBJECT);

    static final String CHOICES = """
            Where sources differ: the ACK's TotalSize is the acknowledged message's size (libpurple
            `msn_p2p_info_create_ack`; MSNPSharp and papyon write 0); every ACK and every SessionID-0 message
            has footer 0 and the data and data preparation carry the session AppID (imfreedom's AppID table);
            the chunks of one message share their AckID value. The Context is the MSNObject XML in base64
            without a trailing NUL, as libpurple sends it (`msn_slp_request_object`). The BYE body is a bare
            CRLF and NUL (Content-Length 3), as libpurple's `msn_dc_send_bye`.""";

    static SampleCase displayPicture() {
        CaseKit k = new CaseKit(Instant.parse("2009-03-14T19:22:05.318422Z"), 0x0D15C0DE01L, false, 1291, 1187);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): alice fetches bob's display picture over the");
        k.writer.header("switchboard with P2Pv1 and MSNSLP: INVITE, ACK, 200 OK, ACK, data preparation, ACK, the PNG");
        k.writer.header("in 1202-byte chunks (flags 0x20, footer AppID 1), ACK, BYE, ACK. Both clients' switchboard");
        k.writer.header("connections are captured; the server relays each MSG with the server-side syntax.");
        k.writer.header("Dialogue after the NINA Display pictures, P2Pv1 headers, MSNSLP and MSNObject pages.");
        k.writer.option("seed", "1101");
        k.writer.option("format", "pcap");
        byte[] png = SampleObjects.displayPicture(96, 40);
        MsnObject obj = MsnObject.of(k.bob.email(), MsnObject.TYPE_DISPLAY_PICTURE, "TFR2C2.tmp", png);
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(2_400_000);
        chat.say(k.alice, "Hey! New picture? Let me see it properly", CaseKit.ALICE_FONT, 2_100_000);
        chat.after(1_300_000);
        chat.say(k.bob, "Yes, from the boat trip :)", CaseKit.BOB_FONT, 1_700_000);
        chat.after(900_000);
        ObjectFetchV1.Result r = new ObjectFetchV1(k, chat, k.alice, k.bob).run(obj, png, 1,
                "his display picture", null);
        chat.after(3_200_000);
        chat.say(k.alice, "Got it, great colours!", CaseKit.ALICE_FONT, 1_500_000);
        chat.after(4_000_000);
        chat.close(k.bob, 6_500_000);
        String readme = Text.fmt("""
                # p2p-v1-display-picture

                An MSNP11 switchboard conversation in which alice fetches bob's display picture with the MSNC P2P
                protocol (P2Pv1 binary headers, MSNSLP), captured on both clients' connections to the same
                switchboard server. alice opens the switchboard (`USR`, `CAL`, `JOI`), bob answers his `RNG`
                (`ANS`, `IRO`), they exchange two lines of text, then:

                1. alice → bob: `INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0`, `application/x-msnmsgr-sessionreqbody`,
                   body `EUF-GUID: %s`, `SessionID: %d`, `AppID: 1`, `Context:` bob's MSNObject (Type 3) in base64.
                   P2P header: SessionID 0, Identifier %d (the BaseIdentifier), flags 0, footer 0.
                2. bob → alice: ACK (flags 0x2). 3. bob → alice: `MSNSLP/1.0 200 OK` with `SessionID: %d`.
                4. alice → bob: ACK. 5. bob → alice: the data preparation message (SessionID %d, four zero
                   bytes, flags 0, footer AppID 1). 6. alice → bob: ACK.
                7. bob → alice: the picture, %d bytes in %d chunks of up to 1202 bytes, all with Identifier %d,
                   flags 0x20 and footer AppID 1, Offset increasing and TotalSize %d.
                8. alice → bob: one ACK for the whole picture. 9. alice → bob: `BYE` (sessionclosebody).
                10. bob → alice: ACK.

                Identifiers follow the page's scheme: alice numbers her messages B, B+1, ...; bob uses B-3, B-2,
                B-1, then B+1, B+2. alice then thanks bob; bob leaves (`OUT`, alice sees `BYE bob@hotmail.com`)
                and alice sends `OUT`.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1291 and bob 10.0.0.3:1187, both to the switchboard 207.46.108.37:1863.
                  Every MSG one client sends (`MSG trid D len`) appears on the other client's connection as
                  `MSG alice@hotmail.com Alice len` or `MSG bob@hotmail.com Bob len` with the same body.
                - Object: `source/bob-display.png`, a 96x96 RGBA PNG (%d bytes) generated in code (zlib stored
                  blocks), SHA-1 in `sources.sha1`. Its MSNObject: `%s`.
                - Call-ID %s.

                Provenance: the ten-step flow, the mandatory acknowledgements, the data preparation message and
                the identifier numbering follow the NINA Display pictures page (%s) and its MSNPiki copy (%s),
                whose example INVITE header (SessionID 0, an Identifier, TotalSize = Length = the SLP size, flags
                0, a random AckID) is the model for step 1. %s

                %s

                Accounts (alice@hotmail.com, bob@hotmail.com), addresses, cookies, GUIDs, SessionIDs and
                identifiers are invented; the picture is generated.
                """, Guids.EUF_MSN_OBJECT, r.sessionId(), r.baseId(), r.sessionId(), r.sessionId(),
                png.length, r.chunks(), r.dataIdentifier(), png.length, png.length, obj.xml(), r.callId(), Sources.DP,
                Sources.MSNPIKI_DP, COMMON_PROVENANCE, CHOICES);
        return new SampleCase("p2p-v1-display-picture", k.writer.render(), Map.of("bob-display.png", png),
                List.of("bob-display.png"), null, readme);
    }

    static SampleCase emoticon() {
        CaseKit k = new CaseKit(Instant.parse("2009-05-02T10:41:37.902115Z"), 0x0E0E0E02L, false, 1342, 1205);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): alice uses a custom emoticon; the text/x-mms-emoticon");
        k.writer.header("declaration (shortcut TAB msnobj TAB) comes just before the message that uses it, then bob");
        k.writer.header("fetches the emoticon (MSNObject Type 2) over P2Pv1 exactly as a display picture.");
        k.writer.header("Dialogue after the NINA Custom Emoticons, Display pictures, P2Pv1 headers and MSNSLP pages.");
        k.writer.option("seed", "1102");
        k.writer.option("format", "pcap");
        byte[] png = SampleObjects.emoticon();
        MsnObject obj = MsnObject.of(k.alice.email(), MsnObject.TYPE_EMOTICON, "TFR3A.dat", png);
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_900_000);
        chat.say(k.bob, "How was the weekend?", CaseKit.BOB_FONT, 1_800_000);
        chat.after(2_600_000);
        String shortcut = "(sunny)";
        String declaration = "MIME-Version: 1.0\r\nContent-Type: text/x-mms-emoticon\r\n\r\n" + shortcut + "\t" + obj.xml()
                + "\t";
        chat.msg(k.alice, 'N', Wire.text(declaration),
                "alice declares the custom emoticon " + shortcut + " with its MSNObject (Type 2), mode N");
        chat.after(3_000);
        chat.msg(k.alice, 'A', Wire.text("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: "
                + CaseKit.ALICE_FONT + "\r\n\r\nAll sun " + shortcut + " we stayed on the beach"),
                "alice's message that uses the shortcut");
        chat.after(900_000);
        ObjectFetchV1.Result r = new ObjectFetchV1(k, chat, k.bob, k.alice).run(obj, png, 1,
                "the emoticon " + shortcut, null);
        chat.after(2_700_000);
        chat.say(k.bob, "Lucky you " + shortcut, CaseKit.BOB_FONT, 1_400_000);
        chat.after(5_000_000);
        chat.close(k.alice, 4_000_000);
        String readme = Text.fmt("""
                # p2p-v1-emoticon

                An MSNP11 switchboard conversation with a custom emoticon. alice sends a `text/x-mms-emoticon`
                message in ack mode N whose body is `%s`, TAB, her MSNObject for the emoticon (Type 2), TAB; then,
                a few milliseconds later, the text message that uses the shortcut. bob does not have the
                emoticon, so he fetches it with the same P2Pv1/MSNSLP flow as a display picture, bob being the
                receiving client:

                INVITE (`EUF-GUID: %s`, `AppID: 1`, `SessionID: %d`, Context = the Type 2 MSNObject in base64,
                Identifier %d), ACK, `200 OK`, ACK, data preparation (four zero bytes), ACK, the emoticon (%d
                bytes, %s, flags 0x20, footer AppID 1), ACK, BYE, ACK. bob then uses the emoticon too and
                alice leaves (`OUT`; bob sees `BYE alice@hotmail.com`).

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1342 and bob 10.0.0.3:1205 to the switchboard 207.46.108.37:1863; each MSG
                  appears on both connections (client syntax on the sender's, server syntax on the other).
                - Object: `source/alice-sunny.png`, a 19x19 RGBA PNG (%d bytes) generated in code; its MSNObject:
                  `%s`.

                Provenance: the declaration format (`alias TAB msnobj TAB`, sent immediately before the message
                that uses the alias, Type 2) and "requested the same way as display pictures" follow the NINA
                Custom Emoticons page (%s); the MIME type is also on yellows111's MIME types page (%s). The
                transfer follows the NINA Display pictures page (%s). %s

                %s

                Accounts, addresses, cookies, GUIDs and identifiers are invented; the emoticon is generated.
                """, shortcut, Guids.EUF_MSN_OBJECT, r.sessionId(), r.baseId(), png.length, CaseKit.chunks(r.chunks()),
                png.length, obj.xml(), Sources.EMOTICONS, Sources.YELLOWS_MIME, Sources.DP, COMMON_PROVENANCE,
                CHOICES);
        return new SampleCase("p2p-v1-emoticon", k.writer.render(), Map.of("alice-sunny.png", png),
                List.of("alice-sunny.png"), null, readme);
    }

    static SampleCase outOfOrder() {
        CaseKit k = new CaseKit(Instant.parse("2009-09-21T21:05:44.610873Z"), 0x00D3D3D3L, false, 1733, 1461);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009): bob fetches alice's display picture over P2Pv1; the");
        k.writer.header("data chunks go out shuffled, one chunk twice, and one re-send that overlaps two chunks with");
        k.writer.header("the same bytes. Offsets are always right, so the picture is complete in the end.");
        k.writer.header("Dialogue after the NINA Display pictures, P2Pv1 headers and MSNSLP pages.");
        k.writer.option("seed", "1103");
        k.writer.option("format", "pcap");
        byte[] png = SampleObjects.displayPicture(64, 170);
        MsnObject obj = MsnObject.of(k.alice.email(), MsnObject.TYPE_DISPLAY_PICTURE, "TFR1F7.tmp", png);
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_500_000);
        chat.say(k.alice, "Did my new picture come through?", CaseKit.ALICE_FONT, 1_600_000);
        chat.after(600_000);
        List<String> order = new ArrayList<>();
        ObjectFetchV1.Result r = new ObjectFetchV1(k, chat, k.bob, k.alice).run(obj, png, 1, "her display picture",
                chunks -> shuffle(chunks, png, order));
        chat.after(2_000_000);
        chat.say(k.bob, "It did, eventually", CaseKit.BOB_FONT, 1_300_000);
        chat.after(3_000_000);
        chat.close(k.bob, 5_000_000);
        String readme = Text.fmt("""
                # p2p-out-of-order

                An MSNP11 switchboard conversation in which bob fetches alice's display picture over P2Pv1 (the
                same INVITE, ACK, 200 OK, ACK, data preparation, ACK, data, ACK, BYE, ACK flow as
                `p2p-v1-display-picture`, with bob as the receiving client), but alice's data chunks reach the
                wire in a disturbed order. The picture is %d bytes, %d chunks of up to 1202 bytes, all with
                SessionID %d, Identifier %d, TotalSize %d and flags 0x20. On the wire, in this order:

                %s

                Every chunk's Offset and Length are right, the duplicate is byte-for-byte the same, and the
                overlapping re-send carries exactly the bytes at its offset, so a reassembler that places chunks
                by Offset ends with the whole picture (SHA-1 in `sources.sha1`). bob sends one ACK after the last
                missing byte has arrived. TCP itself is clean: the disorder is inside the P2P layer, and the
                server relays the MSGs in the same order to bob.

                - Link: Ethernet; format: pcap, microsecond timestamps.
                - Flows: alice 10.0.0.2:1733 and bob 10.0.0.3:1461 to the switchboard 207.46.108.37:1863.
                - Object: `source/alice-display.png`, a 64x64 RGBA PNG (%d bytes) generated in code; its
                  MSNObject: `%s`.

                Provenance: the flow follows the NINA Display pictures page (%s). Reassembly by Offset within one
                (SessionID, Identifier) follows the P2Pv1 headers page (Offset, TotalSize and Length fields);
                the disorder itself is made up to test a decoder. %s

                %s

                Accounts, addresses, cookies, GUIDs and identifiers are invented; the picture is generated.
                """, png.length, r.chunks(), r.sessionId(), r.dataIdentifier(), png.length,
                String.join("\n", order), png.length, obj.xml(), Sources.DP, COMMON_PROVENANCE, CHOICES);
        return new SampleCase("p2p-out-of-order", k.writer.render(), Map.of("alice-display.png", png),
                List.of("alice-display.png"), null, readme);
    }

    /**
     * The chunks in a fixed disturbed order (counting from 1): some neighbours swapped, chunk 7 twice, and
     * after chunk 9 a re-send from the middle of chunk 9 into chunk 10 with the same bytes. {@code order} gets a line for
     * each piece, for the README.
     */
    static List<P2pV1.Packet> shuffle(List<P2pV1.Packet> chunks, byte[] data, List<String> order) {
        int[] plan = {0, 2, 1, 3, 5, 4, 6, 6, 8, -1, 7, 9, 11, 10, 12, 13};
        List<P2pV1.Packet> out = new ArrayList<>();
        for (int i : plan) {
            if (i >= 0 && i < chunks.size()) {
                out.add(chunks.get(i));
            } else if (i < 0) {
                P2pV1Header a = chunks.get(8).header();
                int off = (int) a.offset() + 601;
                int len = (int) Math.min(P2pV1.SB_CHUNK, data.length - off);
                out.add(overlap(a, data, off, len));
            }
        }
        for (int i = 0; i < chunks.size(); i++) {
            final int idx = i;
            if (out.stream().noneMatch(p -> p == chunks.get(idx))) {
                out.add(chunks.get(i));
            }
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            P2pV1Header h = out.get(i).header();
            String what = "chunk " + (indexOf(chunks, h) + 1);
            if (indexOf(chunks, h) < 0) {
                what = "a re-send overlapping chunks 9 and 10";
            } else if (!seen.add(h.offset())) {
                what += " again (duplicate)";
            }
            order.add((i + 1) + ". offset " + h.offset() + ", " + h.length() + " bytes: " + what);
        }
        return out;
    }

    private static P2pV1.Packet overlap(P2pV1Header a, byte[] data, int off, int len) {
        P2pV1Header h = P2pV1Header.data(a.sessionId(), a.identifier(), off, a.totalSize(), len, a.flags(),
                a.ackSessionId());
        Wire w = Wire.bin(h.bytes()).thenBin(Bytes.slice(data, off, len)).thenBin(P2pV1Header.footer(1));
        return new P2pV1.Packet(h, w);
    }

    private static int indexOf(List<P2pV1.Packet> chunks, P2pV1Header h) {
        for (int i = 0; i < chunks.size(); i++) {
            P2pV1Header c = chunks.get(i).header();
            if (c.offset() == h.offset() && c.length() == h.length()) {
                return i;
            }
        }
        return -1;
    }
}
