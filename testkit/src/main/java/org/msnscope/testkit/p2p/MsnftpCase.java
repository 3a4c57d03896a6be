package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The MSNFTP sample: a text/x-msmsgsinvite negotiation, then the MSNFTP TCP session. */
final class MsnftpCase {
    private MsnftpCase() {
    }

    static SampleCase file() {
        CaseKit k = new CaseKit(Instant.parse("2002-06-15T20:14:36.207554Z"), 0x0F7F0001L, false, 1071, 1066);
        k.writer.header("MSNP7 (MSN Messenger 4.6, 2002): alice sends bob a file with MSNFTP. On the switchboard, a");
        k.writer.header("text/x-msmsgsinvite INVITE (Application-GUID {5D3E02AB-6190-11d3-BBBB-00C04F795683}), bob's ACCEPT,");
        k.writer.header("alice's ACCEPT with IP-Address, Port 6891 and AuthCookie; then bob connects to 10.0.0.2:6891:");
        k.writer.header("VER MSNFTP both ways, USR, FIL, TFR, the file in blocks of up to 2045 bytes, BYE 16777989.");
        k.writer.header("Dialogue after hypothetic.org's file transfer and invitation pages and yellows111's MSNFTP page.");
        k.writer.option("seed", "701");
        k.writer.option("format", "pcap");
        String name = "party-guest-list.txt";
        byte[] file = SampleObjects.text("Guest list for the summer party (bring a dish!)", 0x6E57L, 10_000);
        long cookie = 1 + k.random.nextU32() % 60_000;
        long auth = 10_000_000L + k.random.nextU32() % 90_000_000L;
        int port = 6891;
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_600_000);
        chat.say(k.alice, "I'll send you the guest list", CaseKit.ALICE_FONT, 1_400_000);
        chat.after(600_000);
        chat.msg(k.alice, 'N', Wire.text(Msnftp.invite(cookie, name, file.length)),
                "alice's invitation: Invitation-Command INVITE, cookie " + cookie + ", Application-File and FileSize");
        chat.after(Chat.RELAY_MICROS + 3_100_000);
        chat.msg(k.bob, 'N', Wire.text(Msnftp.acceptByReceiver(cookie)), "bob accepts (Request-Data: IP-Address:)");
        chat.after(Chat.RELAY_MICROS + 60_000);
        chat.msg(k.alice, 'N', Wire.text(Msnftp.acceptBySender(cookie, k.alice.ip(), port, auth)),
                "alice accepts in turn with where to connect: IP-Address, Port " + port + ", AuthCookie " + auth);
        chat.after(Chat.RELAY_MICROS + 80_000);
        session(k, chat, k.bob, 1068, k.alice, port, auth, file);
        chat.after(1_900_000);
        chat.say(k.bob, "Got it. Long list!", CaseKit.BOB_FONT, 1_300_000);
        chat.after(3_000_000);
        chat.close(k.alice, 2_000_000);
        String readme = Text.fmt("""
                # msnftp-file

                An MSNP7 (MSN Messenger 4.6, 2002) switchboard conversation in which alice sends bob the file
                "%s" (%d bytes) with MSNFTP, the file transfer of the clients before MSNC P2P. On the
                switchboard (both clients' connections captured), three `text/x-msmsgsinvite; charset=UTF-8`
                messages in ack mode N:

                1. alice: `Application-Name: File Transfer`, `Application-GUID: %s`, `Invitation-Command:
                   INVITE`, `Invitation-Cookie: %d`, `Application-File: %s`, `Application-FileSize: %d`.
                2. bob: `Invitation-Command: ACCEPT`, the same cookie, `Launch-Application: FALSE`,
                   `Request-Data: IP-Address:`.
                3. alice: `Invitation-Command: ACCEPT`, the cookie, `IP-Address: 10.0.0.2`, `Port: %d`,
                   `AuthCookie: %d`, `Launch-Application: FALSE`, `Request-Data: IP-Address:`.

                Then bob, the receiver, connects to alice at 10.0.0.2:%d (10.0.0.3:1068 → 10.0.0.2:%d) and the
                MSNFTP session runs: bob `VER MSNFTP`, alice `VER MSNFTP`, bob `USR bob@hotmail.com %d`, alice
                `FIL %d`, bob `TFR`, alice the file in %d blocks (`00`, u16 little-endian length, at most 2045
                bytes each; the last one shorter), bob `BYE 16777989` (file received) and closes the connection.
                No `01 00 00` block follows the data: sources disagree on it (yellows111's page shows one
                after the last block as "end of transfer", aMSN reads any non-zero first byte as a cancel),
                and the size is already known from `FIL`, so a decoder must finish on the byte count.

                - Link: Ethernet; format: pcap, microsecond timestamps; clean network.
                - Flows: alice 10.0.0.2:1071 and bob 10.0.0.3:1066 to the switchboard 207.46.108.37:1863, and
                  the MSNFTP connection 10.0.0.3:1068 → 10.0.0.2:%d. A decoder should tie it to the invitation by
                  the announced address, port and AuthCookie.
                - Object: `source/%s`, %d bytes of ASCII text generated from a fixed seed; SHA-1 in `sources.sha1`.

                Provenance: the invitation fields and the INVITE / ACCEPT / ACCEPT sequence, with the sender as
                the server, follow hypothetic.org's invitations page (%s) and the NINA MSNFTP invitation page
                (%s); the session (VER, USR with the receiver's handle and the AuthCookie, FIL, TFR, data
                blocks with a flag byte and a little-endian length, at most 2045 bytes, BYE from the receiver)
                follows hypothetic.org's file transfer page (%s) and yellows111's MSNFTP page (%s), which gives
                16777989 as "file received successfully". The lower-case `11d3` in the Application-GUID is how
                clients spell it (hypothetic.org). The switchboard commands are the plain MSNP7 ones (no
                capabilities on JOI/IRO).

                Accounts, addresses, cookies and the file are invented or generated.
                """, name, file.length, Guids.MSNFTP_APPLICATION, cookie, name, file.length, port, auth, port,
                port, auth, file.length, Msnftp.blocks(file).size(), port, name, file.length, Sources.HYPOTHETIC_INVITE,
                Sources.MSNFTP_INVITE, Sources.HYPOTHETIC_FT, Sources.YELLOWS_MSNFTP);
        return new SampleCase("msnftp-file", k.writer.render(), Map.of(name, file), List.of(name), null, readme);
    }

    /**
     * The MSNFTP connection after the invitations: {@code receiver} connects from {@code receiverPort} to
     * {@code sender} at {@code port}, VER both ways, USR with the AuthCookie, FIL, TFR, the file in blocks,
     * BYE 16777989, and the receiver closes it. The comments call the receiver bob and the sender alice, as
     * every case that uses it has them.
     */
    static void session(CaseKit k, Chat chat, Party receiver, int receiverPort, Party sender, int port, long auth,
            byte[] file) {
        ScenarioWriter.Conn ftp = k.writer.conn("ftp", receiver.ip() + ":" + receiverPort, sender.ip() + ":" + port,
                chat.now(), "the MSNFTP connection: bob (the receiver) connects to alice (the sender) at the address she gave");
        chat.after(6_000);
        k.writer.send(ftp, chat.now(), true, Wire.text("VER MSNFTP\r\n"), "bob: the protocol version");
        chat.after(2_000);
        k.writer.send(ftp, chat.now(), false, Wire.text("VER MSNFTP\r\n"), null);
        chat.after(2_000);
        k.writer.send(ftp, chat.now(), true, Wire.text("USR " + receiver.email() + " " + auth + "\r\n"),
                "bob identifies himself with the AuthCookie from the invitation");
        chat.after(2_000);
        k.writer.send(ftp, chat.now(), false, Wire.text("FIL " + file.length + "\r\n"), "alice: the file size");
        chat.after(2_000);
        k.writer.send(ftp, chat.now(), true, Wire.text("TFR\r\n"), "bob: start the transfer");
        chat.after(3_000);
        List<Wire> blocks = Msnftp.blocks(file);
        for (int i = 0; i < blocks.size(); i++) {
            if (i > 0) {
                chat.after(1_500);
            }
            k.writer.send(ftp, chat.now(), false, blocks.get(i), i == 0 ? "alice sends the file in " + blocks.size()
                    + " blocks: byte 0, a 16-bit little-endian length, up to 2045 bytes" : null);
        }
        chat.after(8_000);
        k.writer.send(ftp, chat.now(), true, Wire.text("BYE " + Msnftp.BYE_RECEIVED + "\r\n"),
                "bob has the whole file: BYE 16777989 (0x01000305, received)");
        chat.after(3_000);
        k.writer.close(ftp, chat.now(), true, true, "bob closes the MSNFTP connection");
    }
}
