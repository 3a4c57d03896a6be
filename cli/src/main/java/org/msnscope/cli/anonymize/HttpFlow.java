package org.msnscope.cli.anonymize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.msnscope.decoder.msnp.frame.PayloadRules;

/**
 * A connection whose client starts with an HTTP request line (the HTTP gateway, SOAP; docs/gateway.md,
 * docs/soap.md). Each direction is held whole (up to {@link #MAX_HELD} bytes) and, once every flow
 * has been read, cut into HTTP messages: start line and headers (accounts and addresses swept, the
 * {@code GW-IP=} of {@code X-MSN-Messenger}, an address {@code Host} and the {@code IP=} query
 * parameter remapped), then the body by its Content-Type: MSNP commands
 * ({@code application/x-msn-messenger}) rewritten as on a direct connection, SOAP XML by
 * {@link SoapRewriter}, anything else swept. A body whose size changed gets a new Content-Length, or
 * is sent again as one chunk when it was chunked. A body that cannot be framed (cut short, a chunk
 * size that is not one or runs past the stream, headers never ended) keeps its bytes, but for the
 * identities met anywhere in the capture, masked in place at the same length: the output is damaged
 * exactly as the input was.
 */
final class HttpFlow {
    /** Bytes held per direction; past this (or after a gap) the rest of the direction is zeroed. */
    static final int MAX_HELD = 8 << 20;
    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final String[] METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH "};
    private static final Pattern IP_PARAM = Pattern.compile("([?&]IP=)([0-9.]+)(?=[&: ]|$)");
    private static final Pattern GW_IP = Pattern.compile("(GW-IP=)([0-9.]+)");

    private final StreamRewriter rewriter;
    private final FlowPlan plan;
    private final Side c2s = new Side(true);
    private final Side s2c = new Side(false);

    private static final class Side {
        final boolean fromClient;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        final MimeRewriter.Direction mime = new MimeRewriter.Direction();
        long next;
        boolean broken;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }
    }

    HttpFlow(StreamRewriter rewriter, FlowPlan plan) {
        this.rewriter = rewriter;
        this.plan = plan;
    }

    /** True when a client's first bytes begin an HTTP request line. */
    static boolean startsLikeHttp(byte[] b, int off, int len) {
        String s = new String(b, off, Math.min(len, 8), StandardCharsets.ISO_8859_1);
        for (String m : METHODS) {
            if (s.startsWith(m)) {
                return true;
            }
        }
        return false;
    }

    private Side side(boolean fromClient) {
        return fromClient ? c2s : s2c;
    }

    void data(boolean fromClient, byte[] b, int off, int len, long streamOffset) {
        Side s = side(fromClient);
        if (s.broken) {
            return;
        }
        if (streamOffset != s.next || s.held.size() + len > MAX_HELD) {
            s.broken = true;
            return;
        }
        s.held.write(b, off, len);
        s.next += len;
    }

    void gap(boolean fromClient) {
        side(fromClient).broken = true;
    }

    void end() {
        rewriter.later(() -> {
            process(c2s);
            process(s2c);
            rewriter.p2p.finish(c2s.mime.p2p);
            rewriter.p2p.finish(s2c.mime.p2p);
        });
    }

    private void process(Side s) {
        byte[] b = s.held.toByteArray();
        Edits edits = plan.edits(s.fromClient);
        if (s.broken) {
            edits.zero(s.next, Long.MAX_VALUE / 8);
        }
        int pos = 0;
        while (pos < b.length) {
            pos = message(s, b, pos, edits);
        }
    }

    /** One HTTP message at {@code pos}; returns where the next starts. */
    private int message(Side s, byte[] b, int pos, Edits edits) {
        int headEnd = indexOf(b, pos, Math.min(b.length, pos + MAX_HEADER_BYTES));
        if (headEnd < 0) {
            inPlace(edits, b, pos, b.length);
            return b.length;
        }
        String head = new String(b, pos, headEnd - pos, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        int bodyAt = headEnd + 4;
        String te = header(lines, "Transfer-Encoding");
        String cl = header(lines, "Content-Length");
        String type = header(lines, "Content-Type");
        type = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean request = !lines[0].startsWith("HTTP/");
        byte[] body;
        int end;
        boolean chunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        String trailer = "";
        if (chunked) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            int q = bodyAt;
            while (true) {
                int eol = indexOfCrlf(b, q);
                long size = eol < 0 ? -1 : hex(new String(b, q, eol - q, StandardCharsets.ISO_8859_1));
                if (size < 0 || eol + 2 + size + 2 > b.length) {
                    // a chunk that cannot be read: the body stays as it was, but for identities
                    headers(edits, b, pos, headEnd, lines, -1);
                    inPlace(edits, b, bodyAt, b.length);
                    return b.length;
                }
                if (size == 0) {
                    int tEnd = indexOf(b, eol, b.length);
                    int after = eol + 2 <= b.length - 2 && b[eol + 2] == '\r' && b[eol + 3] == '\n' ? eol + 4 : -1;
                    end = after > 0 ? after : tEnd < 0 ? b.length : tEnd + 4;
                    trailer = new String(b, eol + 2, end - eol - 2, StandardCharsets.ISO_8859_1);
                    break;
                }
                chunks.write(b, eol + 2, (int) size);
                q = eol + 2 + (int) size + 2;
            }
            body = chunks.toByteArray();
        } else if (cl != null) {
            long n = PayloadRules.parseLength(cl.trim());
            if (n < 0 || bodyAt + n > b.length) {
                headers(edits, b, pos, headEnd, lines, -1);
                inPlace(edits, b, bodyAt, b.length);
                return b.length;
            }
            end = bodyAt + (int) n;
            body = java.util.Arrays.copyOfRange(b, bodyAt, end);
        } else if (request || noBody(lines[0])) {
            end = bodyAt;
            body = new byte[0];
        } else {
            end = b.length;
            body = java.util.Arrays.copyOfRange(b, bodyAt, end);
        }
        byte[] newBody = body(s, type, body);
        boolean same = java.util.Arrays.equals(body, newBody);
        byte[] newHead = headLines(lines, !chunked && cl != null ? newBody.length : -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - pos + 64);
        out.writeBytes(newHead);
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (chunked && !same) {
            if (newBody.length > 0) {
                out.writeBytes((Integer.toHexString(newBody.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(newBody);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes(("0\r\n" + Shapes.sweep(trailer, rewriter.pseudonyms())).getBytes(StandardCharsets.ISO_8859_1));
        } else if (chunked) {
            out.write(b, bodyAt, end - bodyAt);
        } else {
            out.writeBytes(newBody);
        }
        Frames.diff(edits, pos, java.util.Arrays.copyOfRange(b, pos, end), out.toByteArray());
        return end;
    }

    private static boolean noBody(String statusLine) {
        String[] t = statusLine.split(" ", 3);
        return t.length >= 2 && (t[1].startsWith("1") || t[1].equals("204") || t[1].equals("304"));
    }

    /** The headers alone rewritten, the Content-Length kept (its body is not touched). */
    private void headers(Edits edits, byte[] b, int pos, int headEnd, String[] lines, long contentLength) {
        Frames.diff(edits, pos, java.util.Arrays.copyOfRange(b, pos, headEnd), headLines(lines, contentLength));
    }

    private byte[] headLines(String[] lines, long contentLength) {
        Pseudonyms p = rewriter.pseudonyms();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            String name = i == 0 || colon <= 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            int at = MimeRewriter.valueStart(line, colon);
            String v = i == 0 ? line : line.substring(at);
            String nv;
            if (i == 0) {
                nv = Shapes.sweep(Shapes.replace(IP_PARAM, line, m -> m.group(1) + address(m.group(2))), p);
            } else if (name.equals("content-length") && contentLength >= 0) {
                nv = Long.toString(contentLength);
            } else if (name.equals("x-msn-messenger")) {
                nv = Shapes.sweep(Shapes.replace(GW_IP, v, m -> m.group(1) + address(m.group(2))), p);
            } else if (name.equals("host")) {
                String hostOnly = v.split(":", 2)[0];
                String ip = rewriter.pseudonyms().addresses.v4Text(hostOnly);
                nv = ip == null ? Shapes.sweep(v, p) : ip + v.substring(hostOnly.length());
            } else if (name.equals("cookie") || name.equals("set-cookie") || name.equals("authorization")) {
                nv = Shapes.sweep(v, p);
            } else {
                nv = Shapes.sweep(v, p);
            }
            out.append(i == 0 ? "" : "\r\n").append(i == 0 ? nv : line.substring(0, at) + nv);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String address(String ip) {
        String v = rewriter.pseudonyms().addresses.v4Text(ip);
        return v == null ? ip : v;
    }

    private byte[] body(Side s, String type, byte[] body) {
        if (body.length == 0) {
            return body;
        }
        if (type.equals("application/x-msn-messenger")) {
            return msnp(s, body);
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String out = type.contains("xml") || text.trim().startsWith("<") ? rewriter.soap.rewrite(text)
                : Shapes.sweep(text, rewriter.pseudonyms());
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A gateway body: MSNP commands one after another, each rewritten; what cannot be framed is masked in place. */
    private byte[] msnp(Side s, byte[] body) {
        Edits local = new Edits();
        int q = 0;
        while (q < body.length) {
            int nl = -1;
            for (int i = q; i < body.length; i++) {
                if (body[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                inPlace(local, body, q, body.length);
                break;
            }
            int textEnd = nl > q && body[nl - 1] == '\r' ? nl - 1 : nl;
            String line = new String(body, q, textEnd - q, StandardCharsets.ISO_8859_1);
            String[] tokens = line.split(" ", -1);
            long n = tokens.length > 0 && tokens[0].length() == 3 ? PayloadRules.payloadLength(tokens, tokens.length, s.fromClient)
                    : PayloadRules.NONE;
            if (n == PayloadRules.BAD_LENGTH || (n > 0 && nl + 1 + n > body.length) || tokens[0].length() != 3) {
                inPlace(local, body, q, body.length);
                break;
            }
            byte[] payload = n >= 0 ? java.util.Arrays.copyOfRange(body, nl + 1, nl + 1 + (int) n) : null;
            rewriter.frames.command(line, textEnd < nl ? "\r\n" : "\n", payload, s.fromClient, s.mime, local, q);
            q = nl + 1 + (payload == null ? 0 : payload.length);
        }
        local.seal();
        return local.rewrite(0, body, 0, body.length);
    }

    /** Bytes that cannot be framed: their own, but for every identity met anywhere, masked at the same length. */
    private void inPlace(Edits edits, byte[] b, int from, int to) {
        if (to <= from) {
            return;
        }
        byte[] orig = java.util.Arrays.copyOfRange(b, from, to);
        byte[] masked = orig.clone();
        rewriter.masker().mask(masked, 0, masked.length);
        if (!java.util.Arrays.equals(orig, masked)) {
            rewriter.tally.unparsedRegions++;
            edits.replace(from, orig, masked);
        }
    }

    private static long hex(String line) {
        String s = line.split(";", 2)[0].trim();
        if (s.isEmpty() || s.length() > 15) {
            return -1;
        }
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length && i < from + 1024; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }
}
