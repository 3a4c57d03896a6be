package org.msnscope.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decodes the data argument of a {@code .scn} data line: a quoted C-style string, hex: or @file. */
final class ChunkText {
    /** Largest chunk a scenario line may carry (a file or a literal). */
    static final long MAX_CHUNK_BYTES = 64L * 1024 * 1024;

    private ChunkText() {
    }

    /** Decodes a quoted string starting and ending with '"'; throws IllegalArgumentException with the reason. */
    static byte[] quoted(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            throw new IllegalArgumentException("data must be \"quoted\", hex:... or @file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end = text.length() - 1;
        for (int i = 1; i < end; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                throw new IllegalArgumentException("unescaped \" inside the string");
            }
            if (ch != '\\') {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            if (++i >= end) {
                throw new IllegalArgumentException("string ends with a lone backslash");
            }
            char e = text.charAt(i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'x' -> {
                    if (i + 2 >= end || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                        throw new IllegalArgumentException("\\x needs two hex digits");
                    }
                    out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }

    /** Decodes the digits after "hex:" (an even number of hex digits). */
    static byte[] hexDigits(String digits) {
        if (digits.isEmpty() || (digits.length() & 1) != 0) {
            throw new IllegalArgumentException("hex: needs an even, non-zero number of digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = hex(digits.charAt(2 * i));
            int lo = hex(digits.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit in " + digits);
            }
            out[i] = (byte) (hi * 16 + lo);
        }
        return out;
    }

    /** Reads @file relative to the scenario's directory; the path may not leave that directory. */
    static byte[] file(Path scenarioDir, String name) throws IOException {
        Path base = scenarioDir.toAbsolutePath().normalize();
        Path file = base.resolve(name).normalize();
        if (name.isEmpty() || !file.startsWith(base)) {
            throw new IllegalArgumentException("@" + name + " is outside the scenario's directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        if (Files.size(file) > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException(name + " is larger than " + MAX_CHUNK_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
