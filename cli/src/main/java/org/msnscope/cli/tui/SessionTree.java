package org.msnscope.cli.tui;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the side pane shows: NS sessions (account, version), the conversations each opened
 * (participants), and the transfers each conversation negotiated. Conversations whose NS session
 * is not in the capture are grouped under one node. Filled by the decoding thread, read by the UI.
 */
final class SessionTree {
    /** One node of the tree. */
    static final class Node {
        final String type;
        final int id;
        String label;
        int flow;
        final List<Node> children = new ArrayList<>();
        Node parent;
        final Set<String> participants = new LinkedHashSet<>();

        Node(String type, int id, String label) {
            this.type = type;
            this.id = id;
            this.label = label;
        }

        /** The text of the node in the tree. */
        String text() {
            if (type.equals("conversation")) {
                return label + (participants.isEmpty() ? "" : " " + String.join(", ", participants));
            }
            return label;
        }
    }

    private final Node root = new Node("all", 0, "All events");
    private final Node other = new Node("other", 0, "No NS session");
    private final Map<Integer, Node> nsByFlow = new HashMap<>();
    private final Map<Integer, Node> conversations = new HashMap<>();
    private final Map<Integer, Node> transfers = new HashMap<>();
    private volatile int version;

    /** Changes on every addition, so the UI knows when to redraw the tree. */
    int version() {
        return version;
    }

    synchronized void nsSession(int flow, String account, String protocol) {
        Node n = nsByFlow.get(flow);
        String label = (account == null ? "(account unknown)" : account) + (protocol == null ? "" : " " + protocol);
        if (n == null) {
            n = new Node("ns", flow, label);
            n.flow = flow;
            n.parent = root;
            nsByFlow.put(flow, n);
            root.children.add(n);
        } else {
            n.label = label;
        }
        version++;
    }

    /** A conversation: on a switchboard {@code flow} issued by NS {@code parentFlow}, or routed over an NS flow. */
    synchronized void conversation(int conv, String name, int flow, int parentFlow) {
        if (conv <= 0) {
            return;
        }
        Node c = conversations.get(conv);
        Node parent = nsByFlow.get(parentFlow);
        if (c == null) {
            c = new Node("conversation", conv, name);
            conversations.put(conv, c);
            attach(c, parent != null ? parent : other);
        } else if (c.parent == other && parent != null) {
            other.children.remove(c);
            attach(c, parent);
        }
        if (c.flow == 0 && flow != parentFlow) {
            c.flow = flow;
        }
        version++;
    }

    private void attach(Node c, Node parent) {
        c.parent = parent;
        parent.children.add(c);
        if (parent == other && !root.children.contains(other)) {
            root.children.add(other);
        }
    }

    /** True when {@code flow} carries an NS session. */
    synchronized boolean isNs(int flow) {
        return nsByFlow.containsKey(flow);
    }

    synchronized void participant(int conv, String user, boolean present) {
        Node c = conversations.get(conv);
        if (c != null && user != null) {
            if (present) {
                c.participants.add(user);
            }
            version++;
        }
    }

    synchronized void transfer(int transfer, int conv, String label) {
        Node t = transfers.get(transfer);
        if (t == null) {
            t = new Node("transfer", transfer, label);
            transfers.put(transfer, t);
            Node c = conversations.get(conv);
            attach(t, c != null ? c : other);
        } else {
            t.label = label;
        }
        version++;
    }

    synchronized int conversationOfTransfer(int transfer) {
        Node t = transfers.get(transfer);
        return t == null || !t.parent.type.equals("conversation") ? 0 : t.parent.id;
    }

    synchronized Node conversationNode(int conv) {
        return conversations.get(conv);
    }

    synchronized List<Node> conversationsInOrder() {
        List<Node> l = new ArrayList<>(conversations.values());
        l.sort(java.util.Comparator.comparingInt(n -> n.id));
        return l;
    }

    /** The nodes in display order, children of nodes not collapsed only; each with its depth. */
    synchronized List<Visible> visible(Set<String> collapsed) {
        List<Visible> out = new ArrayList<>();
        walk(root, 0, collapsed, out);
        return out;
    }

    private void walk(Node n, int depth, Set<String> collapsed, List<Visible> out) {
        boolean open = n == root || !collapsed.contains(key(n));
        out.add(new Visible(n, depth, key(n), n.text(), !n.children.isEmpty(), open));
        if (open) {
            for (Node c : n.children) {
                walk(c, depth + 1, collapsed, out);
            }
        }
    }

    static String key(Node n) {
        return n.type + ":" + n.id;
    }

    /** One row of the side pane. */
    record Visible(Node node, int depth, String key, String text, boolean hasChildren, boolean open) {
    }

    /** The rows a node selects: its flows, conversations and transfers, and those of everything under it. */
    synchronized Scope scope(Node n) {
        if (n.type.equals("all")) {
            return null;
        }
        Scope s = new Scope(n.type.equals("transfer") ? "transfer " + n.label.split(" ")[0] : n.type.equals("ns")
                ? "session " + n.label : n.type.equals("conversation") ? "conversation " + n.label : n.label);
        collect(n, s);
        return s;
    }

    private void collect(Node n, Scope s) {
        switch (n.type) {
            case "ns" -> s.flows.set(n.flow);
            case "conversation" -> {
                s.conversations.set(n.id);
                if (n.flow > 0) {
                    s.flows.set(n.flow);
                }
            }
            case "transfer" -> s.transfers.set(n.id);
            default -> { }
        }
        for (Node c : n.children) {
            collect(c, s);
        }
    }

    /** A subset of the rows: any of these flows, conversations or transfers. */
    static final class Scope {
        final String label;
        final BitSet flows = new BitSet();
        final BitSet conversations = new BitSet();
        final BitSet transfers = new BitSet();

        Scope(String label) {
            this.label = label;
        }

        boolean matches(EventStore store, int i) {
            if (flows.get(store.flow(i))) {
                return true;
            }
            int second = store.second(i);
            if (second == 0) {
                return false;
            }
            return (store.flags(i) & EventStore.TRANSFER) != 0 ? transfers.get(second) : conversations.get(second);
        }
    }
}
