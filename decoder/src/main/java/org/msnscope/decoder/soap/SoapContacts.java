package org.msnscope.decoder.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.msnscope.decoder.event.ContactEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.http.HttpFlow;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Contact lists from the address book services: FindMembership's member roles (Allow, Block,
 * Reverse, Pending: the old AL, BL, RL, PL), ABFindAll's and ABFindContactsPaged's groups and
 * contacts (the forward list, FL). One {@code contact} event per entry, {@code source} naming the call.
 */
final class SoapContacts {
    private SoapContacts() {
    }

    /** FindMembership: {@code Membership/MemberRole} then its {@code Members/Member} entries. */
    static void memberships(HttpFlow flow, Xml.Result x) {
        String list = null;
        Member m = null;
        for (Xml.Element e : x.elements()) {
            switch (e.name()) {
                case "MemberRole" -> {
                    m = emit(flow, m, "FindMembership");
                    list = roleList(e.text());
                }
                case "Member" -> {
                    m = emit(flow, m, "FindMembership");
                    m = new Member(list, e.depth());
                    String type = e.attr("type");
                    if (type != null && type.endsWith("PassportMember")) {
                        m.network = "1";
                    }
                }
                default -> {
                    if (m != null && e.depth() > m.depth) {
                        switch (e.name()) {
                            case "PassportName", "Email" -> m.user = e.text();
                            case "DisplayName" -> m.name = e.text();
                            case "Deleted" -> m.deleted = "true".equalsIgnoreCase(e.text());
                            case "Type" -> {
                                if ("Passport".equalsIgnoreCase(e.text())) {
                                    m.network = "1";
                                }
                            }
                            case "Value" -> {
                                // the annotation MSN.IM.BuddyType = "32:" marks a Yahoo contact
                                if (e.text() != null && e.text().matches("\\d+:")) {
                                    m.network = e.text().substring(0, e.text().length() - 1);
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
            }
        }
        emit(flow, m, "FindMembership");
    }

    private static String roleList(String role) {
        if (role == null) {
            return null;
        }
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "allow" -> "AL";
            case "block" -> "BL";
            case "reverse" -> "RL";
            case "pending" -> "PL";
            default -> null; // ProfileExpansion and other roles are no contact list
        };
    }

    /** One member or contact being read. */
    private static final class Member {
        final String list;
        final int depth;
        String user;
        String name;
        String network;
        boolean deleted;
        boolean me;
        final List<String> groups = new ArrayList<>();

        Member(String list, int depth) {
            this.list = list;
            this.depth = depth;
        }
    }

    private static Member emit(HttpFlow flow, Member m, String source) {
        if (m == null || m.user == null || m.list == null || m.me) {
            return null;
        }
        Emitter em = flow.emitter();
        if (em.wanted()) {
            em.emit(new ContactEvent(em.tsNanos(), em.tsDigits(), em.frame(), flow.id(), m.deleted ? "removed" : "listed",
                    m.user, List.of(m.list), m.name, List.copyOf(m.groups), null, m.network, source));
        }
        return null;
    }

    /** ABFindAll / ABFindContactsPaged: {@code Group} (id, name) and {@code Contact} entries. */
    static void addressBook(HttpFlow flow, Xml.Result x, String source) {
        Member contact = null;
        String groupId = null;
        int groupDepth = -1;
        Emitter em = flow.emitter();
        for (Xml.Element e : x.elements()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            if (groupDepth >= 0 && e.depth() <= groupDepth) {
                groupDepth = -1;
            }
            if (contact != null && e.depth() <= contact.depth) {
                contact = emit(flow, contact, source);
            }
            if (n.equals("group")) {
                groupDepth = e.depth();
                groupId = null;
            } else if (n.equals("contact")) {
                contact = new Member("FL", e.depth());
            } else if (groupDepth >= 0 && contact == null) {
                if (n.equals("groupid")) {
                    groupId = e.text();
                } else if (n.equals("name") && groupId != null && em.wanted()) {
                    em.emit(new ContactEvent(em.tsNanos(), em.tsDigits(), em.frame(), flow.id(), "group_listed", null,
                            List.of(), null, List.of(groupId), e.text(), null, source));
                }
            } else if (contact != null) {
                switch (n) {
                    case "passportname" -> {
                        contact.user = e.text();
                        contact.network = "1";
                    }
                    case "email" -> {
                        if (contact.user == null) {
                            contact.user = e.text();
                        }
                    }
                    case "displayname" -> contact.name = e.text();
                    case "guid" -> contact.groups.add(e.text());
                    case "contacttype" -> contact.me = "Me".equalsIgnoreCase(e.text());
                    case "fdeleted" -> contact.deleted = "true".equalsIgnoreCase(e.text());
                    default -> {
                    }
                }
            }
        }
        emit(flow, contact, source);
    }
}
