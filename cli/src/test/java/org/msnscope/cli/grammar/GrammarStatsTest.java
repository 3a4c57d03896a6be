package org.msnscope.cli.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed literal sets, their limit, the median, and examples that do not depend on the order flows merge in. */
class GrammarStatsTest {
    private static final List<String> STATUSES = List.of("NLN", "BSY", "IDL", "BRB", "AWY", "PHN", "LUN", "HDN", "FLN",
            "AAA", "BBB", "CCC", "DDD");

    private static Map<String, Object> position2(VerbStats s, Redactor r) {
        return Tree.map(Tree.list(s.tree(r, false), "arguments").get(1));
    }

    private static VerbStats chg(int distinct) {
        VerbStats s = new VerbStats("CHG", true, null);
        for (int i = 0; i < distinct; i++) {
            s.seen(10 + i, true, List.of(Integer.toString(i + 1), STATUSES.get(i)), List.of("trid", "literal"));
        }
        return s;
    }

    @Test
    void twelveDistinctLiteralsAreListedExhaustively() {
        Map<String, Object> type = Tree.map(Tree.list(position2(chg(12), new Redactor()), "types").get(0));
        assertEquals("literal", type.get("type"));
        assertEquals(12, Tree.list(type, "values").size());
        assertEquals("{value=AAA, count=1}", Tree.list(type, "values").get(0).toString());
    }

    @Test
    void thirteenAreAnOpenSet() {
        Map<String, Object> type = Tree.map(Tree.list(position2(chg(13), new Redactor()), "types").get(0));
        assertEquals("token", type.get("type"));
        assertEquals(13L, type.get("count"));
        assertNull(type.get("values"));
    }

    @Test
    void aLiteralThatNamesSomeoneIsText() {
        Redactor r = new Redactor();
        r.identity("BSY");
        List<Object> types = Tree.list(position2(chg(3), r), "types");
        assertEquals("{type=literal, count=2, values=[{value=IDL, count=1}, {value=NLN, count=1}]}", types.get(0).toString());
        assertEquals("{type=text, count=1, values=null}", types.get(1).toString());
    }

    @Test
    void theMedianIsTheLowerMiddle() {
        PayloadStats p = new PayloadStats();
        for (long l : new long[] {90, 5, 1202, 52, 7}) {
            p.length(l);
        }
        assertEquals(52, p.median());
        p.length(60);
        assertEquals(52, p.median());
        Map<String, Object> len = Tree.map(p.tree(), "length");
        assertEquals("{min=5, median=52, max=1202}", len.toString());
    }

    @Test
    void examplesDoNotDependOnTheMergeOrder() {
        VerbStats a = new VerbStats("MSG", true, null);
        VerbStats b = new VerbStats("MSG", true, null);
        a.seen(50, true, List.of("4", "U", "90"), List.of("trid", "literal", "payload_length"));
        a.seen(70, true, List.of("5", "A", "163"), List.of("trid", "literal", "payload_length"));
        b.seen(20, true, List.of("2", "D", "1202"), List.of("trid", "literal", "payload_length"));
        b.seen(30, false, List.of("bob@x.com", "Bob", "100"), List.of("email", "text", "payload_length"));
        VerbStats ab = new VerbStats("MSG", true, null);
        ab.merge(a);
        ab.merge(b);
        VerbStats ba = new VerbStats("MSG", true, null);
        ba.merge(b);
        ba.merge(a);
        Redactor r = new Redactor();
        assertEquals(Tree.list(ab.tree(r, false), "examples"), Tree.list(ba.tree(new Redactor(), false), "examples"));
        assertEquals("[{frame=20, line=MSG 2 D 1202}, {frame=30, line=MSG user1@example.com name1 100}]",
                Tree.list(ab.tree(new Redactor(), false), "examples").toString());
    }

    @Test
    void naturalOrder() {
        List<String> l = new java.util.ArrayList<>(List.of("MSNP11", "INVITE", "603", "MSNP8", "200", "MSNP2", "argument 10",
                "argument 2"));
        l.sort(Counter.ORDER);
        assertEquals(List.of("200", "603", "INVITE", "MSNP2", "MSNP8", "MSNP11", "argument 2", "argument 10"), l);
    }
}
