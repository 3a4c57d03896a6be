package org.msnscope.decoder.msnp.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.msnp.frame.PayloadRules;

/**
 * The payload of an MSNP18+ routed command (SDG, NFY, PUT, DEL): MIME-like header blocks, each ended by an
 * empty line, then the body. The first block is {@code Routing: 1.0} (To, From, Options,
 * Service-Channel...), the second {@code Reliability: 1.0} (Stream, Segment, Flags), the third the content
 * block, named {@code Messaging}, {@code Publication} or {@code Notification}, with Content-Type,
 * Content-Length, Message-Type, Uri... The body follows the content block. docs/msnp21.md, "Framing",
 * has the layout and its sources.
 *
 * <p>Every byte is hostile: at most three blocks are read, at most {@code maxHeaders} header lines per
 * block, at most {@code maxHeaderBytes} bytes of headers in all. Parsing never fails: each problem is
 * recorded with its anomaly code and what did parse is kept. A body longer or shorter than the content
 * block's Content-Length is taken at the Content-Length when the bytes are there (as Escargot's server
 * relays it), else as the bytes that are there (as MSNPSharp reads it); either way it is reported.
 */
public final class HeaderBlocks {
    /** A problem found while parsing, with the anomaly it is reported as. */
    public record Problem(AnomalyCode code, String detail) {
    }

    /** Header blocks read before the body. */
    static final int MAX_BLOCKS = 3;
    /** Problems recorded per payload (the rest are dropped). */
    static final int MAX_PROBLEMS = 8;

    private final byte[] p;
    private MimeMessage routing;
    private MimeMessage reliability;
    private MimeMessage content;
    private String contentKey;
    private int bodyOffset;
    private int bodyLength;
    private final List<MimeMessage> blocks = new ArrayList<>(MAX_BLOCKS);
    private final List<Problem> problems = new ArrayList<>(2);

    private HeaderBlocks(byte[] p) {
        this.p = p;
        this.bodyOffset = p.length;
    }

    /** Parses {@code p} (a whole payload). */
    public static HeaderBlocks parse(byte[] p, int maxHeaders, int maxHeaderBytes) {
        HeaderBlocks b = new HeaderBlocks(p);
        b.scan(maxHeaders, maxHeaderBytes);
        return b;
    }

    private void scan(int maxHeaders, int maxHeaderBytes) {
        int n = p.length;
        int limit = (int) Math.min(n, (long) maxHeaderBytes);
        int pos = 0;
        while (pos < n && blocks.size() < MAX_BLOCKS) {
            MimeMessage m = MimeMessage.parse(p, pos, limit, maxHeaders);
            int index = blocks.size() + 1;
            blocks.add(m);
            if (m.skipped() > 0) {
                problem(AnomalyCode.MSNP_BLOCK_LIMIT, "header block " + index + " has " + (m.count() + m.skipped())
                        + " header lines; the first " + maxHeaders + " were read");
            }
            if (!m.terminated() && limit < n) {
                problem(AnomalyCode.MSNP_BLOCK_LIMIT, "the header blocks run past " + maxHeaderBytes
                        + " bytes; the rest of the " + n + "-byte payload is not decoded");
                classify(m, index);
                bodyOffset = n;
                return;
            }
            if (m.problem() != null && m.terminated()) {
                problem(AnomalyCode.MSNP_MALFORMED_BLOCK, "header block " + index + ": " + m.problem());
            }
            boolean isContent = classify(m, index);
            pos = m.bodyOffset();
            if (!m.terminated()) {
                // the payload ends inside this block: acceptable for a Reliability block or a content block
                // that announces no body (nothing was to follow), not for a Routing block or a body cut off
                String cl = m.header("Content-Length");
                boolean nothingFollows = isContent ? cl == null || cl.trim().equals("0") : m != routing;
                if (!nothingFollows) {
                    problem(AnomalyCode.MSNP_MALFORMED_BLOCK, "header block " + index
                            + " is not ended by an empty line before the payload ends");
                }
                return;
            }
            if (isContent) {
                body(m, pos);
                return;
            }
        }
        if (pos < n) {
            problem(AnomalyCode.MSNP_MALFORMED_BLOCK, (n - pos) + " bytes after " + blocks.size()
                    + " header blocks without a content block");
        }
    }

    /** Files a block by its first header's name; true when it is the content block (the body follows). */
    private boolean classify(MimeMessage m, int index) {
        String key = m.firstName();
        if (key == null) {
            problem(AnomalyCode.MSNP_MALFORMED_BLOCK, "header block " + index + " is empty");
            return false;
        }
        if (index == 1 && !key.equalsIgnoreCase("Routing")) {
            problem(AnomalyCode.MSNP_MALFORMED_BLOCK, "the payload starts with '" + Text.printable(key, 40)
                    + "', not a Routing block");
        }
        if (key.equalsIgnoreCase("Routing") && routing == null) {
            routing = m;
            return false;
        }
        if (key.equalsIgnoreCase("Reliability") && reliability == null) {
            reliability = m;
            return false;
        }
        if (!(key.equalsIgnoreCase("Messaging") || key.equalsIgnoreCase("Publication")
                || key.equalsIgnoreCase("Notification"))) {
            problem(AnomalyCode.MSNP_MALFORMED_BLOCK, "header block " + index + " is '" + Text.printable(key, 40)
                    + "', not Messaging, Publication or Notification; read as the content block");
        }
        content = m;
        contentKey = key;
        return true;
    }

    /** The body after the content block, bounded by its Content-Length. */
    private void body(MimeMessage m, int from) {
        int rest = p.length - from;
        bodyOffset = from;
        bodyLength = rest;
        String cl = m.header("Content-Length");
        if (cl == null) {
            return;
        }
        long n = PayloadRules.parseLength(cl.trim());
        if (n < 0) {
            problem(AnomalyCode.MSNP_BLOCK_LENGTH, "Content-Length '" + Text.printable(cl, 40)
                    + "' is not a number; the " + rest + " bytes that follow are the body");
        } else if (n > rest) {
            problem(AnomalyCode.MSNP_BLOCK_LENGTH, "Content-Length " + n + " runs past the payload: " + rest
                    + " bytes follow the headers; those are the body");
        } else if (n < rest) {
            problem(AnomalyCode.MSNP_BLOCK_LENGTH, (rest - n) + " bytes follow the " + n
                    + "-byte body that Content-Length announces; they are not decoded");
            bodyLength = (int) n;
        }
    }

    private void problem(AnomalyCode code, String detail) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(code, detail));
        }
    }

    /** The Routing block, or null. */
    public MimeMessage routing() {
        return routing;
    }

    /** The Reliability block, or null. */
    public MimeMessage reliability() {
        return reliability;
    }

    /** The content block (Messaging, Publication, Notification or an unknown name), or null. */
    public MimeMessage content() {
        return content;
    }

    /** The content block's name as sent ({@code Messaging}...), or null. */
    public String contentKey() {
        return contentKey;
    }

    /** A content header's value, or null (also when there is no content block). */
    public String contentHeader(String name) {
        return content == null ? null : content.header(name);
    }

    /** A routing header's value, or null. */
    public String routingHeader(String name) {
        return routing == null ? null : routing.header(name);
    }

    /** The content block's Content-Type without parameters, lower case; empty when absent. */
    public String contentType() {
        return content == null ? "" : content.contentType();
    }

    public int bodyOffset() {
        return bodyOffset;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** What went wrong, in order; empty for a well-formed payload. */
    public List<Problem> problems() {
        return problems;
    }

    /** Every header of every block in wire order (a repeated name keeps its last value); credentials redacted. */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (MimeMessage m : blocks) {
            out.putAll(m.redactedHeaders());
        }
        return Collections.unmodifiableMap(out);
    }
}
