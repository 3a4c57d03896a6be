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
}
