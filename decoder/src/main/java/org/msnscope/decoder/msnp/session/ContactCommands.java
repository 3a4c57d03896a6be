package org.msnscope.decoder.msnp.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.ContactEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.msnp.mime.Text;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Contact lists and groups as the NS shows them: the sync lines of MSNP2-12 (LST, LSG) and the
 * changes (ADD, ADC, REM, ADG, RMG, REG), and the ADL/RML XML of MSNP13+. Argument shapes per
 * version: docs/msnp.md ("Contact lists").
 */
final class ContactCommands {
    /** List bits of MSNP8+ LST and of ADL's l attribute: forward, allow, block, reverse, pending. */
    private static final String[] LIST_BITS = {"FL", "AL", "BL", "RL", "PL"};

    private ContactCommands() {
    }

    static void handle(Connection conn, org.msnscope.decoder.msnp.command.Command c) {
        if (c.fromClient() && !c.verb().equals("ADL") && !c.verb().equals("RML")) {
            return;
        }
        switch (c.verb()) {
            case "LST" -> lst(conn, c);
            case "LSG" -> lsg(conn, c);
            case "ADD" -> {
                // ADD trid LIST ver account name [group] (MSNP2-9)
                conn.version.atMost(9);
                if (c.argc() >= 4) {
                    contact(conn, "added", c.arg(2), List.of(c.arg(0)), c.arg(3),
                            c.argc() >= 5 ? List.of(c.arg(4)) : List.of(), null, "ADD");
                }
            }
            case "ADC" -> {
                // ADC trid LIST N=account [F=name] [C=id] [group] (MSNP10+)
                if (c.argc() >= 2) {
                    String user = null;
                    String name = null;
                    List<String> groups = new ArrayList<>();
                    for (int i = 1; i < c.argc(); i++) {
                        String a = c.arg(i);
                        if (a.startsWith("N=")) {
                            user = a.substring(2);
                        } else if (a.startsWith("F=")) {
                            name = a.substring(2);
                        } else if (a.startsWith("C=")) {
                            if (user == null) {
                                user = a.substring(2);
                            }
                        } else {
                            groups.add(a);
                        }
                    }
                    contact(conn, "added", user, List.of(c.arg(0)), name, groups, null, "ADC");
                }
            }
            case "REM" -> {
                // REM trid LIST [ver] account|id [group]
                if (c.argc() >= 2) {
                    boolean old = c.argc() >= 3 && isNumber(c.arg(1)) && !c.arg(2).contains("-");
                    String who = old ? c.arg(2) : c.arg(1);
                    String group = old ? c.arg(3) : c.arg(2);
                    contact(conn, "removed", who, List.of(c.arg(0)), null, group == null ? List.of() : List.of(group),
                            null, "REM");
                }
            }
            case "ADG" -> {
                // ADG trid ver name id 0 (MSNP2-9) / ADG trid name id (MSNP10+)
                if (c.argc() >= 3 && isNumber(c.arg(0))) {
                    group(conn, "group_added", c.arg(2), c.arg(1), "ADG");
                } else if (c.argc() >= 2) {
                    group(conn, "group_added", c.arg(1), c.arg(0), "ADG");
                }
            }
            case "RMG" -> {
                if (c.argc() >= 1) {
                    group(conn, "group_removed", c.arg(c.argc() >= 2 ? 1 : 0), null, "RMG");
                }
            }
            case "REG" -> {
                // REG trid ver id name 0 / REG trid id name
                if (c.argc() >= 4) {
                    group(conn, "group_renamed", c.arg(1), c.arg(2), "REG");
                } else if (c.argc() >= 2) {
                    group(conn, "group_renamed", c.arg(0), c.arg(1), "REG");
                }
            }
            case "ADL", "RML" -> adl(conn, c);
            default -> { }
        }
    }

    /**
     * MSNP2-7: LST trid LIST ver index total account name [groups]; MSNP8-9: LST account name lists [groups];
     * MSNP10-11: LST N=account F=name C=id lists [groups]; MSNP12: the same with a network id after the lists.
     */
    private static void lst(Connection conn, org.msnscope.decoder.msnp.command.Command c) {
        Version v = conn.version;
        if (c.trid() != null || (c.argc() >= 4 && isListName(c.arg(0)))) {
            v.atMost(7);
            if (c.argc() >= 6) {
                contact(conn, "listed", c.arg(4), List.of(c.arg(0)), c.arg(5), groups(c.arg(6)), null, "LST");
            }
            return;
        }
        if (c.argc() >= 1 && c.arg(0).startsWith("N=")) {
            v.atLeast(10);
            String user = null;
            String name = null;
            int i = 0;
            for (; i < c.argc(); i++) {
                String a = c.arg(i);
                if (a.startsWith("N=")) {
                    user = a.substring(2);
                } else if (a.startsWith("F=")) {
                    name = a.substring(2);
                } else if (!a.startsWith("C=")) {
                    break;
                }
            }
            List<String> lists = i < c.argc() ? bits(c.arg(i)) : List.of();
            String network = null;
            String groups = null;
            if (i + 1 < c.argc()) {
                String next = c.arg(i + 1);
                if (isNumber(next)) {
                    network = next;
                    v.atLeast(12);
                    groups = c.arg(i + 2);
                } else {
                    groups = next;
                }
            }
            contact(conn, "listed", user, lists, name, groups(groups), network, "LST");
            return;
        }
        if (c.argc() >= 3) {
            v.atLeast(8);
            contact(conn, "listed", c.arg(0), bits(c.arg(2)), c.arg(1), groups(c.arg(3)), null, "LST");
        }
    }

    /** MSNP2-7: LSG trid ver index total id name 0; MSNP8-9: LSG id name 0; MSNP10+: LSG name id. */
    private static void lsg(Connection conn, org.msnscope.decoder.msnp.command.Command c) {
        if (c.trid() != null && c.argc() >= 5) {
            group(conn, "group_listed", c.arg(3), c.arg(4), "LSG");
        } else if (c.argc() >= 2 && isNumber(c.arg(0))) {
            group(conn, "group_listed", c.arg(0), c.arg(1), "LSG");
        } else if (c.argc() >= 2) {
            group(conn, "group_listed", c.arg(1), c.arg(0), "LSG");
        }
    }

    /**
     * ADL/RML: {@code <ml l="1"><d n="domain"><c n="user" l="lists" t="network"/></d></ml>}. MSNP21 moves the
     * list bits into one child per service, {@code <c n="user" t="1"><s l="3" n="IM"/><s l="3" n="PE"/></c>}
     * (docs/msnp21.md, "Contact lists"): a contact without {@code l} takes the union of its services' bits.
     */
    private static void adl(Connection conn, org.msnscope.decoder.msnp.command.Command c) {
        conn.version.atLeast(13);
        Xml.Result x = conn.xml(c);
        if (x == null) {
            return;
        }
        boolean initial = false;
        String domain = null;
        Xml.Element pending = null;
        String pendingUser = null;
        long serviceBits = 0;
        String action = null;
        for (Xml.Element e : x.elements()) {
            if (pending != null && e.depth() == pending.depth() + 1 && e.name().equals("s")) {
                String l = e.attr("l");
                serviceBits |= l != null && isNumber(l) && l.length() < 10 ? Long.parseLong(l) : 0;
                continue;
            }
            if (pending != null && e.depth() <= pending.depth()) {
                listed(conn, c, action, pendingUser, pending, serviceBits);
                pending = null;
            }
            switch (e.name()) {
                case "ml" -> initial = "1".equals(e.attr("l"));
                case "d" -> domain = e.attr("n");
                case "c" -> {
                    String user = e.attr("n");
                    if (user != null && domain != null && user.indexOf('@') < 0) {
                        user = user + "@" + domain;
                    }
                    action = c.verb().equals("RML") ? "removed" : initial && c.fromClient() ? "listed" : "added";
                    pending = e;
                    pendingUser = user;
                    serviceBits = 0;
                }
                default -> { }
            }
        }
        if (pending != null) {
            listed(conn, c, action, pendingUser, pending, serviceBits);
        }
    }

    /** One ADL/RML contact: its own {@code l}, else the union of its services' (MSNP21). */
    private static void listed(Connection conn, org.msnscope.decoder.msnp.command.Command c, String action, String user,
            Xml.Element e, long serviceBits) {
        String l = e.attr("l");
        if (l == null && serviceBits != 0) {
            conn.version.atLeast(21);
            l = Long.toString(serviceBits);
        }
        contact(conn, action, user, bits(l), e.attr("f"), List.of(), e.attr("t"), c.verb());
    }

    private static boolean isListName(String s) {
        return s.equals("FL") || s.equals("AL") || s.equals("BL") || s.equals("RL") || s.equals("PL");
    }

    static boolean isNumber(String s) {
        return s != null && Trids.numeric(s);
    }

    private static List<String> bits(String s) {
        if (s == null || !isNumber(s)) {
            return s == null ? List.of() : List.of(s);
        }
        long v = Long.parseLong(s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < LIST_BITS.length; i++) {
            if ((v & (1L << i)) != 0) {
                out.add(LIST_BITS[i]);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> groups(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(s.split(","));
    }

    private static void contact(Connection conn, String action, String user, List<String> lists, String name,
            List<String> groups, String network, String source) {
        Emitter em = conn.emitter();
        em.emit(new ContactEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), action, user, lists,
                name == null ? null : Text.urlDecode(name), groups, null, network, source));
    }

    private static void group(Connection conn, String action, String id, String name, String source) {
        Emitter em = conn.emitter();
        em.emit(new ContactEvent(em.tsNanos(), em.tsDigits(), em.frame(), conn.id(), action, null, List.of(),
                null, id == null ? List.of() : List.of(id), name == null ? null : Text.urlDecode(name), null, source));
    }
}
