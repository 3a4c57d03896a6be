package org.msnscope.cli.sink;

import java.util.List;
import java.util.Map;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.ContactEvent;
import org.msnscope.decoder.event.DeliveryEvent;
import org.msnscope.decoder.event.Event;
import org.msnscope.decoder.event.MessageEvent;
import org.msnscope.decoder.event.ParticipantEvent;
import org.msnscope.decoder.event.PresenceEvent;
import org.msnscope.decoder.event.SessionEvent;

/**
 * The one-line human summary of an MSNP event ({@code WHAT  DETAIL} columns of the text timeline),
 * shared by the timeline and the transcripts.
 */
public final class Timeline {
    static final String RESET = "\u001b[0m";
    private static final String[] COLOURS = {"\u001b[36m", "\u001b[33m", "\u001b[35m", "\u001b[32m", "\u001b[34m",
        "\u001b[91m", "\u001b[96m", "\u001b[93m"};

    private Timeline() {
    }

    /** The conversation an event belongs to, or null. */
    public static String conversationOf(Event e) {
        if (e instanceof MessageEvent m) {
            return m.conversation();
        }
        if (e instanceof ParticipantEvent p) {
            return p.conversation();
        }
        if (e instanceof SessionEvent s) {
            return s.conversation();
        }
        if (e instanceof DeliveryEvent d) {
            return d.conversation();
        }
        if (e instanceof org.msnscope.decoder.event.TransferEvent t) {
            return t.conversation();
        }
        if (e instanceof org.msnscope.decoder.event.SlpEvent s) {
            return s.conversation();
        }
        return null;
    }

    static String colourOf(String conversation) {
        return COLOURS[colourIndex(conversation, COLOURS.length)];
    }

    /** A conversation's colour among {@code palette} colours: C1, C2... in turn, so neighbours differ. */
    public static int colourIndex(String conversation, int palette) {
        int n = 0;
        try {
            n = Integer.parseInt(conversation.substring(1));
        } catch (RuntimeException e) {
            n = conversation.hashCode() & 0x7fffffff;
        }
        return n % palette;
    }

    /** Human name of a status code. */
    public static String status(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "NLN" -> "Online";
            case "BSY" -> "Busy";
            case "IDL" -> "Idle";
            case "BRB" -> "Be Right Back";
            case "AWY" -> "Away";
            case "PHN" -> "On the Phone";
            case "LUN" -> "Out to Lunch";
            case "HDN" -> "Appear Offline";
            case "FLN" -> "Offline";
            default -> code;
        };
    }

    /** A command as it was on the wire: {@code USR 1 alice@hotmail.com  [90-byte payload]}, without the direction. */
    public static void command(CommandEvent c, StringBuilder line) {
        line.append(c.cmd());
        if (c.trid() != null) {
            line.append(' ').append(c.trid());
        }
        for (String a : c.args()) {
            line.append(' ').append(a);
        }
        if (c.payloadLength() != null) {
            line.append("  [").append(c.payloadLength()).append("-byte payload]");
        }
        if (c.error() != null) {
            line.append("  (").append(c.error()).append(')');
        }
        if (!c.known()) {
            line.append("  (unknown verb)");
        }
    }

    /** The {@code WHAT  DETAIL} columns of an MSNP event (not flow start, flow end or anomaly). */
    public static void describe(Event e, StringBuilder line) {
        if (e instanceof CommandEvent c) {
            pad(line, c.dir().equals("c2s") ? "  > " + c.dir() : "  < " + c.dir(), 12);
            command(c, line);
        } else if (e instanceof SessionEvent s) {
            pad(line, s.start() ? "session" : "session end", 12);
            line.append(s.role());
            if (s.conversation() != null) {
                line.append(' ').append(s.conversation());
            }
            line.append(' ').append(s.account() == null ? "(account unknown)" : s.account());
            if (s.accountInferred()) {
                line.append(" (inferred)");
            }
            if (s.version() != null) {
                line.append(' ').append(s.version());
            }
            if (s.client() != null) {
                line.append(" (").append(s.client()).append(')');
            }
            if (s.parentFlow() != null) {
                line.append(", via ").append(s.parentFlow());
            }
            if (s.transport() != null) {
                line.append(", over ").append(s.transport());
                if (s.gatewaySession() != null) {
                    line.append(" session ").append(s.gatewaySession());
                }
            }
            if (!s.start()) {
                line.append(": ").append(s.reason());
                String why = s.reason() != null && s.reason().startsWith("out_")
                        ? org.msnscope.decoder.msnp.ErrorCodes.outReason(s.reason().substring(4).toUpperCase(java.util.Locale.ROOT))
                        : null;
                if (why != null) {
                    line.append(" (").append(why).append(')');
                }
                line.append(", ").append(s.messages())
                        .append(s.messages() == 1 ? " message" : " messages");
            }
        } else if (e instanceof ParticipantEvent p) {
            pad(line, "participant", 12);
            line.append(p.conversation()).append(' ').append(p.user());
            if (p.endpoint() != null) {
                line.append(';').append(p.endpoint());
            }
            line.append(' ').append(p.action());
            if (p.by() != null) {
                line.append(p.action().equals("invited") ? " by " : " (").append(p.by())
                        .append(p.action().equals("invited") ? "" : ")");
            }
        } else if (e instanceof MessageEvent m) {
            pad(line, "message", 12);
            if (m.conversation() != null) {
                line.append(m.conversation()).append(' ');
            }
            String from = m.from() == null ? "(unknown)" : m.from();
            String to = m.to().isEmpty() ? "(unknown)" : String.join(", ", m.to());
            switch (m.kind()) {
                case "text" -> line.append(from).append(" -> ").append(to).append(": ")
                        .append(oneLine(m.text()));
                case "typing" -> line.append(from).append(" is typing");
                case "nudge" -> line.append(from).append(" sent a nudge");
                case "action" -> line.append("* ").append(from).append(' ').append(oneLine(m.text()));
                case "offline" -> line.append(from).append(" -> ").append(to)
                        .append(m.dir().equals("c2s") ? " (offline, stored): " : " (offline, retrieved): ")
                        .append(m.text() == null ? "" : oneLine(m.text()));
                default -> line.append(from).append(" -> ").append(to).append(": ")
                        .append(m.kind()).append(" (").append(m.contentType()).append(", ").append(m.length())
                        .append(" bytes)");
            }
            if (m.ackMode() != null && !m.ackMode().equals("U")) {
                line.append("  [ack ").append(m.ackMode()).append(']');
            }
        } else if (e instanceof PresenceEvent p) {
            pad(line, "presence", 12);
            line.append(p.user() == null ? "(account unknown)" : p.user());
            if (p.status() != null) {
                line.append(" is ").append(status(p.status()));
            }
            if (p.friendlyName() != null) {
                line.append(" as \"").append(oneLine(p.friendlyName())).append('"');
            }
            if (p.psm() != null && !p.psm().isEmpty()) {
                line.append(" says \"").append(oneLine(p.psm())).append('"');
            }
            if (p.currentMedia() != null && !p.currentMedia().isEmpty()) {
                line.append(" listening to \"").append(oneLine(p.currentMedia())).append('"');
            }
            if ("".equals(p.psm()) && "".equals(p.currentMedia())) {
                line.append(" has no personal message");
            }
            Map<String, String> obj = p.msnObject();
            if (obj != null) {
                line.append(" [msnobj type ").append(obj.get("type")).append(", ").append(obj.get("size"))
                        .append(" bytes]");
            }
        } else if (e instanceof ContactEvent c) {
            pad(line, "contact", 12);
            line.append(c.action().replace('_', ' ')).append(' ');
            if (c.user() != null) {
                line.append(c.user());
                if (!c.lists().isEmpty()) {
                    line.append(" [").append(String.join(",", c.lists())).append(']');
                }
                if (c.friendlyName() != null) {
                    line.append(" \"").append(oneLine(c.friendlyName())).append('"');
                }
            } else {
                line.append(join(c.groups())).append(c.groupName() != null ? " \"" + c.groupName() + "\"" : "");
            }
        } else if (e instanceof DeliveryEvent d) {
            pad(line, "delivery", 12);
            line.append(d.conversation()).append(" message ").append(d.trid()).append(switch (d.result()) {
                case "ack" -> " acknowledged";
                case "nak" -> " NOT delivered (NAK)";
                default -> " never acknowledged";
            });
        } else if (e instanceof org.msnscope.decoder.event.TransferEvent t) {
            pad(line, "transfer", 12);
            transfer(line, t);
        } else if (e instanceof org.msnscope.decoder.event.TokenRequestEvent t) {
            pad(line, "token", 12);
            line.append(t.account() == null ? "(account unknown)" : t.account()).append(" asks for ");
            for (int i = 0; i < t.services().size(); i++) {
                line.append(i == 0 ? "" : ", ").append(t.services().get(i));
                if (!t.policies().get(i).isEmpty()) {
                    line.append(" (").append(t.policies().get(i)).append(')');
                }
            }
            if (t.services().isEmpty()) {
                line.append("no token");
            }
        } else if (e instanceof org.msnscope.decoder.event.SlpEvent s) {
            pad(line, "slp", 12);
            String ct = s.contentType() == null ? "" : s.contentType();
            int dash = ct.lastIndexOf('-');
            line.append(s.method() != null ? s.method() : String.valueOf(s.status())).append(' ')
                    .append(s.from()).append(" -> ").append(s.to());
            if (!ct.isEmpty()) {
                line.append(" (").append(dash >= 0 ? ct.substring(dash + 1) : ct).append(')');
            }
            if (s.transfer() != null) {
                line.append(' ').append(s.transfer());
            }
        }
    }

    /** One transfer as the timeline words it, without the time and type columns. */
    public static void transferLine(StringBuilder line, org.msnscope.decoder.event.TransferEvent t) {
        transfer(line, t);
    }

    /** {@code T1 file "notes.txt" alice -> bob 40000 bytes: transferring 50% (20000)}. */
    static void transfer(StringBuilder line, org.msnscope.decoder.event.TransferEvent t) {
        line.append(t.transfer()).append(' ').append(t.kind());
        if (t.name() != null && !t.name().isEmpty()) {
            line.append(" \"").append(oneLine(t.name())).append('"');
        }
        line.append(' ').append(t.from() == null ? "?" : t.from()).append(" -> ").append(t.to() == null ? "?" : t.to());
        if (t.size() != null) {
            line.append(' ').append(t.size()).append(" bytes");
        }
        line.append(" via ").append(t.transport()).append(": ").append(t.state());
        if (t.size() != null && t.size() > 0 && !t.complete()
                && (t.state().equals("transferring") || t.state().equals("incomplete") || t.state().equals("cancelled"))) {
            line.append(' ').append(t.received() * 100 / t.size()).append("% (").append(t.received()).append(')');
        }
        if (t.sha1() != null) {
            line.append(" sha1 ").append(t.sha1());
        }
        if (t.verified() != null) {
            line.append(t.verified() ? " verified" : " NOT matching its MSNObject");
        }
        if (t.cutOff()) {
            line.append(" cut off");
        }
        if (t.reason() != null) {
            line.append(" (").append(oneLine(t.reason())).append(')');
        }
    }

    private static String join(List<String> l) {
        return String.join(",", l);
    }

    /**
     * Line breaks shown as the two characters \n so one event stays one line, and every other control
     * character as {@link #printable} shows it.
     */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return printable(s.replace("\r\n", "\\n").replace("\n", "\\n"));
    }

    /**
     * Text from the wire made safe for a terminal or a text file: control characters (C0 but tab and
     * line feed, DEL, C1) written as {@code \xNN} and the bidirectional overrides and isolates
     * (U+202A to U+202E, U+2066 to U+2069, which reorder what a reader sees) as {@code \\uNNNN}, so
     * that no escape sequence reaches a terminal and no carriage return overwrites a line.
     */
    public static String printable(String s) {
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 && c != '\t' && c != '\n' || c >= 0x7F && c < 0xA0 || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }

    private static void pad(StringBuilder line, String s, int width) {
        line.append(s);
        for (int i = s.length(); i < width; i++) {
            line.append(' ');
        }
    }
}
