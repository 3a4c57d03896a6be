package org.msnscope.capture.write;

import java.util.HexFormat;

final class Hex {
    private Hex() {
    }

    /** Hex string of the bytes, lower case, no separators. */
    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Joins hex fragments written with spaces for readability. */
    static String join(String... parts) {
        return String.join("", parts).replace(" ", "");
    }
}
