package org.msnscope.testkit.msnp21;

import java.nio.charset.StandardCharsets;
import org.msnscope.testkit.p2p.Wire;

/**
 * Builds the payload of an MSNP18+ routed command (SDG, NFY, PUT, DEL): a Routing block, a Reliability
 * block, an optional content block (Messaging, Publication or Notification), each header block ended by an
 * empty line, then the body. {@link #contentLength()} writes the body's length where it is called, so the
 * header order of each documented example can be kept; {@link #command(String)} puts the command line with
 * the payload's length in front.
 */
public final class RoutedPayload {
    private final StringBuilder routing = new StringBuilder();
    private final StringBuilder reliability = new StringBuilder("Reliability: 1.0\r\n");
    private StringBuilder content;
    private Wire body = Wire.text("");
    /** Where in the content block the Content-Length goes (-1: none). */
    private int lengthAt = -1;

    private RoutedPayload(String to, String from, boolean toFirst) {
        routing.append("Routing: 1.0\r\n");
        if (toFirst) {
            routing.append("To: ").append(to).append("\r\n").append("From: ").append(from).append("\r\n");
        } else {
            routing.append("From: ").append(from).append("\r\n").append("To: ").append(to).append("\r\n");
        }
    }

    /** Routing with {@code To} first (the server's notifications and the client's SDG in KB_MSNP21). */
    public static RoutedPayload to(String to, String from) {
        return new RoutedPayload(to, from, true);
    }

    /** Routing with {@code From} first (the client's PUT and DEL in KB_MSNP21). */
    public static RoutedPayload from(String from, String to) {
        return new RoutedPayload(to, from, false);
    }

    /** Another routing header (Options, Service-Channel...). */
    public RoutedPayload routing(String name, String value) {
        routing.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** A reliability header (Stream, Segment, Flags). */
    public RoutedPayload reliability(String name, String value) {
        reliability.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** Starts the content block: {@code Messaging: 2.0}, {@code Publication: 1.0}, {@code Notification: 1.0}. */
    public RoutedPayload block(String name, String version) {
        content = new StringBuilder(name).append(": ").append(version).append("\r\n");
        return this;
    }

    /** A content header. */
    public RoutedPayload header(String name, String value) {
        content.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** The body's length, as the content header {@code Content-Length}, at this place in the block. */
    public RoutedPayload contentLength() {
        lengthAt = content.length();
        return this;
    }

    public RoutedPayload body(String text) {
        body = Wire.text(text);
        return this;
    }

    public RoutedPayload body(Wire bytes) {
        body = bytes;
        return this;
    }

    /** The payload's bytes. */
    public Wire wire() {
        StringBuilder head = new StringBuilder(routing).append("\r\n").append(reliability).append("\r\n");
        if (content != null) {
            StringBuilder c = new StringBuilder(content);
            if (lengthAt >= 0) {
                c.insert(lengthAt, "Content-Length: " + body.length() + "\r\n");
            }
            head.append(c).append("\r\n");
        }
        return Wire.text(head.toString()).then(body);
    }

    /** {@code prefix len\r\n} and the payload, e.g. {@code command("SDG 12")} or {@code command("NFY PUT")}. */
    public Wire command(String prefix) {
        Wire w = wire();
        return Wire.text(prefix + " " + w.length() + "\r\n").then(w);
    }

    /** A command line with a payload given as text. */
    public static Wire line(String prefix, String payload) {
        return Wire.text(prefix + " " + payload.getBytes(StandardCharsets.UTF_8).length + "\r\n" + payload);
    }
}
