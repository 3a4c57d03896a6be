package org.msnscope.decoder.msnp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzz target for {@link MsnObject}: an MSNObject token as it stands on a command line (URL-encoded
 * XML) or in a payload. Contract: a map of attributes or null (exactly when the token does not look like one), never an exception; the keys are not
 * empty.
 */
class MsnObjectFuzzTest {
    @FuzzTest
    void parse(byte[] bytes) {
        String token = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> m = MsnObject.parse(token);
        assertEquals(MsnObject.looksLike(token), m != null, "null exactly when not an MSNObject");
        if (m != null) {
            for (String k : m.keySet()) {
                assertFalse(k == null || k.isEmpty(), "an empty attribute name in " + m);
            }
        }
    }
}
