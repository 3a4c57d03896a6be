package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * What the payloads of one verb looked like: how many, their lengths, what kind of content, the
 * MIME (or MSNSLP) Content-Types with the header and body-field names seen with each, and for XML
 * the root elements and every element and attribute path.
 */
final class PayloadStats {
    static final int MAX_CONTENT_TYPES = 64;
    static final int MAX_NAMES = 128;
    static final int MAX_PATHS = 512;

    long count;
    /** Length -> how many payloads had it (exact median without keeping every length). */
    final TreeMap<Long, Long> lengths = new TreeMap<>();
    final Counter kinds = new Counter(16);
    final Map<String, ContentType> contentTypes = new TreeMap<>(Counter.ORDER);
    long contentTypesOmitted;
    final Counter xmlRoots = new Counter(MAX_NAMES);
    final Counter xmlPaths = new Counter(MAX_PATHS);

    static final class ContentType {
        long count;
        final Counter headers = new Counter(MAX_NAMES);
        final Counter fields = new Counter(MAX_NAMES);
    }

    void length(long length) {
        count++;
        lengths.merge(length, 1L, Long::sum);
    }

    ContentType contentType(String ct) {
        ContentType c = contentTypes.get(ct);
        if (c == null && contentTypes.size() < MAX_CONTENT_TYPES) {
            c = new ContentType();
            contentTypes.put(ct, c);
        } else if (c == null) {
            contentTypesOmitted++;
        }
        return c;
    }

    /** A command's payload as text: XML (roots and paths counted), hex, base64, text or empty. */
    void content(String payload, long frame) {
        String p = payload.startsWith("\uFEFF") ? payload.substring(1) : payload;
        String t = p.strip();
        if (t.isEmpty()) {
            kinds.add("empty", frame);
        } else if (t.startsWith("<")) {
            kinds.add("xml", frame);
            xml(p, frame);
        } else {
            String type = TokenTypes.of(t);
            kinds.add(type.equals(TokenTypes.HEX) || type.equals(TokenTypes.BASE64) ? type : "text", frame);
        }
    }

    private void xml(String p, long frame) {
        byte[] b = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Xml.Result x = Xml.parse(b, 0, b.length);
        List<String> stack = new ArrayList<>();
        for (Xml.Element e : x.elements()) {
            while (stack.size() > e.depth()) {
                stack.remove(stack.size() - 1);
            }
            stack.add(e.name());
            String path = String.join("/", stack);
            if (e.depth() == 0) {
                xmlRoots.add(e.name(), frame);
            }
            xmlPaths.add(path, frame);
            for (String a : e.attributes().keySet()) {
                xmlPaths.add(path + "/@" + a, frame);
            }
        }
        if (x.problem() != null) {
            kinds.add("malformed_xml", frame);
        }
    }

    void merge(PayloadStats o) {
        count += o.count;
        o.lengths.forEach((k, v) -> lengths.merge(k, v, Long::sum));
        kinds.merge(o.kinds);
        for (Map.Entry<String, ContentType> e : o.contentTypes.entrySet()) {
            ContentType mine = contentType(e.getKey());
            if (mine != null) {
                mine.count += e.getValue().count;
                mine.headers.merge(e.getValue().headers);
                mine.fields.merge(e.getValue().fields);
            }
        }
        contentTypesOmitted += o.contentTypesOmitted;
        xmlRoots.merge(o.xmlRoots);
        xmlPaths.merge(o.xmlPaths);
    }

    /** Values that did not fit a table. */
    long omitted() {
        long n = kinds.omitted() + contentTypesOmitted + xmlRoots.omitted() + xmlPaths.omitted();
        for (ContentType c : contentTypes.values()) {
            n += c.headers.omitted() + c.fields.omitted();
        }
        return n;
    }

    /** The lower median: the value at index (n - 1) / 2 of the sorted lengths. */
    long median() {
        long target = (count - 1) / 2;
        long seen = 0;
        for (Map.Entry<Long, Long> e : lengths.entrySet()) {
            seen += e.getValue();
            if (seen > target) {
                return e.getKey();
            }
        }
        return 0;
    }

    Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        Map<String, Object> len = new LinkedHashMap<>();
        len.put("min", lengths.isEmpty() ? null : lengths.firstKey());
        len.put("median", lengths.isEmpty() ? null : median());
        len.put("max", lengths.isEmpty() ? null : lengths.lastKey());
        m.put("length", len);
        m.put("kinds", kinds.rows("kind"));
        List<Object> cts = new ArrayList<>();
        for (Map.Entry<String, ContentType> e : contentTypes.entrySet()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("content_type", e.getKey());
            c.put("count", e.getValue().count);
            c.put("headers", e.getValue().headers.rows("name"));
            c.put("fields", e.getValue().fields.rows("name"));
            cts.add(c);
        }
        m.put("content_types", cts);
        Map<String, Object> xml = new LinkedHashMap<>();
        xml.put("roots", xmlRoots.rows("name"));
        xml.put("paths", xmlPaths.rows("path"));
        m.put("xml", xml);
        return m;
    }
}
