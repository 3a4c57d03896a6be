package org.msnscope.testkit.p2p;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * An MSNObject descriptor ({@code <msnobj .../>}) for bytes that exist: Size is their length, SHA1D the
 * base64 SHA-1 of them, and SHA1C the base64 SHA-1 of the other fields written as name and value one
 * after the other (Creator, Size, Type, Location, Friendly, SHA1D).
 */
public record MsnObject(String creator, int size, int type, String location, String friendly, String sha1d) {
    public static final int TYPE_EMOTICON = 2;
    public static final int TYPE_DISPLAY_PICTURE = 3;

    /** Describes {@code data}; Friendly is {@code AAA=} (an empty UTF-16 name). */
    public static MsnObject of(String creator, int type, String location, byte[] data) {
        return new MsnObject(creator, data.length, type, location, "AAA=",
                Base64.getEncoder().encodeToString(sha1(data)));
    }

    public String sha1c() {
        String fields = "Creator" + creator + "Size" + size + "Type" + type + "Location" + location
                + "Friendly" + friendly + "SHA1D" + sha1d;
        return Base64.getEncoder().encodeToString(sha1(fields.getBytes(StandardCharsets.UTF_8)));
    }

    /** The XML element as clients send it. */
    public String xml() {
        return "<msnobj Creator=\"" + creator + "\" Size=\"" + size + "\" Type=\"" + type + "\" Location=\""
                + location + "\" Friendly=\"" + friendly + "\" SHA1D=\"" + sha1d + "\" SHA1C=\"" + sha1c() + "\"/>";
    }

    /** The {@code Context:} value of an MSNObject INVITE: the XML, base64 (no trailing NUL). */
    public String context() {
        return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
