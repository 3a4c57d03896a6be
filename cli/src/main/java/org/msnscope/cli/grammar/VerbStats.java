package org.msnscope.cli.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything seen of one verb in one group (version, role, direction): how often, with or without
 * a TrID, its arities, each position's types (and closed literal sets), its payloads, the replies
 * it got, where it was first seen and its example lines.
 */
final class VerbStats {
    /** A position with more distinct literals than this is an open set ({@code token}). */
    static final int MAX_LITERALS = 12;
    /** Positions counted; tokens past this (the framer keeps at most 64 per line) share the last. */
    static final int MAX_POSITIONS = 64;

    final String verb;
    final boolean known;
    final String error;
    long count;
    long firstFrame = Long.MAX_VALUE;
    long withTrid;
    long withoutTrid;
    final Counter arity = new Counter(MAX_POSITIONS + 1);
    final List<Position> positions = new ArrayList<>();
    PayloadStats payload;
    final Counter replies = new Counter(64);
    long unanswered;
    final Examples examples = new Examples();

    /** One argument position: the types seen there and, for literals, every value (up to one past the limit). */
    static final class Position {
        final Counter types = new Counter(64);
        final Counter literals = new Counter(MAX_LITERALS + 1);

        void merge(Position o) {
            types.merge(o.types);
            literals.merge(o.literals);
        }
    }

    VerbStats(String verb, boolean known, String error) {
        this.verb = verb;
        this.known = known;
        this.error = error;
    }

    /** One occurrence: its tokens after the verb and their types ({@link TokenTypes}). */
    void seen(long frame, boolean trid, List<String> tokens, List<String> types) {
        count++;
        firstFrame = Math.min(firstFrame, frame);
        if (trid) {
            withTrid++;
        } else {
            withoutTrid++;
        }
        if (types == null) {
            return;
        }
        arity.add(Integer.toString(tokens.size()), frame);
        for (int i = 0; i < tokens.size(); i++) {
            Position p = position(Math.min(i, MAX_POSITIONS - 1));
            String type = types.get(i);
            p.types.add(type, frame);
            if (isLiteral(type)) {
                p.literals.add(tokens.get(i), frame);
            }
        }
        if (examples.wants(Examples.shape(tokens.size(), types), frame)) {
            examples.add(new Examples.Example(frame, verb, List.copyOf(tokens), List.copyOf(types)));
        }
    }

    static boolean isLiteral(String type) {
        return type.equals(TokenTypes.LITERAL) || type.endsWith("=" + TokenTypes.LITERAL);
    }

    private Position position(int i) {
        while (positions.size() <= i) {
            positions.add(new Position());
        }
        return positions.get(i);
    }

    PayloadStats payload() {
        if (payload == null) {
            payload = new PayloadStats();
        }
        return payload;
    }

    void merge(VerbStats o) {
        count += o.count;
        firstFrame = Math.min(firstFrame, o.firstFrame);
        withTrid += o.withTrid;
        withoutTrid += o.withoutTrid;
        arity.merge(o.arity);
        for (int i = 0; i < o.positions.size(); i++) {
            position(i).merge(o.positions.get(i));
        }
        if (o.payload != null) {
            payload().merge(o.payload);
        }
        replies.merge(o.replies);
        unanswered += o.unanswered;
        examples.merge(o.examples);
    }

    /** Values that did not fit a table. */
    long omitted() {
        long n = arity.omitted() + replies.omitted() + (payload == null ? 0 : payload.omitted());
        for (Position p : positions) {
            n += p.types.omitted();
        }
        return n;
    }

    /**
     * The JSON form (docs/grammar.md). {@code slp} verbs have no TrID, arity or positions. Literal
     * values that name someone become {@code text}; examples are redacted.
     */
    Map<String, Object> tree(Redactor r, boolean slp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verb", verb);
        m.put("known", known);
        m.put("error", error);
        m.put("count", count);
        m.put("first_frame", firstFrame);
        if (slp) {
            m.put("trid", null);
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("with", withTrid);
            t.put("without", withoutTrid);
            m.put("trid", t);
        }
        m.put("arity", arity.rows("arity", true));
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            args.add(position(i + 1, positions.get(i), r));
        }
        m.put("arguments", args);
        m.put("payload", payload == null ? null : payload.tree());
        m.put("replies", replies.rows("reply"));
        m.put("unanswered", unanswered);
        List<Object> ex = new ArrayList<>();
        for (Examples.Example e : examples.chosen()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("frame", e.frame());
            x.put("line", e.line(r));
            ex.add(x);
        }
        m.put("examples", ex);
        return m;
    }

    private static Map<String, Object> position(int number, Position p, Redactor r) {
        Counter types = new Counter(Integer.MAX_VALUE);
        Map<String, Counter> literals = new LinkedHashMap<>();
        boolean open = p.literals.size() > MAX_LITERALS;
        for (Map.Entry<String, long[]> e : p.types.entries().entrySet()) {
            String type = e.getKey();
            long n = e.getValue()[0];
            if (!isLiteral(type)) {
                types.add(type, n, e.getValue()[1]);
                continue;
            }
            // a literal that names someone (an upper-case friendly name) is text, never listed
            String prefix = type.substring(0, type.length() - TokenTypes.LITERAL.length());
            Counter values = new Counter(Integer.MAX_VALUE);
            for (Map.Entry<String, long[]> v : p.literals.entries().entrySet()) {
                if (!v.getKey().startsWith(prefix) || (prefix.isEmpty() && v.getKey().matches("[A-Z]=.*"))) {
                    continue;
                }
                if (r.isIdentity(v.getKey().substring(prefix.length()))) {
                    types.add(prefix + TokenTypes.TEXT, v.getValue()[0], v.getValue()[1]);
                    n -= v.getValue()[0];
                } else {
                    values.add(v.getKey(), v.getValue()[0], v.getValue()[1]);
                }
            }
            if (n > 0) {
                types.add(open ? prefix + TokenTypes.TOKEN : type, n, e.getValue()[1]);
                literals.put(type, values);
            }
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(types.entries().entrySet());
        sorted.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", e.getKey());
            row.put("count", e.getValue()[0]);
            Counter values = literals.get(e.getKey());
            row.put("values", values == null ? null : values.rows("value"));
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", number);
        m.put("count", p.types.total());
        m.put("types", rows);
        return m;
    }
}
