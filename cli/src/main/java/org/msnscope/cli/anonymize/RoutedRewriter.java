package org.msnscope.cli.anonymize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payload of an MSNP18+ routed command (SDG, NFY, PUT, DEL; docs/msnp21.md, "Framing"): up to
 * three header blocks (Routing, Reliability, then Messaging, Publication or Notification), each ended
 * by an empty line, then the body the content block's {@code Content-Length} announces. Header values
 * have their accounts swept (routing addresses {@code 1:bob@live.com;epid={...}}, {@code TypingUser},
 * {@code Uri}...); the body is rewritten by its Message-Type and Content-Type (text filled, user+xml
 * like UUX with its UserTileLocation MSNObject re-signed, P2P data as on the switchboard, Signal/P2P
 * as MSNSLP text, anything else swept). The inner Content-Length then gives the new body's size when
 * the original's matched (or fell short of) the bytes there, and keeps its excess over them otherwise,
 * so a damaged payload stays damaged the same way; bytes past the announced body (which the decoder
 * does not read) are filled at the same length.
 */
final class RoutedRewriter {
    private static final int MAX_BLOCKS = 3;
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|quot|amp|apos|#[xX][0-9A-Fa-f]+|#[0-9]+);");

    private final Pseudonyms p;
    private final XmlRewriter xml;
    private final MimeRewriter mime;
    private final P2pRewriter p2p;
    private final SlpRewriter slp;

    RoutedRewriter(Pseudonyms p, XmlRewriter xml, MimeRewriter mime, P2pRewriter p2p, SlpRewriter slp) {
        this.p = p;
        this.xml = xml;
        this.mime = mime;
        this.p2p = p2p;
        this.slp = slp;
    }

    void rewrite(byte[] payload, MimeRewriter.Direction d, MimeRewriter.Done done) {
        String s = new String(payload, StandardCharsets.ISO_8859_1);
        StringBuilder head = new StringBuilder(s.length() + 32);
        int pos = 0;
        boolean routing = false;
        boolean reliability = false;
        String routingBlock = "";
        for (int block = 0; block < MAX_BLOCKS && pos < s.length(); block++) {
            int end = s.indexOf("\r\n\r\n", pos);
            int sepLen = 4;
            int lf = s.indexOf("\n\n", pos);
            if (lf >= 0 && (end < 0 || lf < end)) {
                end = lf;
                sepLen = 2;
            }
            String text = end < 0 ? s.substring(pos) : s.substring(pos, end);
            String first = firstName(text);
            if (end < 0) {
                head.append(Shapes.sweep(text, p));
                finish(payload, head.toString(), null, null, done);
                return;
            }
            String sep = s.substring(end, end + sepLen);
            int bodyAt = end + sepLen;
            if (first.equalsIgnoreCase("Routing") && !routing) {
                routing = true;
                routingBlock = text;
                head.append(Shapes.sweep(text, p)).append(sep);
                pos = bodyAt;
                continue;
            }
            if (first.equalsIgnoreCase("Reliability") && !reliability) {
                reliability = true;
                head.append(Shapes.sweep(text, p)).append(sep);
                pos = bodyAt;
                continue;
            }
            content(payload, head.toString(), text, sep, bodyAt, routingBlock, d, done);
            return;
        }
        // no content block within the blocks read: what follows is swept as it stands
        head.append(Shapes.sweep(s.substring(pos), p));
        finish(payload, head.toString(), null, null, done);
    }

    private void content(byte[] payload, String head, String block, String sep, int bodyAt, String routingBlock,
            MimeRewriter.Direction d, MimeRewriter.Done done) {
        String[] lines = block.split(block.contains("\r\n") ? "\r\n" : "\n", -1);
        String nl = block.contains("\r\n") ? "\r\n" : "\n";
        int rest = payload.length - bodyAt;
        String cl = header(lines, "Content-Length");
        long declared = cl == null ? -1 : org.msnscope.decoder.msnp.frame.PayloadRules.parseLength(cl.trim());
        int bodyLen = declared >= 0 && declared < rest ? (int) declared : rest;
        byte[] body = java.util.Arrays.copyOfRange(payload, bodyAt, bodyAt + bodyLen);
        byte[] trailing = java.util.Arrays.copyOfRange(payload, bodyAt + bodyLen, payload.length);
        String type = header(lines, "Content-Type");
        type = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String messageType = header(lines, "Message-Type");
        messageType = messageType == null ? "" : messageType.trim().toLowerCase(Locale.ROOT);
        java.util.function.Consumer<byte[]> withBody = newBody -> {
            byte[] b = newBody == null ? body : newBody;
            StringBuilder h = new StringBuilder(block.length() + 16);
            int last = -1;
            for (int i = 0; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                    last = i;
                }
            }
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int colon = line.indexOf(':');
                if (i == last && declared >= 0) {
                    long n = declared <= rest ? b.length : declared + (b.length - body.length);
                    line = line.substring(0, colon + 1) + line.substring(colon + 1).replace(cl.trim(), Long.toString(n));
                } else {
                    line = Shapes.sweep(line, p);
                }
                h.append(i == 0 ? "" : nl).append(line);
            }
            // bytes past the announced body are not decoded: filled, so nothing of them stays
            String tail = Filler.latin1(new String(trailing, StandardCharsets.ISO_8859_1));
            finish(payload, head + h + sep, b, tail.getBytes(StandardCharsets.ISO_8859_1), done);
        };
        if (type.equals("application/x-msnmsgrp2p") && !messageType.startsWith("signal/")) {
            String dest = header(lines, "P2P-Dest");
            String src = header(lines, "P2P-Src");
            boolean endpoints = (dest != null && dest.contains(";{")) || (src != null && src.contains(";{"))
                    || routingBlock.contains(";epid=");
            int version = P2pRewriter.version(body, true, endpoints, d.p2p.lastVersion);
            p2p.message(d.p2p, body, true, version, withBody::accept);
            return;
        }
        if (messageType.equals("signal/p2p")) {
            withBody.accept(slp.rewrite(body));
            return;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String out = switch (type) {
            case "text/plain" -> mime.text(text);
            case "application/user+xml" -> user(text);
            case "text/x-msnmsgr-datacast" -> mime.fields(text, type);
            default -> Shapes.sweep(text, p);
        };
        withBody.accept(out.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** user+xml: as UUX (PSM, CurrentMedia, FriendlyName, EpName), then every UserTileLocation re-signed. */
    private String user(String text) {
        List<String> tiles = new ArrayList<>();
        XmlRewriter.elementText(text, "UserTileLocation", v -> {
            tiles.add(v);
            return v;
        });
        String out = xml.personal(text);
        int[] i = {0};
        return XmlRewriter.elementText(out, "UserTileLocation", v -> i[0] < tiles.size() ? resign(tiles.get(i[0]++), v) : v);
    }

    /** An entity-escaped MSNObject whose Creator was swept: its SHA1C recomputed when the original's verified. */
    private static String resign(String original, String swept) {
        String before = unescape(original);
        String after = unescape(swept);
        String oldC = MsnObjects.attr(before, "SHA1C");
        if (oldC == null || !oldC.equals(MsnObjects.sha1c(before)) || before.equals(after)) {
            return swept;
        }
        String newC = MsnObjects.sha1c(after);
        return swept.replace(oldC, newC);
    }

    private static String unescape(String s) {
        return Shapes.replace(ENTITY, s, m -> {
            String e = m.group(1);
            return switch (e) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "amp" -> "&";
                case "apos" -> "'";
                default -> {
                    boolean hex = e.charAt(1) == 'x' || e.charAt(1) == 'X';
                    try {
                        int c = Integer.parseInt(e.substring(hex ? 2 : 1), hex ? 16 : 10);
                        yield c > 0 && c < 0x10000 ? String.valueOf((char) c) : m.group();
                    } catch (NumberFormatException x) {
                        yield m.group();
                    }
                }
            };
        });
    }

    private static void finish(byte[] payload, String head, byte[] body, byte[] tail, MimeRewriter.Done done) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        int n = h.length + (body == null ? 0 : body.length) + (tail == null ? 0 : tail.length);
        byte[] out = new byte[n];
        System.arraycopy(h, 0, out, 0, h.length);
        if (body != null) {
            System.arraycopy(body, 0, out, h.length, body.length);
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, n - tail.length, tail.length);
        }
        done.payload(java.util.Arrays.equals(out, payload) ? null : out);
    }

    private static String firstName(String block) {
        int colon = block.indexOf(':');
        int nl = block.indexOf('\n');
        return colon > 0 && (nl < 0 || colon < nl) ? block.substring(0, colon).trim() : "";
    }

    private static String header(String[] lines, String name) {
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
