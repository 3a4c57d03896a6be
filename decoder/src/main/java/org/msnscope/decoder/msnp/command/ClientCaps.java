package org.msnscope.decoder.msnp.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client id of CHG, ILN, NLN, IRO and JOI (MSNP8+): capability bits in the low 28 bits, the
 * MSNC (peer-to-peer) version in the high four. MSNP16+ writes {@code caps:capex}; the extended
 * half is kept as a number. Bit names and sources: docs/msnp.md ("Client capabilities").
 */
public final class ClientCaps {
    private static final String[] BITS = new String[28];

    static {
        BITS[0] = "windows_mobile";
        BITS[1] = "msn8_user";
        BITS[2] = "ink_gif";
        BITS[3] = "ink_isf";
        BITS[4] = "webcam";
        BITS[5] = "multi_packet";
        BITS[6] = "msn_mobile";
        BITS[7] = "msn_direct";
        BITS[9] = "web_messenger";
        BITS[10] = "tgw_client";
        BITS[11] = "office_live";
        BITS[12] = "msn_space";
        BITS[13] = "media_center";
        BITS[14] = "direct_im";
        BITS[15] = "winks";
        BITS[16] = "shared_search";
        BITS[17] = "bot";
        BITS[18] = "voice_clips";
        BITS[19] = "secure_im";
        BITS[20] = "sip_invite";
        BITS[21] = "sip_tunnel";
        BITS[22] = "shared_folders";
        BITS[24] = "p2p_turn";
        BITS[25] = "p2p_bootstrap_via_uun";
    }

    private ClientCaps() {
    }

    /** Whether a token looks like a client id ({@code 268435492} or {@code 2789003324:48}). */
    public static boolean looksLike(String token) {
        int colon = token.indexOf(':');
        String main = colon < 0 ? token : token.substring(0, colon);
        if (main.isEmpty() || main.length() > 10) {
            return false;
        }
        for (int i = 0; i < main.length(); i++) {
            if (main.charAt(i) < '0' || main.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code value}, {@code extended} (MSNP16+), {@code msnc} and {@code flags}; null when not a client id. */
    public static Map<String, Object> decode(String token) {
        if (token == null || !looksLike(token)) {
            return null;
        }
        int colon = token.indexOf(':');
        long value = Long.parseLong(colon < 0 ? token : token.substring(0, colon)) & 0xffffffffL;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", value);
        if (colon >= 0) {
            String ext = token.substring(colon + 1);
            try {
                out.put("extended", Long.parseLong(ext));
            } catch (NumberFormatException e) {
                out.put("extended", ext);
            }
        }
        out.put("msnc", (int) (value >>> 28));
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            if ((value & (1L << i)) != 0) {
                flags.add(BITS[i] != null ? BITS[i] : "bit" + i);
            }
        }
        out.put("flags", Collections.unmodifiableList(flags));
        return Collections.unmodifiableMap(out);
    }
}
