package org.msnscope.cli.grammar;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.msnscope.decoder.msnp.mime.MessageKind;

/**
 * The catalogues of values an inventory lists besides verbs, and which values are known: what
 * msnscope decodes, or what docs/msnp.md and docs/p2p.md document. Anything else is listed under
 * "Unknown" first.
 */
final class Catalogues {
    static final int MAX_VALUES = 1024;

    static final String CONTENT_TYPES = "content_types";
    static final String DATACAST_IDS = "datacast_ids";
    static final String SLP_METHODS = "slp_methods";
    static final String SLP_HEADERS = "slp_headers";
    static final String SLP_CONTENT_TYPES = "slp_content_types";
    static final String EUF_GUIDS = "euf_guids";
    static final String APP_IDS = "app_ids";
    static final String FOOTER_APP_IDS = "footer_app_ids";
    static final String P2P_FLAGS = "p2p_flags";

    /** Every catalogue, in output order. */
    static final List<String> ALL = List.of(CONTENT_TYPES, DATACAST_IDS, SLP_METHODS, SLP_HEADERS, SLP_CONTENT_TYPES,
            EUF_GUIDS, APP_IDS, FOOTER_APP_IDS, P2P_FLAGS);

    /** docs/msnp.md §4.7 names these; the decoder gives them kind {@code other}. */
    private static final Set<String> DOCUMENTED_CONTENT_TYPES = Set.of("text/x-keepalive", "text/x-clientinfo");
    /** docs/msnp.md §4.3. */
    private static final Set<String> DATACASTS = Set.of("1", "2", "3", "4");
    /** docs/p2p.md, "MSNSLP". */
    private static final Set<String> METHODS = Set.of("INVITE", "BYE", "ACK");
    private static final Set<String> HEADERS = Set.of("To", "From", "Via", "CSeq", "Call-ID", "Max-Forwards",
            "Content-Type", "Content-Length");
    private static final Set<String> SLP_TYPES = Set.of("application/x-msnmsgr-sessionreqbody",
            "application/x-msnmsgr-sessionclosebody", "application/x-msnmsgr-transreqbody",
            "application/x-msnmsgr-transrespbody");
    /** docs/p2p.md, the footer: 0 MSNSLP and ACKs, 1 MSNObject, 2 file, 4 webcam, 11 emoticon, 12 display picture. */
    private static final Set<String> APPS = Set.of("0", "1", "2", "4", "11", "12");
    /** docs/p2p.md: the P2Pv1 flags sources name, the v2 TF combinations and operation codes. */
    private static final Set<String> FLAGS = Set.of("v1 flags 0x00000000", "v1 flags 0x00000001", "v1 flags 0x00000002",
            "v1 flags 0x00000020", "v1 flags 0x00000040", "v1 flags 0x00000080", "v1 flags 0x00000100",
            "v1 flags 0x01000020", "v1 flags 0x01000030", "v2 tf none", "v2 tf 0x00", "v2 tf 0x01", "v2 tf 0x04",
            "v2 tf 0x05", "v2 tf 0x06", "v2 tf 0x07", "v2 opcode 0x00", "v2 opcode 0x01", "v2 opcode 0x02",
            "v2 opcode 0x03");

    private Catalogues() {
    }

    /** A GUID as the catalogue lists it: upper case, in braces. */
    static String guid(String g) {
        String t = g.trim().toUpperCase(Locale.ROOT);
        return t.startsWith("{") ? t : "{" + t + "}";
    }

    /** The p2p_flags value of one header. */
    static String flags(int version, long flags, int opcode, boolean opcodeRow) {
        if (version == 1) {
            return String.format(Locale.ROOT, "v1 flags 0x%08x", flags);
        }
        if (opcodeRow) {
            return String.format(Locale.ROOT, "v2 opcode 0x%02x", opcode);
        }
        return flags < 0 ? "v2 tf none" : String.format(Locale.ROOT, "v2 tf 0x%02x", flags);
    }

    /**
     * @param unknownGuids EUF-GUIDs (as {@link #guid}) whose transfers the decoder could not name
     */
    static boolean known(String catalogue, String value, Set<String> unknownGuids) {
        return switch (catalogue) {
            case CONTENT_TYPES -> DOCUMENTED_CONTENT_TYPES.contains(value) || value.equals("text/x-msnmsgr-datacast")
                    || !MessageKind.of(value, null, null).equals("other");
            case DATACAST_IDS -> DATACASTS.contains(value);
            case SLP_METHODS -> METHODS.contains(value);
            case SLP_HEADERS -> HEADERS.contains(value);
            case SLP_CONTENT_TYPES -> SLP_TYPES.contains(value);
            case EUF_GUIDS -> !unknownGuids.contains(value);
            case APP_IDS, FOOTER_APP_IDS -> APPS.contains(value);
            case P2P_FLAGS -> FLAGS.contains(value);
            default -> true;
        };
    }
}
