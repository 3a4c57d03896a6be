package org.msnscope.decoder.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.event.AnomalyEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.TransferEvent;

/** The P2P layer fed P2P message bodies directly: reassembly, outcomes, verification and hostile values. */
class P2pLayerTest {
    final List<Event> events = new ArrayList<>();
    final List<TransferEvent> finished = new ArrayList<>();
    final List<byte[]> saved = new ArrayList<>();
    @TempDir
    Path tmp;

    P2pLayer layer(Limits.P2p limits) {
        P2pLayer l = new P2pLayer(limits, new Emitter(events::add));
        l.setSpillDirectory(tmp);
        l.setSink((e, bytes) -> {
            finished.add(e);
            if (bytes != null) {
                try {
                    Path f = Files.createTempFile(tmp, "obj", ".bin");
                    bytes.saveAs(f);
                    saved.add(Files.readAllBytes(f));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            } else {
                saved.add(null);
            }
        });
        return l;
    }

    static byte[] v1(long sid, long id, long offset, long total, int flags, byte[] data, int from, int len, int appId) {
        ByteBuffer b = ByteBuffer.allocate(48 + len + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) sid).putInt((int) id).putLong(offset).putLong(total).putInt(len).putInt(flags)
                .putInt(0x1234).putInt(0).putLong(0);
        b.put(data, from, len);
        b.order(ByteOrder.BIG_ENDIAN).putInt(appId);
        return b.array();
    }

    static byte[] slpBytes(String startLine, String to, String from, String callId, String contentType, String body) {
        byte[] bodyBytes = (body + "\0").getBytes(StandardCharsets.UTF_8);
        String head = startLine + "\r\nTo: <msnmsgr:" + to + ">\r\nFrom: <msnmsgr:" + from
                + ">\r\nVia: MSNSLP/1.0/TLP ;branch={33517CE4-02FC-4428-B6F4-39927229B722}\r\nCSeq: 0\r\nCall-ID: "
                + callId + "\r\nMax-Forwards: 0\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bodyBytes.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bodyBytes);
        return out.toByteArray();
    }

    static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    static String sha1b64(byte[] b) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(b));
    }

    final P2pLayer.Origin o = new P2pLayer.Origin();

    void send(P2pLayer l, String sender, String receiver, byte[] body) {
        l.switchboard(o.set("F1", "C1", "c2s", sender, receiver, "switchboard", 0), receiver, null, body, 0, body.length);
    }

    void sendSlp(P2pLayer l, String sender, String receiver, byte[] slp, int id) {
        send(l, sender, receiver, v1(0, id, 0, slp.length, 0, slp, 0, slp.length, 0));
    }

    static final String CALL = "{A1B2C3D4-0000-4000-8000-000000000001}";

    byte[] picture(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    String dpInvite(byte[] pic, long sid) throws Exception {
        String obj = "<msnobj Creator=\"bob@hotmail.com\" Size=\"" + pic.length + "\" Type=\"3\" Location=\"TFR2C.tmp\" "
                + "Friendly=\"AAA=\" SHA1D=\"" + sha1b64(pic) + "\" SHA1C=\"x\"/>";
        return "EUF-GUID: {A4268EEC-FEC5-49E5-95C3-F126696BDBF6}\r\nSessionID: " + sid + "\r\nAppID: 1\r\nContext: "
                + Base64.getEncoder().encodeToString((obj + "\0").getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n";
    }

    @Test
    void displayPictureOutOfOrderIsRebuiltAndVerified() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] pic = picture(5000);
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody", dpInvite(pic, 77)), 1);
        sendSlp(l, "bob@hotmail.com", "alice@hotmail.com", slpBytes("MSNSLP/1.0 200 OK", "alice@hotmail.com",
                "bob@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody", "SessionID: 77\r\n\r\n"), 2);
        // data preparation, then chunks 3, 1, 0, 2 (and 1 again)
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(77, 3, 0, 4, 0, new byte[4], 0, 4, 1));
        int[] order = {3, 1, 4, 0, 1, 2};
        for (int c : order) {
            int off = c * 1202;
            int len = Math.min(1202, pic.length - off);
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(77, 4, off, pic.length, 0x20, pic, off, len, 1));
        }
        assertEquals(1, finished.size(), events.toString());
        TransferEvent t = finished.get(0);
        assertEquals("completed", t.state());
        assertEquals("display_picture", t.kind());
        assertEquals("bob@hotmail.com", t.from());
        assertEquals("alice@hotmail.com", t.to());
        assertEquals(sha1(pic), t.sha1());
        assertEquals(Boolean.TRUE, t.verified());
        assertEquals(5000L, t.received());
        assertEquals(0, t.conflicts());
        assertEquals(sha1(pic), sha1(saved.get(0)));
        List<String> states = events.stream().filter(e -> e instanceof TransferEvent).map(e -> ((TransferEvent) e).state()).toList();
        assertEquals(List.of("offered", "accepted", "transferring", "transferring", "transferring", "transferring",
                "completed"), states);
    }

    @Test
    void conflictingOverlapIsCountedAndTheFirstCopyWins() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] pic = picture(3000);
        byte[] evil = pic.clone();
        evil[1500] ^= 1;
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(9, 4, 0, pic.length, 0x20, pic, 0, 2000, 1));
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(9, 4, 1000, pic.length, 0x20, evil, 1000, 2000, 1));
        TransferEvent t = finished.get(0);
        assertEquals("completed", t.state());
        assertEquals(1, t.conflicts());
        assertEquals(sha1(pic), t.sha1());
        assertTrue(anomalies().contains("p2p_overlap_conflict"));
    }

    @Test
    void declinedAndCancelledAndIncompleteSayWhy() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] pic = picture(4000);
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody", dpInvite(pic, 5)), 1);
        sendSlp(l, "bob@hotmail.com", "alice@hotmail.com", slpBytes("MSNSLP/1.0 603 Decline", "alice@hotmail.com",
                "bob@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody", "SessionID: 5\r\n\r\n"), 2);
        assertEquals("declined", finished.get(0).state());
        assertEquals("603 Decline", finished.get(0).reason());

        String call2 = CALL.replace("0001}", "0002}");
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", call2, "application/x-msnmsgr-sessionreqbody", dpInvite(pic, 6)), 3);
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(6, 4, 1000, pic.length, 0x20, pic, 1000, 1202, 1));
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("BYE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", call2, "application/x-msnmsgr-sessionclosebody", "\r\n"), 4);
        TransferEvent c = finished.get(1);
        assertEquals("cancelled", c.state());
        assertEquals(List.of(List.of(0L, 1000L), List.of(2202L, 4000L)),
                c.missing().stream().map(r -> List.of(r[0], r[1])).toList());

        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(8, 4, 0, pic.length, 0x20, pic, 0, 1202, 1));
        l.finish();
        TransferEvent i = finished.get(2);
        assertEquals("incomplete", i.state());
        assertEquals(1202L, i.received());
        assertEquals(List.of(List.of(1202L, 4000L)), i.missing().stream().map(r -> List.of(r[0], r[1])).toList());
        assertEquals(4000, saved.get(2).length);
    }

    @Test
    void hostileSizesOffsetsAndLengthsAreReported() {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] d = new byte[100];
        // offset past the total size
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(1, 4, 5000, 1000, 0x20, d, 0, 100, 1));
        // length larger than the bytes that follow
        byte[] bad = v1(2, 4, 0, 1000, 0x20, d, 0, 100, 1);
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0x7FFFFFF0);
        send(l, "bob@hotmail.com", "alice@hotmail.com", bad);
        // an offset above 2^63
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(3, 4, -8, 1000, 0x20, d, 0, 100, 1));
        // a total size of 4 GB: counted, kept up to the limit, memory bounded
        send(l, "bob@hotmail.com", "alice@hotmail.com", v1(4, 4, 0, 4L << 30, 0x20, d, 0, 100, 1));
        // too short for a header
        send(l, "bob@hotmail.com", "alice@hotmail.com", new byte[20]);
        List<String> a = anomalies();
        assertTrue(a.contains("p2p_bad_offset"), a.toString());
        assertTrue(a.contains("p2p_bad_length"), a.toString());
        assertTrue(a.contains("p2p_object_too_large"), a.toString());
        assertTrue(a.contains("p2p_malformed_header"), a.toString());
        l.finish();
        assertTrue(l.heldBytes() == 0);
    }

    @Test
    void contextThatIsNotBase64OrNotXmlAndUnsafeNamesAreReported() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody",
                "EUF-GUID: {A4268EEC-FEC5-49E5-95C3-F126696BDBF6}\r\nSessionID: 1\r\nAppID: 1\r\nContext: !!!not base64***\r\n\r\n"), 1);
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL.replace("1}", "2}"), "application/x-msnmsgr-sessionreqbody",
                "EUF-GUID: {A4268EEC-FEC5-49E5-95C3-F126696BDBF6}\r\nSessionID: 2\r\nAppID: 1\r\nContext: "
                        + Base64.getEncoder().encodeToString("<msnobj Size=\"1\" <<<".getBytes()) + "\r\n\r\n"), 2);
        StringBuilder longName = new StringBuilder("../../etc/passwd\0evil");
        while (longName.length() < 10_000) {
            longName.append('x');
        }
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL.replace("1}", "3}"), "application/x-msnmsgr-sessionreqbody",
                "EUF-GUID: {5D3E02AB-6190-11D3-BBBB-00C04F795683}\r\nSessionID: 3\r\nAppID: 2\r\nContext: "
                        + Base64.getEncoder().encodeToString(fileContext(longName.toString(), 10)) + "\r\n\r\n"), 3);
        sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                "bob@hotmail.com", "alice@hotmail.com", CALL.replace("1}", "4}"), "application/x-msnmsgr-sessionreqbody",
                "EUF-GUID: {00000000-1111-2222-3333-444444444444}\r\nSessionID: 4\r\nAppID: 99\r\n\r\n"), 4);
        List<String> a = anomalies();
        assertEquals(2, a.stream().filter(x -> x.equals("p2p_bad_context")).count(), a.toString());
        assertTrue(a.contains("p2p_unsafe_name"), a.toString());
        assertTrue(a.contains("p2p_unknown_guid"), a.toString());
        TransferEvent file = events.stream().filter(e -> e instanceof TransferEvent t && t.transfer().equals("T3"))
                .map(e -> (TransferEvent) e).findFirst().orElseThrow();
        assertFalse(file.name().contains("/"));
        assertFalse(file.name().contains("\0"));
        assertTrue(file.name().length() <= 255);
        TransferEvent unknown = events.stream().filter(e -> e instanceof TransferEvent t && t.transfer().equals("T4"))
                .map(e -> (TransferEvent) e).findFirst().orElseThrow();
        assertEquals("unknown", unknown.kind());
        assertEquals("{00000000-1111-2222-3333-444444444444}", unknown.eufGuid());
    }

    static byte[] fileContext(String name, long size) {
        ByteBuffer b = ByteBuffer.allocate(574).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(574).putInt(2).putLong(size).putInt(1);
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        b.put(n, 0, Math.min(n.length, 518));
        b.position(570);
        b.putInt(-1);
        return b.array();
    }

    @Test
    void thousandsOfUnfinishedSessionsStayBounded() {
        Limits.P2p small = new Limits.P2p(64, 100L << 20, 256 << 10, 64L << 20, 64 << 10, 16, 4096, 64);
        P2pLayer l = layer(small);
        byte[] d = new byte[1000];
        for (int i = 1; i <= 5000; i++) {
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(i, 4, 0, 100_000, 0x20, d, 0, 1000, 1));
        }
        assertEquals(5000 - 64, finished.size());
        assertTrue(l.heldBytes() <= 64L * 4096 + 64L * 256, "held " + l.heldBytes());
        assertTrue(anomalies().contains("p2p_transfer_limit"));
        l.finish();
        assertEquals(5000, finished.size());
        assertEquals(0, l.heldBytes());
    }

    @Test
    void listenersPastTheLimitAreDroppedOldestFirstAndReported() {
        Limits.P2p small = new Limits.P2p(64, 100L << 20, 256 << 10, 64L << 20, 64 << 10, 16, 4096, 4);
        P2pLayer l = layer(small);
        for (int i = 1; i <= 6; i++) {
            sendSlp(l, "bob@hotmail.com", "alice@hotmail.com", slpBytes("MSNSLP/1.0 200 OK", "alice@hotmail.com",
                    "bob@hotmail.com", "{00000000-0000-0000-0000-00000000000" + i + "}",
                    "application/x-msnmsgr-transrespbody", "Bridge: TCPv1\r\nListening: true\r\n"
                            + "IPv4Internal-Addrs: 10.0.0." + i + "\r\nIPv4Internal-Port: 2741\r\n\r\n"), i);
        }
        List<AnomalyEvent> dropped = events.stream().filter(e -> e instanceof AnomalyEvent a
                && a.code().code().equals("p2p_listener_limit")).map(e -> (AnomalyEvent) e).toList();
        assertEquals(2, dropped.size(), anomalies().toString());
        assertTrue(dropped.get(0).detail().contains("10.0.0.1:2741"), dropped.get(0).detail());
        assertTrue(dropped.get(1).detail().contains("10.0.0.2:2741"), dropped.get(1).detail());
        assertNull(l.claimListener("10.0.0.1:2741"));
        assertNull(l.claimListener("10.0.0.2:2741"));
        for (int i = 3; i <= 6; i++) {
            assertTrue(l.claimListener("10.0.0." + i + ":2741") != null, "listener " + i + " is still held");
        }
    }

    @Test
    void largeObjectSpillsToATemporaryFileAndIsRemovedAfterwards() throws Exception {
        Limits.P2p small = new Limits.P2p(64, 100L << 20, 8 << 10, 16 << 10, 64 << 10, 16, 4096, 64);
        P2pLayer l = layer(small);
        byte[] obj = picture(100_000);
        for (int off = 0; off < obj.length; off += 1202) {
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(5, 4, off, obj.length, 0x1000030, obj, off,
                    Math.min(1202, obj.length - off), 2));
        }
        assertEquals("completed", finished.get(0).state());
        assertEquals(sha1(obj), finished.get(0).sha1());
        assertEquals(sha1(obj), sha1(saved.get(0)));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".spill")).count());
        }
    }

    @Test
    void cutOffAtTheSizeLimit() throws Exception {
        Limits.P2p small = Limits.P2p.defaults().withMaxObjectBytes(2500);
        P2pLayer l = layer(small);
        byte[] obj = picture(6000);
        for (int off = 0; off < obj.length; off += 1202) {
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(5, 4, off, obj.length, 0x1000030, obj, off,
                    Math.min(1202, obj.length - off), 2));
        }
        TransferEvent t = finished.get(0);
        assertEquals("incomplete", t.state());
        assertTrue(t.cutOff());
        assertNull(t.sha1());
        assertEquals(2500, saved.get(0).length);
    }

    static byte[] lengthPrefixed(byte[]... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(p.length).array());
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] withoutFooter(byte[] m) {
        return java.util.Arrays.copyOf(m, m.length - 4);
    }

    static byte[] v1Handshake(byte[] nonce16) {
        byte[] h = v1(0, 99, 0, 0, 0x100, new byte[0], 0, 0, 0);
        System.arraycopy(nonce16, 0, h, 32, 16);
        return withoutFooter(h);
    }

    @Test
    void directConnectionFeedsTheSameTransferWhereverTheStreamIsSplit() throws Exception {
        byte[] file = picture(9000);
        // nonce {122D2937-5C86-4C7B-81F5-0E05017880C2} in Microsoft byte order
        byte[] nonce = HexFormat.of().parseHex("37292d12865c7b4c81f50e05017880c2");
        List<byte[]> client = new ArrayList<>();
        client.add("foo\0".getBytes(StandardCharsets.US_ASCII));
        client.add(v1Handshake(nonce));
        for (int off = 0; off < file.length; off += 1352) {
            client.add(withoutFooter(v1(42, 7, off, file.length, 0x1000030, file, off, Math.min(1352, file.length - off), 2)));
        }
        byte[] stream = lengthPrefixed(client.toArray(new byte[0][]));
        for (int split = 1; split < stream.length; split += 97) {
            events.clear();
            finished.clear();
            saved.clear();
            P2pLayer l = layer(Limits.P2p.defaults());
            String ctx = Base64.getEncoder().encodeToString(fileContext("report.doc", file.length));
            sendSlp(l, "alice@hotmail.com", "bob@hotmail.com", slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0",
                    "bob@hotmail.com", "alice@hotmail.com", CALL, "application/x-msnmsgr-sessionreqbody",
                    "EUF-GUID: {5D3E02AB-6190-11D3-BBBB-00C04F795683}\r\nSessionID: 42\r\nAppID: 2\r\nContext: " + ctx
                            + "\r\n\r\n"), 1);
            sendSlp(l, "bob@hotmail.com", "alice@hotmail.com", slpBytes("MSNSLP/1.0 200 OK", "alice@hotmail.com",
                    "bob@hotmail.com", CALL, "application/x-msnmsgr-transrespbody",
                    "Bridge: TCPv1\r\nListening: true\r\nNonce: {122D2937-5C86-4C7B-81F5-0E05017880C2}\r\n"
                            + "srddA-lanretnI4vPI: 3.0.0.01\r\ntroP-lanretnI4vPI: 1472\r\n\r\n"), 2);
            P2pLayer.Listener listener = l.claimListener("10.0.0.3:2741");
            assertTrue(listener != null, "the reversed IPv4Internal fields announce 10.0.0.3:2741");
            DirectConnection dc = new DirectConnection(l, "F9", listener);
            dc.data(true, stream, 0, split, 0);
            dc.data(true, stream, split, stream.length - split, split);
            assertEquals(1, finished.size(), "split at " + split);
            TransferEvent t = finished.get(0);
            assertEquals("completed", t.state());
            assertEquals("direct", t.transport());
            assertEquals("report.doc", t.name());
            assertEquals(sha1(file), t.sha1());
            assertNull(t.verified());
            assertFalse(anomalies().contains("p2p_nonce_mismatch"), anomalies().toString());
        }
    }

    @Test
    void aWrongNonceAndAnImpossiblePacketLengthAreReported() {
        P2pLayer l = layer(Limits.P2p.defaults());
        P2pLayer.Listener listener = new P2pLayer.Listener("10.0.0.3:2741", null, "bob@hotmail.com",
                "alice@hotmail.com", "{11111111-2222-3333-4444-555555555555}", null, false, 0);
        DirectConnection dc = new DirectConnection(l, "F9", listener);
        byte[] s = lengthPrefixed("foo\0".getBytes(StandardCharsets.US_ASCII), v1Handshake(new byte[16]));
        dc.data(true, s, 0, s.length, 0);
        byte[] huge = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff).array();
        dc.data(true, huge, 0, 4, s.length);
        assertEquals(List.of("p2p_nonce_mismatch", "p2p_direct_bad_packet"), anomalies());
    }

    @Test
    void hashedNonceIsTheSha1OfTheNonceReadAsAGuid() {
        byte[] nonce = HexFormat.of().parseHex("37292d12865c7b4c81f50e05017880c2");
        assertEquals("{122D2937-5C86-4C7B-81F5-0E05017880C2}", DirectConnection.guid(nonce, 0));
        assertEquals("{2B95F56D-9CA0-9A64-82CE-ADC1F3C55845}", DirectConnection.hashed(nonce, 0));
    }

    @Test
    void aPictureWithoutItsInvitationIsVerifiedAgainstTheOwnersPresence() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] pic = picture(3000);
        byte[] other = picture(2000);
        l.advertised("bob@hotmail.com", java.util.Map.of("size", "3000", "type", "3", "sha1d", sha1b64(pic)));
        l.advertised("bob@hotmail.com", java.util.Map.of("size", "2000", "type", "3", "sha1d", sha1b64(new byte[2000])));
        for (int off = 0; off < pic.length; off += 1202) {
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(11, 4, off, pic.length, 0x20, pic, off, Math.min(1202, pic.length - off), 1));
        }
        for (int off = 0; off < other.length; off += 1202) {
            send(l, "bob@hotmail.com", "alice@hotmail.com", v1(12, 4, off, other.length, 0x20, other, off, Math.min(1202, other.length - off), 1));
        }
        assertEquals("display_picture", finished.get(0).kind());
        assertEquals(Boolean.TRUE, finished.get(0).verified());
        assertEquals(Boolean.FALSE, finished.get(1).verified());
    }

    @Test
    void p2pV2ChunksArePlacedByDataRemaining() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] obj = picture(3000);
        // three chunks of a file, TF 0x07 then 0x06, sent last-first-middle
        int[][] chunks = {{2400, 600}, {0, 1200}, {1200, 1200}};
        for (int[] c : chunks) {
            int off = c[0];
            int len = c[1];
            long remaining = obj.length - off - len;
            ByteBuffer b = ByteBuffer.allocate(8 + 20 + len + 4);
            b.put((byte) 8).put((byte) 0).putShort((short) (20 + len)).putInt(1000 + off);
            b.put((byte) 20).put((byte) (off == 0 ? 7 : 6)).putShort((short) 3).putInt(55);
            b.put((byte) 1).put((byte) 8).putLong(remaining).putShort((short) 0);
            b.put(obj, off, len);
            b.putInt(2);
            byte[] m = b.array();
            l.switchboard(o.set("F1", "C1", "c2s", "alice@hotmail.com", "bob@hotmail.com", "switchboard", 0),
                    "bob@hotmail.com;{F52973B6-C926-4BAD-9BA8-7C1E840E4AB0}",
                    "alice@hotmail.com;{0A6B9B5A-2F4C-4D5E-8F7A-1B2C3D4E5F60}", m, 0, m.length);
        }
        // the first chunk arrived second: the last chunk was held and placed once the size was known
        TransferEvent t = finished.get(0);
        assertEquals("completed", t.state());
        assertEquals(2, t.p2pVersion());
        assertEquals(Long.valueOf(3000), t.size());
        assertEquals(sha1(obj), t.sha1());
        assertEquals(0, l.heldBytes());
    }

    @Test
    void anMsnslpMessageWhoseLengthFieldIsZeroIsStillRead() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        byte[] pic = picture(100);
        byte[] slp = slpBytes("INVITE MSNMSGR:bob@hotmail.com MSNSLP/1.0", "bob@hotmail.com", "alice@hotmail.com", CALL,
                "application/x-msnmsgr-sessionreqbody", dpInvite(pic, 3));
        byte[] m = v1(0, 1, 0, slp.length, 0, slp, 0, slp.length, 0);
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0);
        send(l, "alice@hotmail.com", "bob@hotmail.com", m);
        assertEquals(1, l.slpMessages());
        assertEquals(List.of(), anomalies());
    }

    @Test
    void aDirectConnectionToAnUnannouncedAddressIsMatchedByItsNonce() throws Exception {
        P2pLayer l = layer(Limits.P2p.defaults());
        sendSlp(l, "bob@hotmail.com", "alice@hotmail.com", slpBytes("MSNSLP/1.0 200 OK", "alice@hotmail.com",
                "bob@hotmail.com", CALL, "application/x-msnmsgr-transrespbody",
                "Bridge: TCPv1\r\nListening: true\r\nHashed-Nonce: {2B95F56D-9CA0-9A64-82CE-ADC1F3C55845}\r\n"
                        + "IPv4Internal-Addrs: 192.168.1.5\r\nIPv4Internal-Port: 3000\r\n\r\n"), 2);
        byte[] nonce = HexFormat.of().parseHex("37292d12865c7b4c81f50e05017880c2");
        byte[] file = picture(2000);
        byte[] stream = lengthPrefixed("foo\0".getBytes(StandardCharsets.US_ASCII), v1Handshake(nonce),
                withoutFooter(v1(9, 7, 0, file.length, 0x1000030, file, 0, 1352, 2)),
                withoutFooter(v1(9, 7, 1352, file.length, 0x1000030, file, 1352, 648, 2)));
        // the connection went to a NAT's address, not the one announced
        new DirectConnection(l, "F9", null).data(true, stream, 0, stream.length, 0);
        TransferEvent t = finished.get(0);
        assertEquals("completed", t.state());
        assertEquals("alice@hotmail.com", t.from());
        assertEquals("bob@hotmail.com", t.to());
        assertEquals(sha1(file), t.sha1());
    }

    List<String> anomalies() {
        return events.stream().filter(e -> e instanceof AnomalyEvent).map(e -> ((AnomalyEvent) e).code().code()).toList();
    }
}
