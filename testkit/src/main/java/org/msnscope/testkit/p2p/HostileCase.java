package org.msnscope.testkit.p2p;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hostile P2Pv1 sample: one switchboard conversation in which the peer sends sizes, offsets,
 * lengths, contexts, names and GUIDs that a decoder must not trust, then floods unanswered invitations,
 * and finally a display picture that must still be decoded whole.
 */
final class HostileCase {
    private HostileCase() {
    }

    /** The announced size of step a: 4 GiB, one past the largest 32-bit value. */
    static final long HUGE = 4_294_967_296L;
    /** The total size of the session that steps b to d aim at. */
    static final int SMALL = 1000;
    /** The MessageLength of step c, far above the bytes that follow. */
    static final long LYING_LENGTH = 0x7FFFFFF0L;
    /** The bytes that really follow the header in step c. */
    static final int LYING_BYTES = 100;
    /** The offset of step d: 2^64 - 8, negative as a signed 64-bit value. */
    static final long WRAPPING_OFFSET = 0xFFFFFFFFFFFFFFF8L;
    static final String NOT_BASE64 = "!!!not*base64";
    static final String BAD_XML = "<msnobj Creator=\"bob@hotmail.com\" Size=\"10\" <<<";
    static final String UNKNOWN_GUID = "{DEADBEEF-0000-4000-8000-0123456789AB}";
    static final int UNKNOWN_APP_ID = 99;
    /** Length of the step f name in UTF-16 code units. */
    static final int LONG_NAME_CHARS = 10_000;
    /** Invitations in the flood of step h; the decoder keeps 1,024 transfers open. */
    static final int FLOOD = 1_500;
    /** Invitations the server relays in one write during the flood. */
    static final int FLOOD_BATCH = 10;

    private static String longName() {
        String head = "../../etc/passwd\0";
        return head + "x".repeat(LONG_NAME_CHARS - head.length());
    }

    /** A P2Pv1 chunk whose header is taken as given, whatever it claims: header, payload, footer. */
    private static Wire raw(P2pV1Header h, byte[] payload, long appId) {
        return Wire.bin(h.bytes()).thenBin(payload).thenBin(P2pV1Header.footer(appId));
    }

    private static Map<String, String> sessionBody(String euf, long sid, long appId, String context) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUF-GUID", euf);
        body.put("SessionID", Long.toString(sid));
        body.put("AppID", Long.toString(appId));
        body.put("Context", context);
        return body;
    }

    /**
     * bob sends an INVITE with {@code body}; alice acknowledges it and declines with 603 (libpurple
     * {@code got_sessionreq} declines what it cannot accept), and bob acknowledges the decline. Both
     * sides count their Identifiers up from bob's BaseIdentifier.
     */
    private static long refused(CaseKit k, Chat chat, Map<String, String> body, String comment) {
        long base = k.baseId();
        SlpMessage invite = SlpMessage.request("INVITE", k.alice.handle(), k.bob.handle(), k.random.guid(), 0,
                k.random.guid(), SlpMessage.SESSION_REQUEST, body);
        P2pV1Header h = k.sendV1(chat, k.bob, P2pV1.message(0, base, 0, k.random.nextU32(),
                P2pV1.slpPayload(invite), 0, P2pV1.SB_CHUNK, true), comment + "\nP2P Identifier " + base + ", footer 0");
        CaseKit.react(chat);
        chat.p2p(k.alice, P2pV1.ack(h, base + 1, 0, true).wire(), "alice acknowledges the INVITE");
        chat.after(350_000);
        SlpMessage decline = invite.reply("603 Decline", Map.of("SessionID", body.get("SessionID")));
        P2pV1Header d = k.sendV1(chat, k.alice, P2pV1.message(0, base + 2, 0, k.random.nextU32(),
                P2pV1.slpPayload(decline), 0, P2pV1.SB_CHUNK, true),
                "alice declines: MSNSLP/1.0 603 Decline, SessionID " + body.get("SessionID"));
        CaseKit.react(chat);
        chat.p2p(k.bob, P2pV1.ack(d, base + 1, 0, true).wire(), "bob acknowledges the decline");
        return base;
    }

    static SampleCase hostile() {
        CaseKit k = new CaseKit(Instant.parse("2009-10-30T22:41:17.226481Z"), 0x4057113EL, false, 1612, 1377);
        k.writer.header("MSNP11 (MSN Messenger 7.0, 2009), P2Pv1 over the switchboard, alice's connection only: bob's");
        k.writer.header("client sends what a decoder must not trust: a 4 GiB file, offsets past the size and past 2^63,");
        k.writer.header("a length far beyond the bytes, Contexts that are not base64 or not XML, a ../ file name with a");
        k.writer.header("NUL (P2P file context and MSNFTP), an unknown EUF-GUID, then 1,500 INVITEs never answered,");
        k.writer.header("ten to a TCP write. Last, alice fetches bob's display picture, which must come out whole.");
        k.writer.header("Made up to test a decoder; message formats after the NINA P2Pv1 headers, MSNSLP and File");
        k.writer.header("transfer pages, libpurple and hypothetic.org.");
        k.writer.option("seed", "1205");
        k.writer.option("format", "pcap");
        Set<Long> sessions = new HashSet<>();
        Chat chat = k.chatOneSide(Chat.Dialect.CLASSIC, 0);
        chat.after(1_400_000);
        chat.say(k.bob, "I have a few things for you", CaseKit.BOB_FONT, 1_300_000);
        chat.after(900_000);

        // a. a 4 GiB file and two chunks that agree with it
        String bigName = "disk image.iso";
        FileTransferV1 big = new FileTransferV1(k, chat, k.bob, k.alice);
        sessions.add(big.sessionId);
        big.offer(bigName, HUGE);
        big.answer("200 OK", 2_300_000);
        chat.after(50_000);
        long bigId = big.scId();
        long bigAck = k.random.nextU32();
        byte[] bigFirst = SampleObjects.random(0xB16F1L, P2pV1.SB_CHUNK);
        byte[] bigLast = SampleObjects.random(0xB16F2L, P2pV1.SB_CHUNK);
        long lastOffset = HUGE - P2pV1.SB_CHUNK;
        chat.p2p(k.bob, raw(P2pV1Header.data(big.sessionId, bigId, 0, HUGE, P2pV1.SB_CHUNK, P2pV1Header.FLAG_FILE_DATA,
                bigAck), bigFirst, FileTransferV1.APP_ID),
                "a. data for the 4 GiB file: SessionID " + big.sessionId + ", Identifier " + bigId + ", Offset 0, TotalSize "
                        + HUGE + ", Length " + P2pV1.SB_CHUNK + ", flags 0x01000030");
        chat.after(CaseKit.CHUNK_GAP_MICROS);
        chat.p2p(k.bob, raw(P2pV1Header.data(big.sessionId, bigId, lastOffset, HUGE, P2pV1.SB_CHUNK,
                P2pV1Header.FLAG_FILE_DATA, bigAck), bigLast, FileTransferV1.APP_ID),
                "a. the file's last " + P2pV1.SB_CHUNK + " bytes: Offset " + lastOffset + " (TotalSize - " + P2pV1.SB_CHUNK
                        + "), the same TotalSize; nothing else of the file is ever sent");

        // b, c, d. a valid 1000-byte offer, then chunks for it that lie
        chat.after(1_600_000);
        String smallName = "notes.txt";
        FileTransferV1 small = new FileTransferV1(k, chat, k.bob, k.alice);
        sessions.add(small.sessionId);
        small.offer(smallName, SMALL);
        small.answer("200 OK", 1_700_000);
        chat.after(50_000);
        long idB = small.scId();
        chat.p2p(k.bob, raw(P2pV1Header.data(small.sessionId, idB, 50_000, SMALL, 100, P2pV1Header.FLAG_FILE_DATA,
                k.random.nextU32()), SampleObjects.random(0xB0FF5E7L, 100), FileTransferV1.APP_ID),
                "b. a chunk past its total size: SessionID " + small.sessionId + ", Identifier " + idB
                        + ", Offset 50000, TotalSize " + SMALL + ", Length 100");
        chat.after(CaseKit.CHUNK_GAP_MICROS);
        long idC = small.scId();
        chat.p2p(k.bob, raw(P2pV1Header.data(small.sessionId, idC, 0, SMALL, LYING_LENGTH, P2pV1Header.FLAG_FILE_DATA,
                k.random.nextU32()), SampleObjects.random(0x1E9C7L, LYING_BYTES), FileTransferV1.APP_ID),
                "c. a chunk whose MessageLength (offset 24) says 0x7FFFFFF0 (" + LYING_LENGTH + ") while " + LYING_BYTES
                        + " bytes and the footer follow:\nSessionID " + small.sessionId + ", Identifier " + idC
                        + ", Offset 0, TotalSize " + SMALL);
        chat.after(CaseKit.CHUNK_GAP_MICROS);
        long idD = small.scId();
        chat.p2p(k.bob, raw(P2pV1Header.data(small.sessionId, idD, WRAPPING_OFFSET, SMALL, 8, P2pV1Header.FLAG_FILE_DATA,
                k.random.nextU32()), SampleObjects.random(0x0FF5E7L, 8), FileTransferV1.APP_ID),
                "d. a chunk at Offset 0xFFFFFFFFFFFFFFF8 (-8 as signed; Offset + Length wraps to 0): SessionID "
                        + small.sessionId + ", Identifier " + idD + ", TotalSize " + SMALL + ", Length 8");

        // e. MSNObject Contexts that are not base64, and not well-formed XML
        chat.after(1_300_000);
        long sidE1 = newSession(k, sessions);
        refused(k, chat, sessionBody(Guids.EUF_MSN_OBJECT, sidE1, 1, NOT_BASE64),
                "e. an MSNObject INVITE whose Context is not base64 (\"" + NOT_BASE64 + "\"): EUF-GUID "
                        + Guids.EUF_MSN_OBJECT + ", AppID 1, SessionID " + sidE1);
        chat.after(600_000);
        long sidE2 = newSession(k, sessions);
        String badXml64 = Base64.getEncoder().encodeToString(BAD_XML.getBytes(StandardCharsets.UTF_8));
        refused(k, chat, sessionBody(Guids.EUF_MSN_OBJECT, sidE2, 1, badXml64),
                "e. an MSNObject INVITE whose Context is base64 of malformed XML (" + BAD_XML + "): AppID 1, SessionID "
                        + sidE2);

        // f. a ../ name with a NUL, 10,000 characters: in a P2P file context and in an MSNFTP invitation
        chat.after(1_100_000);
        String name = longName();
        long sidF = newSession(k, sessions);
        long fileSize = 2048;
        refused(k, chat, sessionBody(Guids.EUF_FILE_TRANSFER, sidF, FileTransferV1.APP_ID,
                Base64.getEncoder().encodeToString(FileContext.bytesClipped(name, fileSize))),
                "f. a file INVITE (AppID 2, SessionID " + sidF + ", " + fileSize + " bytes) whose file name is \"../../etc/passwd\","
                        + " a NUL and \"x\" up to " + LONG_NAME_CHARS + " characters;\nthe context's 520-byte field holds"
                        + " the first 260 code units, with no closing NUL");
        chat.after(900_000);
        long cookie = 1 + k.random.nextU32() % 60_000;
        chat.msg(k.bob, 'N', Wire.text(Msnftp.invite(cookie, name, fileSize)),
                "f. the same name whole in an MSNFTP invitation: text/x-msmsgsinvite, Invitation-Cookie " + cookie
                        + ", Application-File of " + LONG_NAME_CHARS + " characters with the NUL, Application-FileSize "
                        + fileSize);
        chat.after(Chat.RELAY_MICROS + 1_200_000);
        chat.msg(k.alice, 'N', Wire.text(Msnftp.cancel(cookie, "REJECT")),
                "alice declines the MSNFTP offer: Invitation-Command CANCEL, Cancel-Code REJECT");

        // g. an EUF-GUID no client defines
        chat.after(Chat.RELAY_MICROS + 1_000_000);
        long sidG = newSession(k, sessions);
        refused(k, chat, sessionBody(UNKNOWN_GUID, sidG, UNKNOWN_APP_ID,
                Base64.getEncoder().encodeToString(SampleObjects.random(0xDEADBEEFL, 16))),
                "g. an INVITE with the unknown EUF-GUID " + UNKNOWN_GUID + ", AppID " + UNKNOWN_APP_ID + ", SessionID "
                        + sidG + ", a 16-byte Context");

        // h. 1,500 INVITEs for alice's picture, never answered
        chat.after(1_500_000);
        byte[] alicePng = SampleObjects.displayPicture(96, 15);
        MsnObject aliceObj = MsnObject.of(k.alice.email(), MsnObject.TYPE_DISPLAY_PICTURE, "TFR2A4.tmp", alicePng);
        long floodBase = k.baseId();
        Set<String> calls = new HashSet<>();
        long firstFloodSid = -1;
        long lastFloodSid = -1;
        for (int batch = 0; batch < FLOOD / FLOOD_BATCH; batch++) {
            if (batch > 0) {
                chat.after(6_000);
            }
            List<Wire> invites = new ArrayList<>();
            for (int j = 0; j < FLOOD_BATCH; j++) {
                int n = batch * FLOOD_BATCH + j;
                long sid = newSession(k, sessions);
                String callId = k.random.guid();
                if (!calls.add(callId)) {
                    throw new IllegalStateException("Call-ID drawn twice: " + callId);
                }
                firstFloodSid = n == 0 ? sid : firstFloodSid;
                lastFloodSid = sid;
                SlpMessage invite = SlpMessage.request("INVITE", k.alice.handle(), k.bob.handle(), k.random.guid(), 0,
                        callId, SlpMessage.SESSION_REQUEST, sessionBody(Guids.EUF_MSN_OBJECT, sid, 1, aliceObj.context()));
                List<P2pV1.Packet> p = P2pV1.message(0, floodBase + n, 0, k.random.nextU32(), P2pV1.slpPayload(invite), 0,
                        P2pV1.SB_CHUNK, true);
                if (p.size() != 1) {
                    throw new IllegalStateException("a flood INVITE needs " + p.size() + " chunks");
                }
                invites.add(p.get(0).wire());
            }
            chat.p2pBatch(k.bob, invites, batch == 0
                    ? "h. " + FLOOD + " INVITEs for alice's display picture (valid MSNObject Context, a new Call-ID, branch and"
                            + " SessionID each,\nIdentifiers " + floodBase + " to " + (floodBase + FLOOD - 1) + "), "
                            + FLOOD_BATCH + " relayed per write, never acknowledged nor answered"
                    : null);
        }

        // i. an ordinary display picture, complete
        chat.after(2_000_000);
        chat.say(k.alice, "Whatever that was, my Messenger is still up. Is that a new picture?", CaseKit.ALICE_FONT,
                2_600_000);
        chat.after(700_000);
        byte[] png = SampleObjects.displayPicture(96, 210);
        MsnObject obj = MsnObject.of(k.bob.email(), MsnObject.TYPE_DISPLAY_PICTURE, "TFR3B9.tmp", png);
        ObjectFetchV1.Result r = new ObjectFetchV1(k, chat, k.alice, k.bob).run(obj, png, 1,
                "his display picture (step i: decoding must go on after all of the above)", null);
        if (sessions.contains(r.sessionId())) {
            throw new IllegalStateException("SessionID drawn twice: " + r.sessionId());
        }
        chat.after(2_500_000);
        chat.say(k.alice, "Got it, nice", CaseKit.ALICE_FONT, 1_100_000);
        chat.after(3_000_000);
        chat.close(k.alice, 1_500_000);

        int evicted = 2 + FLOOD + 1 - 1024;
        String readme = Text.fmt("""
                # p2p-hostile

                An MSNP11 switchboard conversation between alice and bob in which bob's client sends P2Pv1 and
                MSNSLP messages a decoder must not trust. Only alice's switchboard connection is captured: what
                bob sends appears as the server relays it (`MSG bob@hotmail.com Bob len`), what alice sends in
                client syntax (`MSG trid D len`). The steps, in this order, and the anomaly (docs/events.md) each
                one should raise:

                1. (a) bob offers "%s" with a file context announcing %d bytes (4 GiB, past 32 bits), SessionID
                   %d; alice accepts (`200 OK`). Two data chunks follow, both with TotalSize %d: Offset 0 and
                   Offset %d (the file's last %d bytes). Nothing else of the file is sent. Expected:
                   `p2p_object_too_large` (the size is above the 100 MiB object limit; the chunk near 4 GiB is
                   counted, not kept, and nothing of 4 GiB is allocated); the transfer ends `incomplete`.
                2. (b) bob offers "%s" (%d bytes, SessionID %d); alice accepts. Then a chunk of that session at
                   Offset 50000 with TotalSize %d and Length 100. Expected: `p2p_bad_offset`, the piece dropped.
                3. (c) A chunk of the same session whose MessageLength field (offset 24) says 0x7FFFFFF0 (%d) while
                   only %d bytes (then the 4-byte footer) follow; Offset 0, TotalSize %d. Expected:
                   `p2p_bad_length`; at most the %d data bytes before the footer are used, nothing is allocated
                   for the announced length.
                4. (d) A chunk of the same session at Offset 0xFFFFFFFFFFFFFFF8 (2^64 - 8, negative as a signed
                   64-bit value; with its Length 8 the end wraps to 0), TotalSize %d. Expected: `p2p_bad_offset`
                   (offset above 2^63), the piece dropped.
                5. (e) Two MSNObject INVITEs (EUF-GUID %s, AppID 1): one with `Context: %s` (not base64), one with
                   the base64 of `%s` (not well-formed XML). alice declines both with `603 Decline`. Expected:
                   `p2p_bad_context` for each.
                6. (f) A file INVITE (AppID 2, SessionID %d, %d bytes) whose name is `../../etc/passwd`, a NUL, then
                   `x` up to %d UTF-16 characters: the context's 520-byte name field holds the first 260 code
                   units and has no closing NUL. alice declines. Then the whole %d-character name, NUL included, in
                   an MSNFTP `text/x-msmsgsinvite` INVITE (`Application-File`, Invitation-Cookie %d,
                   `Application-FileSize: %d`); alice answers `CANCEL` with `Cancel-Code: REJECT`. Expected:
                   `p2p_unsafe_name` for each (path separators, leading dots, a NUL, more than 255 characters);
                   the names shown are sanitised.
                7. (g) An INVITE with EUF-GUID `%s` and AppID %d (SessionID %d); alice declines. Expected:
                   `p2p_unknown_guid`; the transfer has kind `unknown`.
                8. (h) %d INVITEs for alice's display picture (valid MSNObject Context, a new Call-ID, branch and
                   SessionID each; the first SessionID %d, the last %d), the server relaying %d in each write so
                   that TCP segments begin and end in the middle of messages. alice's client answers none of them,
                   not even with a P2P ACK. Expected: `p2p_transfer_limit` each time a transfer beyond the 1,024
                   open ones arrives, %d times in all (these INVITEs, the transfers of steps a and b still open
                   and the INVITE of step i, less 1,024), each closing the least recently active transfer as
                   `incomplete`: first those of steps a and b, then the oldest INVITEs of the flood.
                9. (i) alice fetches bob's display picture as in `p2p-v1-display-picture`: INVITE (SessionID %d,
                   Call-ID %s), ACK, `200 OK`, ACK, data preparation, ACK, %d bytes in %d chunks (flags 0x20,
                   footer AppID 1), ACK, BYE, ACK. Expected: no anomaly; the transfer `completed` with the SHA-1 in
                   `sources.sha1` and `verified` true.

                The scenario's comments name each step by its letter. A decoder that survives the capture
                reports the text messages before and after, every MSNSLP message, and the picture of step i
                whole.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1612 to the switchboard 207.46.108.37:1863; bob's connection is not in
                  the capture.
                - Object: `source/bob-display.png`, a 96x96 RGBA PNG (%d bytes) generated in code; its MSNObject:
                  `%s`. It is the only object sent whole, so the only one in `sources.sha1`; the bytes of steps a
                  to d are pseudo-random and belong to no object.

                Provenance: the values are made up to test a decoder. The messages around them follow the NINA
                P2Pv1 headers page (%s; 48-byte header, Offset and TotalSize as QWORDs, MessageLength as a DWORD
                at offset 24), the NINA MSNSLP (%s) and File transfer (%s) pages (INVITE bodies, the file context
                with a 520-byte UTF-16LE name field), libpurple's `slp.c` (`got_sessionreq` answers what it
                cannot take with `603 Decline` and a SessionID body), and hypothetic.org's invitation page (%s)
                for the MSNFTP INVITE and CANCEL. %s

                Accounts, addresses, cookies, GUIDs, SessionIDs and identifiers are invented; the picture and the
                data bytes are generated.
                """, bigName, HUGE, big.sessionId, HUGE, lastOffset, P2pV1.SB_CHUNK, smallName, SMALL, small.sessionId,
                SMALL, LYING_LENGTH, LYING_BYTES, SMALL, LYING_BYTES, SMALL, Guids.EUF_MSN_OBJECT, NOT_BASE64, BAD_XML,
                sidF, fileSize, LONG_NAME_CHARS, LONG_NAME_CHARS, cookie, fileSize, UNKNOWN_GUID, UNKNOWN_APP_ID, sidG,
                FLOOD, firstFloodSid, lastFloodSid, FLOOD_BATCH, evicted, r.sessionId(), r.callId(), png.length,
                r.chunks(), png.length, obj.xml(), Sources.P2PV1, Sources.SLP, Sources.FILES, Sources.HYPOTHETIC_INVITE,
                ObjectCases.CHOICES);
        return new SampleCase("p2p-hostile", k.writer.render(), Map.of("bob-display.png", png),
                List.of("bob-display.png"), null, readme);
    }

    /** A SessionID not used before in this case. */
    private static long newSession(CaseKit k, Set<Long> used) {
        long sid;
        do {
            sid = k.sessionId();
        } while (!used.add(sid));
        return sid;
    }
}
