package org.msnscope.decoder.msnp;

/**
 * Meanings of MSNP server error replies ({@code NNN trid [len]}) and of
 * {@code OUT} disconnect reasons.
 *
 * <p>The table is the union of the codes documented or handled by:
 * <ul>
 *   <li>hypothetic.org MSN protocol docs, "Reference - Error List"
 *       (http://www.hypothetic.org/docs/msn/reference/error_list.php)</li>
 *   <li>MSNPiki / NINA Wiki "Protocols/MSNP/Reference/Error List"
 *       (http://msnpiki.msnfanatic.com/index.php/Reference:Error_List,
 *       https://wiki.nina.chat/wiki/Protocols/MSNP/Reference/Error_List)</li>
 *   <li>libpurple {@code libpurple/protocols/msn/error.c} (msn_error_get_text)</li>
 *   <li>MSNPSharp {@code MSNPSharp/Types.cs} (enum MSNError), which carries the
 *       MSNP13..MSNP18 additions (203/204, 240/241, 4xx, SMS 5xx, 7xx, 93x)</li>
 *   <li>Escargot server {@code front/msn/misc.py} (class Err)</li>
 *   <li>yellows111 msnp-wiki command pages ({@code OUT} reasons)</li>
 * </ul>
 * Where sources give different meanings for one code, the phrase below names
 * both, separated by " / " (see docs/msnp.md, "Sources disagreements").
 * Meanings are short lowercase phrases. Unknown codes return {@code null}.
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    /**
     * Short lowercase meaning of an MSNP error code, or {@code null} when the
     * code is not documented by any consulted source.
     */
    public static String meaning(int code) {
        return switch (code) {
            // 2xx: command / argument problems
            case 200 -> "syntax error";
            case 201 -> "invalid parameter";                  // libpurple: "invalid email address"
            case 203 -> "invalid federated user";
            case 204 -> "unroutable user / invalid network id";
            case 205 -> "invalid user";                        // MSNP10+ uses 208 for this case
            case 206 -> "domain name missing";
            case 207 -> "already logged in";
            case 208 -> "invalid username";
            case 209 -> "invalid friendly name";
            case 210 -> "list full";
            case 213 -> "invalid rename request";
            case 215 -> "already there";
            case 216 -> "not on list";
            case 217 -> "user not online";                     // MSNPSharp: "not accepting instant messages"
            case 218 -> "already in mode";
            case 219 -> "in opposite list";
            case 220 -> "not accepting pages";
            case 223 -> "too many groups";
            case 224 -> "invalid group";
            case 225 -> "user not in group";
            case 227 -> "group not empty";
            case 228 -> "group name already exists";
            case 229 -> "group name too long";
            case 230 -> "cannot remove group 0";
            case 231 -> "invalid group";                       // libpurple: "group does not exist"
            case 232 -> "invalid mobile number";
            case 233 -> "unknown mobile number";
            case 234 -> "unknown keitai domain";
            case 240 -> "empty domain element in list xml";
            case 241 -> "invalid list xml or membership";
            case 280 -> "switchboard failed";
            case 281 -> "transfer to switchboard failed";
            case 282 -> "unknown p2p application / malformed message";
            case 283 -> "unknown uun application";
            case 285 -> "message too long";
            case 290 -> "sms out of funds";
            // 3xx
            case 300 -> "required field missing";
            case 301 -> "too many hits to fnd";
            case 302 -> "not logged in";
            // 4xx (MSNP13+, address book / sms)
            case 402 -> "error accessing contact list";
            case 403 -> "address book error";
            case 413 -> "sms subscription required";
            case 414 -> "sms subscription disabled";
            case 415 -> "sms out of funds";
            case 416 -> "sms disabled in market";
            case 417 -> "sms disabled globally";
            case 418 -> "try again later";
            case 419 -> "no market specified";
            case 420 -> "invalid account permissions";
            // 5xx: server-side failures
            case 500 -> "internal server error";               // libpurple: "service temporarily unavailable"
            case 501 -> "db server error";
            case 502 -> "command disabled";
            case 504 -> "ups down";
            case 508 -> "federated partner error";
            case 509 -> "page mode message error";
            case 510 -> "file operation failed";
            case 511 -> "detailed error";
            case 520 -> "memory alloc failed";
            case 540 -> "challenge response failed";
            case 550 -> "sms account muted";
            case 551 -> "sms account disabled";
            case 552 -> "sms account maxed";
            case 580 -> "sms internal server error";
            case 590 -> "sms carrier invalid";
            case 591 -> "sms carrier no route";
            case 592 -> "sms carrier error";
            case 593 -> "sms address mapping full";
            case 594 -> "sms incorrect source country";
            case 595 -> "sms mobile cache full";
            case 596 -> "sms incorrect format";
            case 597 -> "sms invalid text";
            case 598 -> "sms message too long";
            // 6xx: availability
            case 600 -> "server busy";
            case 601 -> "server unavailable";
            case 602 -> "peer ns down";
            case 603 -> "db connect failed";
            case 604 -> "server going down";
            case 605 -> "server unavailable";
            case 606 -> "paging unavailable";
            // 7xx: connection / session
            case 700 -> "could not create connection";         // MSNPSharp only
            case 707 -> "could not create connection";
            case 710 -> "bad cvr parameters";
            case 711 -> "write is blocking";                   // MSNPSharp: "session restricted"
            case 712 -> "session overload";
            case 713 -> "calling too rapidly";
            case 714 -> "too many sessions";
            case 715 -> "not expected";                        // libpurple: "passport not verified"
            case 717 -> "bad friend file";
            case 718 -> "user restricted";
            case 719 -> "session federated";
            case 726 -> "user federated";
            case 731 -> "not expected";                        // MSNPSharp: "not expected cvr"
            case 733 -> "roaming logoff";
            case 734 -> "too many endpoints";
            // 8xx
            case 800 -> "changing too rapidly";
            // 9xx: authentication / account
            case 910, 912, 918, 919, 922 -> "server too busy";
            case 921 -> "server too busy / timed out";         // MSNPSharp: "timed out"
            case 911, 917 -> "authentication failed";
            case 913 -> "not allowed when offline";            // Escargot: also sent while HDN
            case 914, 915, 916 -> "server unavailable";
            case 920 -> "not accepting new users";
            case 923 -> "kids passport without parental consent";
            case 924 -> "passport account not yet verified";
            case 926 -> "managed user limited access wrong client";
            case 927 -> "managed user access denied";
            case 928 -> "bad ticket";
            case 931 -> "account not on this server";
            case 933 -> "invalid contact list / circle membership";
            case 935 -> "invalid signature";
            default -> null;
        };
    }

    /**
     * Meaning of the reason argument of a server {@code OUT} command, or
     * {@code null} when unknown. A bare {@code OUT} (no reason) is an ordinary
     * close; callers should not pass it here.
     *
     * <p>Sources: NINA Wiki "Protocols/MSNP/Commands/OUT" (OTH, SSD),
     * yellows111 msnp-wiki "OUT" (MIG and TOU since MSNP10, RCT since MSNP11),
     * MSNPSharp SignedOffReason, Escargot {@code front/msn/msnp.py}.
     */
    public static String outReason(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "OTH" -> "signed in elsewhere";
            case "SSD" -> "server shutting down";
            case "MIG" -> "contact list migrated";            // MSNP10 only
            case "TOU" -> "terms of use must be accepted";    // MSNP10+
            case "RCT" -> "temporary closure, reconnect later"; // MSNP11+, "OUT RCT minutes"
            default -> null;
        };
    }
}
