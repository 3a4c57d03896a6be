package org.msnscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structure of a decode: every event of {@code read --format jsonl} with the values anonymisation
 * may replace masked by their shape, everything else exact. Two captures that differ only in the
 * identities they carry have equal structures: the same events in the same order, at the same frames
 * and times, the same verbs, arities, TrIDs, kinds, states, sizes, hashes and anomalies. Masks: an
 * account becomes {@code @}, a number {@code #}, another replaced string {@code *}, an address keeps
 * its port, a message text its length in UTF-8 bytes; objects keep their keys. Meant to be reused
 * (e.g. to compare protocol inventories of a capture and its anonymised copy).
 */
final class AnonymizeStructure {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROTOCOL_TOKEN = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Fields whose values are identities (or depend on their length), by event type; "*" for all types. */
    private static final Map<String, Set<String>> MASKED = Map.ofEntries(
            Map.entry("flow_start", Set.of("client", "server")),
            Map.entry("flow_end", Set.of("bytes_c2s", "bytes_s2c")),
            Map.entry("anomaly", Set.of("detail")),
            Map.entry("command", Set.of("args", "payload", "payload_length")),
            Map.entry("session_start", Set.of("account", "cookie", "endpoint")),
            Map.entry("session_end", Set.of("account", "cookie", "endpoint")),
            Map.entry("participant", Set.of("user", "friendly_name", "by", "endpoint")),
            Map.entry("message", Set.of("from", "to", "text", "headers", "length", "raw_hex")),
            Map.entry("presence", Set.of("user", "friendly_name", "psm", "current_media", "msn_object")),
            Map.entry("contact", Set.of("user", "friendly_name")),
            Map.entry("token_request", Set.of("account")),
            Map.entry("transfer", Set.of("from", "to", "name")),
            Map.entry("slp", Set.of("to", "from", "headers", "body")));

    private AnonymizeStructure() {
    }

    /** The structure of each line of JSON Lines output. */
    static List<String> of(String jsonLines) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (String line : jsonLines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = JSON.readValue(line.getBytes(StandardCharsets.UTF_8), LinkedHashMap.class);
            out.add(JSON.writeValueAsString(mask(e)));
        }
        return out;
    }

    static Map<String, Object> mask(Map<String, Object> e) {
        Set<String> masked = MASKED.getOrDefault(String.valueOf(e.get("type")), Set.of());
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.entrySet()) {
            String k = f.getKey();
            Object v = f.getValue();
            if (!masked.contains(k)) {
                m.put(k, v);
            } else if (k.equals("client") || k.equals("server")) {
                String s = (String) v;
                m.put(k, "<ip>" + s.substring(s.lastIndexOf(':')));
            } else if (k.equals("text") && v instanceof String s) {
                m.put(k, "text of " + s.getBytes(StandardCharsets.UTF_8).length + " bytes");
            } else if (k.equals("payload") && v != null) {
                m.put(k, "<payload>");
            } else {
                m.put(k, shape(v));
            }
        }
        return m;
    }

    /** Keeps nulls, booleans, protocol tokens and the layout of lists and objects; masks the rest. */
    static Object shape(Object v) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number) {
            return "#";
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(shape(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> f : map.entrySet()) {
                out.put(f.getKey(), shape(f.getValue()));
            }
            return out;
        }
        String s = v.toString();
        if (PROTOCOL_TOKEN.matcher(s).matches()) {
            return s;
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return "#";
        }
        if (s.indexOf('@') > 0) {
            return "@";
        }
        return s.isEmpty() ? "" : "*";
    }
}
