package org.msnscope.testkit;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes payloads that look like MSNP traffic (MSG with a MIME body, typing notifications, PNG/QNG,
 * CHG, NLN, ACK) and HTTP for the web share into a scratch buffer, without allocating.
 */
final class MsnpPayloads {
    /** Largest payload written; the scratch buffer must hold this many bytes. */
    static final int MAX_PAYLOAD = 1460;

    private static final byte[] TEXT = ("hey how are you doing today? did you see the game last night lol "
            + "brb my mom needs the phone :) ok back, so are we meeting at the mall on saturday or what "
            + "i sent you the pictures, tell me if they came through, msn is being slow again ").getBytes(
            StandardCharsets.US_ASCII);
    private static final byte[] MIME_TEXT = ("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIME_TYPING = ("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\n"
            + "TypingUser: alice@hotmail.com\r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = bytes("PNG\r\n");
    private static final byte[] QNG = bytes("QNG 45\r\n");
    private static final byte[] NLN = bytes("NLN NLN bob_1983@hotmail.com Bob%20%28away%29 1073791084\r\n");
    private static final byte[] HTTP_GET = bytes("GET /images/banner.gif HTTP/1.1\r\nHost: www.example.com\r\n"
            + "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)\r\nAccept: */*\r\n"
            + "Accept-Language: en-us\r\nAccept-Encoding: gzip, deflate\r\nConnection: Keep-Alive\r\n\r\n");
    private static final byte[] HTTP_BODY = new byte[MAX_PAYLOAD];
    private static final byte[] MSG_FROM_SERVER = bytes("MSG alice@hotmail.com Alice ");
    private static final byte[] MSG = bytes("MSG ");
    private static final byte[] ACK = bytes("ACK ");
    private static final byte[] ACK_NORMAL = bytes(" N ");
    private static final byte[] UNACKNOWLEDGED = bytes(" U ");

    static {
        for (int i = 0; i < HTTP_BODY.length; i++) {
            HTTP_BODY[i] = TEXT[i % TEXT.length];
        }
    }

    private MsnpPayloads() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static int ping(byte[] out) {
        return put(out, 0, PNG);
    }

    static int pong(byte[] out) {
        return put(out, 0, QNG);
    }

    static int presence(byte[] out) {
        return put(out, 0, NLN);
    }

    static int ack(byte[] out, int trid) {
        int n = put(out, 0, ACK);
        n = decimal(out, n, trid);
        out[n++] = '\r';
        out[n++] = '\n';
        return n;
    }

    /** A chat message: MSG TRID N LEN or, from the server, MSG sender nick LEN; text length drawn from random. */
    static int message(byte[] out, int trid, boolean fromServer, SplittableRandom random) {
        int textLength = 60 + random.nextInt(150);
        int textStart = random.nextInt(TEXT.length - textLength);
        int n = put(out, 0, fromServer ? MSG_FROM_SERVER : MSG);
        if (!fromServer) {
            n = decimal(out, n, trid);
            n = put(out, n, ACK_NORMAL);
        }
        n = decimal(out, n, MIME_TEXT.length + textLength);
        out[n++] = '\r';
        out[n++] = '\n';
        n = put(out, n, MIME_TEXT);
        System.arraycopy(TEXT, textStart, out, n, textLength);
        return n + textLength;
    }

    static int typing(byte[] out, int trid) {
        int n = put(out, 0, MSG);
        n = decimal(out, n, trid);
        n = put(out, n, UNACKNOWLEDGED);
        n = decimal(out, n, MIME_TYPING.length);
        out[n++] = '\r';
        out[n++] = '\n';
        return put(out, n, MIME_TYPING);
    }

    static int httpRequest(byte[] out) {
        return put(out, 0, HTTP_GET);
    }

    static int httpBody(byte[] out, int length) {
        System.arraycopy(HTTP_BODY, 0, out, 0, length);
        return length;
    }

    private static int put(byte[] out, int at, byte[] b) {
        System.arraycopy(b, 0, out, at, b.length);
        return at + b.length;
    }

    private static int decimal(byte[] out, int at, int v) {
        int digits = 1;
        for (int x = v; x >= 10; x /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }
}
