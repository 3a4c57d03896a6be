package org.msnscope.decoder.msnp.mime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The X-MMS-IM-Format header of a text message: {@code FN=font; EF=effects; CO=colour; CS=charset;
 * PF=pitch and family; RL=right-to-left}. CO is written blue-green-red in hex without leading zeros
 * (docs/msnp.md, "Text messages"), so {@code ff} is red; it is also given as {@code #rrggbb}.
 */
public final class ImFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ImFormat() {
    }

    /** The fields by their output names; unknown keys are kept under their own name. */
    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = header.length();
        int i = 0;
        while (i < n) {
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            int eq = header.indexOf('=', i);
            if (eq > i && eq < end) {
                int ks = i;
                while (ks < eq && header.charAt(ks) == ' ') {
                    ks++;
                }
                String key = header.substring(ks, eq).trim();
                String value = header.substring(eq + 1, end).trim();
                put(out, key, value);
            }
            i = end + 1;
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        switch (key) {
            case "FN" -> out.put("font", Text.urlDecode(value));
            case "EF" -> {
                out.put("effects", value);
                out.put("effects_decoded", effects(value));
            }
            case "CO" -> {
                out.put("color", value);
                String rgb = rgb(value);
                if (rgb != null) {
                    out.put("color_rgb", rgb);
                }
            }
            case "CS" -> out.put("charset", value);
            case "PF" -> out.put("pitch_family", value);
            case "RL" -> out.put("rtl", value);
            default -> out.put(key, value);
        }
    }

    private static String effects(String ef) {
        StringBuilder s = new StringBuilder();
        for (char c : ef.toCharArray()) {
            String name = switch (c) {
                case 'B' -> "bold";
                case 'I' -> "italic";
                case 'U' -> "underline";
                case 'S' -> "strikethrough";
                default -> null;
            };
            if (name != null) {
                s.append(s.length() > 0 ? "," : "").append(name);
            }
        }
        return s.toString();
    }

    /** BGR hex (up to six digits, leading zeros dropped) to {@code #rrggbb}; null if not hex. */
    static String rgb(String co) {
        if (co.isEmpty() || co.length() > 6) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < co.length(); i++) {
            int d = Character.digit(co.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            v = v * 16 + d;
        }
        int b = (v >> 16) & 0xff;
        int g = (v >> 8) & 0xff;
        int r = v & 0xff;
        char[] out = {'#', HEX[r >> 4], HEX[r & 15], HEX[g >> 4], HEX[g & 15], HEX[b >> 4], HEX[b & 15]};
        return new String(out);
    }
}
