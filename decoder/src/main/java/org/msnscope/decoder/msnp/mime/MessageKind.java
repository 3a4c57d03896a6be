package org.msnscope.decoder.msnp.mime;

/** The {@code kind} of a message, from its Content-Type (and, for datacasts, its ID). docs/msnp.md lists the table. */
public final class MessageKind {
    private MessageKind() {
    }

    public static String of(String contentType, MimeMessage mime, String body) {
        return switch (contentType) {
            case "text/plain" -> "text";
            case "text/x-msmsgscontrol" -> "typing";
            case "text/x-msnmsgr-datacast" -> datacast(datacastId(body));
            case "text/x-mms-emoticon", "text/x-mms-animemoticon" -> "emoticon";
            case "text/x-clientcaps" -> "caps";
            case "text/x-msmsgsinvite" -> "invite";
            case "application/x-msnmsgrp2p" -> "p2p";
            case "image/gif", "application/x-ms-ink" -> "ink";
            case "text/x-msmsgsprofile" -> "profile";
            case "text/x-msmsgsinitialemailnotification", "text/x-msmsgsemailnotification",
                    "text/x-msmsgsactivemailnotification" -> "email";
            case "text/x-msmsgsinitialmdatanotification", "text/x-msmsgsoimnotification" -> "oim";
            case "application/x-msmsgssystemmessage", "text/x-msmsgssystemmessage" -> "system";
            default -> "other";
        };
    }

    /** The datacast kind: ID 1 nudge, 2 wink, 3 voice clip, 4 action; other IDs are {@code other}. */
    static String datacast(String id) {
        if (id == null) {
            return "other";
        }
        return switch (id) {
            case "1" -> "nudge";
            case "2" -> "wink";
            case "3" -> "voiceclip";
            case "4" -> "action";
            default -> "other";
        };
    }

    /** The {@code ID:} line of a datacast body, or null. */
    public static String datacastId(String body) {
        if (body == null) {
            return null;
        }
        for (String line : body.split("\r?\n")) {
            if (line.regionMatches(true, 0, "ID:", 0, 3)) {
                return line.substring(3).trim();
            }
        }
        return null;
    }
}
