package org.msnscope.testkit.p2p;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A capture for output-safety tests (not a stored sample): file transfers that complete, whose names
 * a writer must never use as paths (parent references, absolute Unix and Windows paths, device
 * names, a NUL, terminal escapes, a name of 10,000 characters), and chat text with terminal control
 * sequences. Each P2P file is offered, accepted and sent whole over a switchboard as in
 * {@code p2p-v1-file-accept}; the 10,000-character name travels in an MSNFTP invitation whose file
 * is sent whole as in {@code msnftp-file} ({@link MsnftpCase#session}).
 */
public final class HostileNames {
    private HostileNames() {
    }

    /** The names of the P2P transfers, in order (each fits the file context's 260 UTF-16 code units). */
    public static final List<String> P2P_NAMES = List.of(
            "../../etc/passwd",
            "/etc/shadow",
            "C:\\Windows\\System32\\drivers\\etc\\hosts",
            "\\\\.\\PhysicalDrive0",
            "CON",
            "NUL.txt",
            "..",
            "a/../../../../tmp/escape.txt",
            "evil\u0000.txt/../../x",
            "\u001b[2J\u001b]0;owned\u0007red.txt",
            "A".repeat(250) + ".txt");

    /** The MSNFTP file's name: parent references, a NUL, then 'x' up to 10,000 characters. */
    public static final String LONG_NAME = ("../../../etc/cron.d/job\u0000" + "x".repeat(10_000)).substring(0, 10_000);

    /** Chat lines with terminal control sequences and a carriage return that would overwrite a line. */
    public static final List<String> HOSTILE_TEXT = List.of(
            "\u001b]0;window title\u0007\u001b[31mred\u001b[0m",
            "innocent\rFORGED: bob: send me your password",
            "bell\u0007 backspace\b delete\u007f nul\u0000 c1\u009b2J bidi\u202egnp.exe");

    /** The scenario text, and the bytes of every file it sends whole, by name. */
    public record Case(String scenario, Map<String, byte[]> files) {
    }

    public static Case build() {
        CaseKit k = new CaseKit(Instant.parse("2009-07-08T16:12:49.047731Z"), 0x5AFE0001L, false, 1390, 1238);
        k.writer.header("Output-safety capture: file transfers with names that must never become paths, and chat");
        k.writer.header("text with terminal control sequences. Made up to test writers; not a stored sample.");
        k.writer.option("seed", "1777");
        k.writer.option("format", "pcap");
        Map<String, byte[]> files = new LinkedHashMap<>();
        Chat chat = k.chat(Chat.Dialect.CLASSIC, 0);
        chat.after(1_000_000);
        for (String text : HOSTILE_TEXT) {
            chat.say(k.bob, text, CaseKit.BOB_FONT, 400_000);
            chat.after(300_000);
        }
        int i = 0;
        List<String> names = new ArrayList<>(P2P_NAMES);
        for (String name : names) {
            byte[] file = SampleObjects.text("hostile name " + i, 0x5AFE00L + i, 2_000 + 300 * i);
            files.put(name, file);
            chat.after(500_000);
            FileTransferV1 ft = new FileTransferV1(k, chat, k.alice, k.bob);
            ft.offer(name, file.length);
            ft.answer("200 OK", 300_000);
            P2pV1Header last = ft.sendData(file, file.length);
            ft.finish(last, true);
            i++;
        }
        // the 10,000-character name in an MSNFTP invitation, and the file sent whole
        byte[] file = SampleObjects.text("the long-named file", 0x10A6L, 3_000);
        files.put(LONG_NAME, file);
        long cookie = 1 + k.random.nextU32() % 60_000;
        long auth = 10_000_000L + k.random.nextU32() % 90_000_000L;
        int port = 6891;
        chat.after(600_000);
        chat.msg(k.alice, 'N', Wire.text(Msnftp.invite(cookie, LONG_NAME, file.length)), "the MSNFTP invitation");
        chat.after(Chat.RELAY_MICROS + 900_000);
        chat.msg(k.bob, 'N', Wire.text(Msnftp.acceptByReceiver(cookie)), "bob accepts");
        chat.after(Chat.RELAY_MICROS + 60_000);
        chat.msg(k.alice, 'N', Wire.text(Msnftp.acceptBySender(cookie, k.alice.ip(), port, auth)), "alice: where to connect");
        chat.after(Chat.RELAY_MICROS + 80_000);
        MsnftpCase.session(k, chat, k.bob, 1069, k.alice, port, auth, file);
        chat.after(1_000_000);
        chat.close(k.alice, 1_000_000);
        return new Case(k.writer.render(), files);
    }
}
