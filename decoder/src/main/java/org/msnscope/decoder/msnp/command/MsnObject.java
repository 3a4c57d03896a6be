package org.msnscope.decoder.msnp.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.msnp.mime.Text;

/**
 * An MSNObject descriptor ({@code <msnobj Creator=".." Size=".." Type=".." Location=".." Friendly=".."
 * SHA1D=".." SHA1C=".."/>}), as it travels URL-encoded at the end of CHG, ILN and NLN (MSNP9+) or
 * plain in a P2P Context. Attributes are read leniently (any order, either quote); the Friendly
 * name, base64 of UTF-16LE on the wire, is also given decoded.
 */
public final class MsnObject {
    private MsnObject() {
    }

    /** True when the (possibly URL-encoded) token is an MSNObject. */
    public static boolean looksLike(String token) {
        return token != null && (token.startsWith("%3Cmsnobj") || token.startsWith("<msnobj")
                || token.startsWith("%3cmsnobj"));
    }

    /** The attributes by lower-case name (plus {@code friendly_decoded}); null when not an MSNObject. */
    public static Map<String, String> parse(String token) {
        if (!looksLike(token)) {
            return null;
        }
        String xml = Text.urlDecode(token);
        Map<String, String> out = new LinkedHashMap<>();
        int i = xml.indexOf("msnobj") + 6;
        int n = xml.length();
        while (i < n) {
            while (i < n && (xml.charAt(i) == ' ' || xml.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && xml.charAt(i) != '=' && xml.charAt(i) != ' ' && xml.charAt(i) != '/' && xml.charAt(i) != '>') {
                i++;
            }
            if (i >= n || xml.charAt(i) != '=' || i == nameStart) {
                break;
            }
            String name = xml.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i++;
            if (i >= n || (xml.charAt(i) != '"' && xml.charAt(i) != '\'')) {
                break;
            }
            char q = xml.charAt(i++);
            int end = xml.indexOf(q, i);
            if (end < 0) {
                break;
            }
            out.put(name, xml.substring(i, end));
            i = end + 1;
        }
        String friendly = out.get("friendly");
        if (friendly != null) {
            String decoded = decodeFriendly(friendly);
            if (decoded != null) {
                out.put("friendly_decoded", decoded);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decodeFriendly(String b64) {
        try {
            byte[] raw = java.util.Base64.getDecoder().decode(b64);
            String s = new String(raw, java.nio.charset.StandardCharsets.UTF_16LE);
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
