package org.msnscope.testkit.p2p;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The file-transfer {@code Context:} of an MSNSLP INVITE (EUF-GUID 5D3E02AB-...), before base64: a
 * 574-byte little-endian structure. Header length (574), version (2), file size (QWORD), type (1: no
 * preview), the file name in UTF-16LE padded with NULs to 520 bytes (MAX_PATH WCHARs), 30 zero bytes and
 * 0xFFFFFFFF.
 */
public final class FileContext {
    public static final int SIZE = 574;
    public static final int NAME_BYTES = 520;
    public static final int TYPE_NO_PREVIEW = 1;

    private FileContext() {
    }

    public static byte[] bytes(String fileName, long fileSize) {
        byte[] name = fileName.getBytes(StandardCharsets.UTF_16LE);
        if (name.length > NAME_BYTES - 2) {
            throw new IllegalArgumentException("file name too long for the context: " + fileName);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        Bytes.le32(out, SIZE);
        Bytes.le32(out, 2);
        Bytes.le64(out, fileSize);
        Bytes.le32(out, TYPE_NO_PREVIEW);
        out.writeBytes(name);
        out.writeBytes(new byte[NAME_BYTES - name.length]);
        out.writeBytes(new byte[30]);
        Bytes.le32(out, 0xFFFFFFFFL);
        return out.toByteArray();
    }

    public static String base64(String fileName, long fileSize) {
        return Base64.getEncoder().encodeToString(bytes(fileName, fileSize));
    }

    /**
     * The context for a name of any length, as a sender that fills the fixed field would write it: the
     * first 260 UTF-16 code units go into the 520-byte field (no closing NUL when they fill it), the
     * rest of the name is not sent.
     */
    public static byte[] bytesClipped(String fileName, long fileSize) {
        String clipped = fileName.length() > NAME_BYTES / 2 ? fileName.substring(0, NAME_BYTES / 2) : fileName;
        byte[] name = clipped.getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        Bytes.le32(out, SIZE);
        Bytes.le32(out, 2);
        Bytes.le64(out, fileSize);
        Bytes.le32(out, TYPE_NO_PREVIEW);
        out.writeBytes(name);
        out.writeBytes(new byte[NAME_BYTES - name.length]);
        out.writeBytes(new byte[30]);
        Bytes.le32(out, 0xFFFFFFFFL);
        return out.toByteArray();
    }
}
