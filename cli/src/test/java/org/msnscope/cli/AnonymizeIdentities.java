package org.msnscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The identities a capture's decode names (accounts, friendly names, personal messages, the words of
 * message texts, cookies, tickets and hashes, profile ids, addresses, file names) and where they
 * still appear in some bytes: as UTF-8, URL-encoded, base64 (at any alignment) or UTF-16LE.
 */
final class AnonymizeIdentities {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+");
    private static final Pattern WORD = Pattern.compile("\\p{L}{7,}");
    /**
     * The service's own names, which anonymize keeps (server host names, the gateway's path: docs/anonymize.md):
     * a message word that is one of them ("through the gateway!") is found there, not left from the text.
     */
    static final String SERVICE_NAMES = "gateway.messenger.hotmail.com /gateway/gateway.dll messenger.msn.com"
            + " login.live.com contacts.msn.com omega.contacts.msn.com rsi.hotmail.com ows.messenger.msn.com";
    /** Searched in raw bytes only from this length on: shorter strings turn up by chance in binary data. */
    static final int MIN_RAW = 4;

    private AnonymizeIdentities() {
    }

    /** Identity -> its kind, from JSON Lines. */
    static Map<String, String> of(String jsonLines) throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> kept = keptContent();
        for (String line : jsonLines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode e = JSON.readTree(line);
            accounts(e, ids);
            String type = e.path("type").asText();
            add(ids, "friendly name", e.path("friendly_name").textValue(), 3);
            add(ids, "personal message", e.path("psm").textValue(), 4);
            switch (type) {
                case "flow_start" -> {
                    add(ids, "address", host(e.path("client").asText()), 7);
                    add(ids, "address", host(e.path("server").asText()), 7);
                }
                case "session_start" -> add(ids, "cookie", e.path("cookie").textValue(), 4);
                case "message" -> {
                    Matcher w = WORD.matcher(e.path("text").asText(""));
                    while (w.find()) {
                        if (kept.stream().noneMatch(k -> k.contains(w.group()))
                                && !SERVICE_NAMES.toLowerCase(java.util.Locale.ROOT).contains(w.group().toLowerCase(java.util.Locale.ROOT))) {
                            add(ids, "message word", w.group(), 7);
                        }
                    }
                    for (String field : List.of("MemberIdHigh", "MemberIdLow", "ClientIP")) {
                        add(ids, "profile field", e.path("headers").path(field).textValue(), 5);
                    }
                }
                case "transfer" -> {
                    if ("file".equals(e.path("kind").asText())) {
                        add(ids, "file name", e.path("name").textValue(), 5);
                    }
                }
                case "command" -> secrets(e, ids);
                default -> { }
            }
        }
        return ids;
    }

    /** Tickets, responses, hashes and challenges of USR, QRY and CHL. */
    private static void secrets(JsonNode e, Map<String, String> ids) {
        String cmd = e.path("cmd").asText();
        List<String> args = new ArrayList<>();
        e.path("args").forEach(a -> args.add(a.asText()));
        if (cmd.equals("USR") && args.size() >= 3 && args.get(1).equals("S")
                && (e.path("dir").asText().equals("c2s") || args.get(0).equals("MD5"))) {
            for (String a : args.subList(2, args.size())) {
                for (String part : a.split("[&=]")) {
                    if (!part.startsWith("{")) {
                        add(ids, "ticket or hash", part, 8);
                    }
                }
            }
        }
        if (cmd.equals("QRY") && e.path("dir").asText().equals("c2s")) {
            add(ids, "challenge answer", e.path("payload").textValue(), 8);
        }
        if (cmd.equals("CHL") && args.size() >= 1) {
            add(ids, "challenge", args.get(args.size() - 1), 8);
        }
    }

    private static void accounts(JsonNode n, Map<String, String> ids) {
        if (n.isTextual()) {
            Matcher m = ACCOUNT.matcher(n.asText());
            while (m.find()) {
                if (!m.group().equalsIgnoreCase("msmsgs@msnmsgr.com")) {
                    add(ids, "account", m.group().toLowerCase(Locale.ROOT), 3);
                }
            }
        }
        n.forEach(c -> accounts(c, ids));
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(f -> accounts(JSON.getNodeFactory().textNode(f), ids));
        }
    }

    private static void add(Map<String, String> ids, String kind, String value, int min) {
        if (value != null && value.length() >= min) {
            ids.putIfAbsent(value, kind);
        }
    }

    private static String host(String endpoint) {
        String h = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** Transferred objects are kept as they are: words their contents share with texts are not identities. */
    private static List<String> keptContent() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.find(SamplesTest.SAMPLES, 3, (p, a) -> a.isRegularFile()
                && p.getParent().getFileName().toString().equals("source"))) {
            for (Path p : files.toList()) {
                out.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** "kind form: value" for every identity found in {@code bytes} in one of its forms. */
    static List<String> foundIn(byte[] bytes, Map<String, String> ids) {
        String data = new String(bytes, StandardCharsets.ISO_8859_1);
        String lower = data.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> id : ids.entrySet()) {
            String v = id.getKey();
            boolean account = id.getValue().equals("account");
            for (Map.Entry<String, String> form : forms(v).entrySet()) {
                String f = form.getValue();
                if (f.length() >= MIN_RAW && (account ? lower.contains(f.toLowerCase(Locale.ROOT)) : data.contains(f))) {
                    found.add(id.getValue() + " " + form.getKey() + ": " + v);
                }
            }
        }
        return found;
    }

    private static Map<String, String> forms(String v) {
        Map<String, String> f = new LinkedHashMap<>();
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        f.put("utf-8", new String(utf8, StandardCharsets.ISO_8859_1));
        String url = URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
        if (!url.equals(v)) {
            f.put("url-encoded", url);
        }
        f.put("utf-16le", new String(v.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3 && utf8.length - shift >= 6; shift++) {
            int whole = (utf8.length - shift) / 3 * 3;
            byte[] part = java.util.Arrays.copyOfRange(utf8, shift, shift + whole);
            f.put("base64+" + shift, Base64.getEncoder().encodeToString(part));
        }
        return f;
    }
}
