package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites one MSNP command (its line and payload) and records the difference as an edit: the
 * payload by verb (MIME messages, contact-list and status XML, notifications, the QRY answer), then
 * the line with the new payload length. A P2P message that waits for the rest of its MSNSLP
 * message delays the edit until then; the edit lands where the command was either way.
 */
final class Frames {
    private final Pseudonyms p;
    private final LineRewriter lines;
    private final MimeRewriter mime;
    private final XmlRewriter xml;
    private final RoutedRewriter routed;
    private final SoapRewriter soap;

    Frames(Pseudonyms p, P2pRewriter p2p, SlpRewriter slp, boolean keepText) {
        this.p = p;
        lines = new LineRewriter(p);
        xml = new XmlRewriter(p);
        mime = new MimeRewriter(p, xml, p2p, keepText);
        routed = new RoutedRewriter(p, xml, mime, p2p, slp);
        soap = new SoapRewriter(p, xml, mime);
    }

    SoapRewriter soap() {
        return soap;
    }

    /**
     * @param line the command line without its line end, as ISO-8859-1 text
     * @param lineEnd the line end as it was ({@code \r\n} or {@code \n})
     * @param payload the payload, or null
     * @param at where the command starts in its stream
     */
    void command(String line, String lineEnd, byte[] payload, boolean fromClient, MimeRewriter.Direction dir,
            Edits edits, long at) {
        byte[] oldLine = (line + lineEnd).getBytes(StandardCharsets.ISO_8859_1);
        if (payload == null) {
            byte[] newLine = (lines.rewrite(line, fromClient, -1) + lineEnd).getBytes(StandardCharsets.ISO_8859_1);
            record(edits, at, oldLine, null, newLine, null);
            return;
        }
        String verb = line.length() >= 3 ? line.substring(0, 3) : line;
        payload(verb, fromClient, payload, dir, rewritten -> {
            byte[] body = rewritten == null ? payload : rewritten;
            byte[] newLine = (lines.rewrite(line, fromClient, body.length) + lineEnd).getBytes(StandardCharsets.ISO_8859_1);
            record(edits, at, oldLine, payload, newLine, body);
        });
    }

    private void payload(String verb, boolean fromClient, byte[] payload, MimeRewriter.Direction dir, MimeRewriter.Done done) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        String out;
        switch (verb) {
            case "MSG", "UUM", "UBM" -> {
                mime.rewrite(payload, dir, done);
                return;
            }
            case "SDG", "NFY", "PUT", "DEL" -> {
                routed.rewrite(payload, dir, done);
                return;
            }
            case "ADL", "RML", "FQY" -> out = xml.contactList(text);
            case "UUX", "UBX" -> out = xml.personal(text);
            case "NOT", "IPG" -> out = xml.notification(text);
            case "QRY" -> out = fromClient ? p.token(text, Kind.HASH) : text;
            case "GCF" -> out = text;
            case "PAG", "PGD", "SDC" -> out = mime.text(text);
            default -> out = Shapes.sweep(text, p);
        }
        done.payload(out.equals(text) ? null : out.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The smallest edit that turns the old command into the new one (common head and tail left out). */
    static void record(Edits edits, long at, byte[] oldLine, byte[] oldPayload, byte[] newLine, byte[] newPayload) {
        byte[] a = concat(oldLine, oldPayload);
        byte[] b = concat(newLine, newPayload);
        diff(edits, at, a, b);
    }

    /** Records {@code a -> b} at stream offset {@code at} as one edit covering what differs. */
    static void diff(Edits edits, long at, byte[] a, byte[] b) {
        int head = 0;
        int max = Math.min(a.length, b.length);
        while (head < max && a[head] == b[head]) {
            head++;
        }
        if (head == a.length && head == b.length) {
            return;
        }
        int tail = 0;
        while (tail < max - head && a[a.length - 1 - tail] == b[b.length - 1 - tail]) {
            tail++;
        }
        if (a.length - head - tail == 0 && head > 0) {
            head--; // an insertion: let it replace the byte before it, so it belongs to one side of any boundary
        }
        edits.replace(at + head, java.util.Arrays.copyOfRange(a, head, a.length - tail),
                java.util.Arrays.copyOfRange(b, head, b.length - tail));
    }

    private static byte[] concat(byte[] x, byte[] y) {
        if (y == null) {
            return x;
        }
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
