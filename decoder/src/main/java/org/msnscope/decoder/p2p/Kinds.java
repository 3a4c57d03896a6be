package org.msnscope.decoder.p2p;

import java.util.Locale;
import java.util.Map;

/**
 * What a P2P session carries, from its EUF-GUID (and, for MSNObjects, the object's Type).
 * Sources are cited in docs/p2p.md; an unknown GUID is kept as sent and reported.
 */
final class Kinds {
    private Kinds() {
    }

    static final String MSNOBJECT = "A4268EEC-FEC5-49E5-95C3-F126696BDBF6";
    static final String FILE = "5D3E02AB-6190-11D3-BBBB-00C04F795683";

    private static final Map<String, String> BY_GUID = Map.ofEntries(
            Map.entry(MSNOBJECT, "msnobject"),
            Map.entry(FILE, "file"),
            Map.entry("4BD96FC0-AB17-4425-A14A-439185962DC8", "webcam"),
            Map.entry("1C9AA97E-9C05-4583-A3BD-908A196F1E92", "webcam"),
            Map.entry("6A13AF9C-5308-4F35-923A-67E8DDA40C2F", "activity"),
            Map.entry("41D3E74E-04A2-4B37-96F8-08ACDB610874", "photo_sharing"),
            Map.entry("E073B06B-636E-45B7-ACA4-6D4B5978C93C", "wink"));

    /** The GUID without braces, upper case. */
    static String normalise(String guid) {
        if (guid == null) {
            return null;
        }
        String g = guid.trim();
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1);
        }
        return g.toUpperCase(Locale.ROOT);
    }

    /** The kind for a GUID, or null when it is not one msnscope knows. */
    static String ofGuid(String guid) {
        return guid == null ? null : BY_GUID.get(normalise(guid));
    }

    /** The kind of an MSNObject by its Type attribute. */
    static String ofMsnObjectType(String type) {
        if (type == null) {
            return "msnobject";
        }
        return switch (type.trim()) {
            case "2" -> "emoticon";
            case "3" -> "display_picture";
            case "5" -> "background";
            case "7" -> "dynamic_display_picture";
            case "8" -> "wink";
            case "11" -> "voice_clip";
            case "12" -> "state";
            case "14" -> "location";
            default -> "msnobject";
        };
    }

    /** The kind when only the P2P footer's application id is known (no invitation captured). */
    static String ofAppId(long appId) {
        return switch ((int) appId) {
            case 1 -> "msnobject";
            case 2 -> "file";
            case 4 -> "webcam";
            case 11 -> "emoticon";
            case 12 -> "display_picture";
            default -> "unknown";
        };
    }
}
