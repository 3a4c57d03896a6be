package org.msnscope.testkit.p2p;

/** GUID helpers. */
public final class Guids {
    public static final String EUF_MSN_OBJECT = "{A4268EEC-FEC5-49E5-95C3-F126696BDBF6}";
    public static final String EUF_FILE_TRANSFER = "{5D3E02AB-6190-11D3-BBBB-00C04F795683}";
    /** The MSNFTP Application-GUID, spelled with the lower-case "d" clients send. */
    public static final String MSNFTP_APPLICATION = "{5D3E02AB-6190-11d3-BBBB-00C04F795683}";

    private Guids() {
    }

    /**
     * The 16 bytes of a GUID in Microsoft binary layout (Data1 u32le, Data2 u16le, Data3 u16le, Data4 as
     * written), as a direct-connection handshake carries a nonce.
     */
    public static byte[] msBytes(String guid) {
        String h = guid.replace("{", "").replace("}", "").replace("-", "");
        if (h.length() != 32) {
            throw new IllegalArgumentException("not a GUID: " + guid);
        }
        byte[] b = Bytes.unhex(h);
        byte[] out = new byte[16];
        out[0] = b[3];
        out[1] = b[2];
        out[2] = b[1];
        out[3] = b[0];
        out[4] = b[5];
        out[5] = b[4];
        out[6] = b[7];
        out[7] = b[6];
        System.arraycopy(b, 8, out, 8, 8);
        return out;
    }

    /** The GUID (registry form, upper case, braces) whose Microsoft binary layout starts at {@code b[off]}. */
    public static String fromMsBytes(byte[] b, int off) {
        byte[] r = new byte[16];
        r[0] = b[off + 3];
        r[1] = b[off + 2];
        r[2] = b[off + 1];
        r[3] = b[off];
        r[4] = b[off + 5];
        r[5] = b[off + 4];
        r[6] = b[off + 7];
        r[7] = b[off + 6];
        System.arraycopy(b, off + 8, r, 8, 8);
        String h = Bytes.hex(r).toUpperCase(java.util.Locale.ROOT);
        return "{" + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20) + "}";
    }

    /**
     * The {@code Hashed-Nonce} for {@code nonce}: the SHA-1 of the nonce's 16 bytes in Microsoft layout,
     * whose first 16 bytes are read back as a GUID the same way.
     */
    public static String hashedNonce(String nonce) {
        return fromMsBytes(MsnObject.sha1(msBytes(nonce)), 0);
    }
}
