package org.msnscope.decoder.msnp.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the small XML payloads of MSNP (ADL/RML contact lists, UUX/UBX personal messages, GCF) with
 * the JDK's StAX parser, DTDs and external entities off: a payload is hostile. The result is a flat
 * list of elements (name, attributes, text, depth), which is all these payloads need.
 */
public final class Xml {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** One element: its local name, attributes in order, direct text (trimmed) and depth (root 0). */
    public record Element(String name, Map<String, String> attributes, String text, int depth) {
        public String attr(String n) {
            return attributes.get(n);
        }
    }

    /** The elements, or the parser's complaint. */
    public record Result(List<Element> elements, String problem) {
        /** The text of the first element with this name, or null. */
        public String text(String name) {
            for (Element e : elements) {
                if (e.name().equals(name)) {
                    return e.text();
                }
            }
            return null;
        }
    }

    private Xml() {
    }

    public static Result parse(byte[] b, int off, int len) {
        List<Element> out = new ArrayList<>();
        List<StringBuilder> texts = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        XMLStreamReader r = null;
        if (!Text.validUtf8(b, off, len)) {
            // decoded here, not by the parser: its byte decoder prints "[Fatal Error]" lines to stderr
            return new Result(out, "not valid UTF-8");
        }
        try {
            String text = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            r = FACTORY.createXMLStreamReader(new java.io.StringReader(text));
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    open.add(out.size());
                    out.add(new Element(r.getLocalName(), attrs, null, depth++));
                    texts.add(new StringBuilder());
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (!open.isEmpty()) {
                        texts.get(open.get(open.size() - 1)).append(r.getText());
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    int idx = open.remove(open.size() - 1);
                    Element e = out.get(idx);
                    out.set(idx, new Element(e.name(), e.attributes(), texts.get(idx).toString().trim(), e.depth()));
                    depth--;
                }
            }
            return new Result(out, null);
        } catch (XMLStreamException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(out, m.replace('\n', ' ').replace('\r', ' '));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }
}
