package org.msnscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every sample, the protocol inventory ({@code grammar --format json}) of the anonymised capture
 * equals the original's except where replaced values show: the example lines (they quote values),
 * payload lengths (a pseudonym need not be as long as what it replaced) and the input's name. Every
 * verb, count, TrID use, arity, argument type, literal set, content type, header name, XML path,
 * reply, first frame and catalogue value must be the same.
 */
class AnonymizeGrammarTest {
    /** Members whose values depend on the replaced values, removed wherever they occur. */
    static final Set<String> VALUE_DEPENDENT = Set.of("inputs", "examples", "length");

    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        return SamplesTest.cases();
    }

    static JsonNode masked(String json) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(VALUE_DEPENDENT);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                strip(it.next().getValue());
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                strip(c);
            }
        }
    }

    private static String grammar(Path capture) {
        Run run = Run.of("grammar", "--format", "json", capture.toString());
        assertEquals(0, run.code(), run.err());
        return run.out();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theInventoryIsTheOriginalsButForReplacedValues(Path dir) throws Exception {
        Path out = tmp.resolve("anon.pcapng");
        Run anon = Run.of("anonymize", SamplesTest.capture(dir).toString(), out.toString());
        assertEquals(0, anon.code(), anon.err());
        String original = masked(grammar(SamplesTest.capture(dir))).toPrettyString();
        String anonymised = masked(grammar(out)).toPrettyString();
        assertEquals(original, anonymised, dir.getFileName() + ": the inventories differ");
    }
}
