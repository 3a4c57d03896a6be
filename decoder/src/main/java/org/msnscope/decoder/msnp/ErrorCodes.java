package org.msnscope.decoder.msnp;

/** Meanings of MSNP server error codes (docs/msnp.md, "Error codes"). */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    public static String meaning(int code) {
        return switch (code) {
            case 200 -> "syntax error";
            case 201 -> "invalid parameter";
            case 205 -> "invalid user";
            case 217 -> "user not online";
            case 911 -> "authentication failed";
            default -> null;
        };
    }

    public static String outReason(String code) {
        return switch (code) {
            case "OTH" -> "signed in from another location";
            case "SSD" -> "server shutting down";
            default -> null;
        };
    }
}
