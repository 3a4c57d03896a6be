package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * MSNFTP, the file transfer of MSN Messenger before MSNC: the {@code text/x-msmsgsinvite} invitation
 * bodies on the switchboard, and the blocks of the TCP session (a flag byte 0, a 16-bit little-endian
 * length, at most 2045 bytes of data).
 */
public final class Msnftp {
    public static final int MAX_BLOCK = 2045;
    /** The receiver's BYE code for "file received". */
    public static final long BYE_RECEIVED = 16777989L;

    private Msnftp() {
    }

    private static String head() {
        return "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsinvite; charset=UTF-8\r\n\r\n";
    }

    /** The sender's INVITE. */
    public static String invite(long cookie, String fileName, long size) {
        return head() + "Application-Name: File Transfer\r\n"
                + "Application-GUID: " + Guids.MSNFTP_APPLICATION + "\r\n"
                + "Invitation-Command: INVITE\r\n"
                + "Invitation-Cookie: " + cookie + "\r\n"
                + "Application-File: " + fileName + "\r\n"
                + "Application-FileSize: " + size + "\r\n"
                + "\r\n";
    }

    /** The receiver's ACCEPT, asking for the sender's address. */
    public static String acceptByReceiver(long cookie) {
        return head() + "Invitation-Command: ACCEPT\r\n"
                + "Invitation-Cookie: " + cookie + "\r\n"
                + "Launch-Application: FALSE\r\n"
                + "Request-Data: IP-Address:\r\n"
                + "\r\n";
    }

    /** The sender's ACCEPT with the address it listens on and the authentication cookie. */
    public static String acceptBySender(long cookie, String ip, int port, long authCookie) {
        return head() + "Invitation-Command: ACCEPT\r\n"
                + "Invitation-Cookie: " + cookie + "\r\n"
                + "IP-Address: " + ip + "\r\n"
                + "Port: " + port + "\r\n"
                + "AuthCookie: " + authCookie + "\r\n"
                + "Launch-Application: FALSE\r\n"
                + "Request-Data: IP-Address:\r\n"
                + "\r\n";
    }

    /** A CANCEL of the invitation, with {@code code} such as {@code REJECT}. */
    public static String cancel(long cookie, String code) {
        return head() + "Invitation-Command: CANCEL\r\n"
                + "Invitation-Cookie: " + cookie + "\r\n"
                + "Cancel-Code: " + code + "\r\n"
                + "\r\n";
    }

    /** The file as MSNFTP data blocks: {@code 00}, length (u16 little-endian), data. */
    public static List<Wire> blocks(byte[] data) {
        List<Wire> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += MAX_BLOCK) {
            int n = Math.min(MAX_BLOCK, data.length - off);
            ByteArrayOutputStream h = new ByteArrayOutputStream(3);
            h.write(0);
            Bytes.le16(h, n);
            out.add(Wire.bin(h.toByteArray()).thenBin(Bytes.slice(data, off, n)));
        }
        return out;
    }
}
