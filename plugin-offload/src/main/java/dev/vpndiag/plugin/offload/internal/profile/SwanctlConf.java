package dev.vpndiag.plugin.offload.internal.profile;

import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * strongSwan's {@code swanctl.conf} (strongswan.conf syntax): nested {@code name { ... }} sections
 * with {@code key = value} lines, {@code #} comments, and section references
 * ({@code name : other { ... }}, strongSwan 5.7 and later) that inherit another section's settings
 * and subsections. Each subsection of {@code connections} becomes a profile at the end of the file:
 * {@code remote_addrs} (first single address), {@code version}, the first {@code local*} and
 * {@code remote*} authentication rounds ({@code id}, {@code auth}; a remote {@code id} defaults to
 * {@code %any}, {@code auth} to {@code pubkey}) and the children's traffic selectors (UDP 1701 means
 * L2TP). The {@code secrets}, {@code pools} and {@code authorities} sections are read past; secrets
 * never reach a fact.
 */
public final class SwanctlConf implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.STRONGSWAN;
    }
    private static final Pattern OPEN = Pattern.compile(
            "^\\s*([^\\s.,:{}=\"#]+)\\s*(?::\\s*([^{}=#]+?))?\\s*\\{\\s*(\\}\\s*)?(?:#.*)?$");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([^\\s.,:{}=\"#]+)\\s*=\\s*(.*)$");
    private static final Pattern TOP = Pattern.compile(
            "^\\s*(connections|secrets|pools|authorities)\\s*(?::[^{}=#]*)?\\{\\s*\\}?\\s*(?:#.*)?$");
    private static final int MAX_NODES = 20_000;
    private static final int MAX_DEPTH = 16;

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        int i = 0;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        if (i == t.length() || "cspa".indexOf(t.charAt(i)) < 0 || !TOP.matcher(t).matches()) {
            return null;
        }
        Tree tree = context.state(Tree.class, Tree::new);
        Block b = new Block(context, tree);
        b.accept(line);
        return b;
    }

    /** One section of the file with its settings, subsections and references. */
    private static final class Node {
        final String name;
        final Node parent;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Node> children = new LinkedHashMap<>();
        final List<String> refs = new ArrayList<>();
        long first;
        long last;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
        }

        String path() {
            return parent == null || parent.parent == null ? name : parent.path() + "." + name;
        }
    }

    /** Everything read from the file, resolved into profiles at its end. */
    private static final class Tree implements ReadContext.ReadState {
        final Node root = new Node("", null);
        int nodes;
        boolean full;

        @Override
        public void end(ReadContext context) {
            Node connections = root.children.get("connections");
            if (connections == null) {
                return;
            }
            Map<Node, Node> cache = new IdentityHashMap<>();
            for (Node conn : connections.children.values()) {
                Node c = flatten(conn, context, cache, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
                if (c != null) {
                    emit(conn, c, context);
                }
            }
        }

        /** The section with its references applied under its own settings, or null when a reference is broken. */
        private Node flatten(Node n, ReadContext context, Map<Node, Node> cache, Set<Node> path, int depth) {
            Node done = cache.get(n);
            if (done != null) {
                return done;
            }
            if (depth > MAX_DEPTH) {
                context.problem("line " + n.first, "section " + n.path() + " is nested or referenced more than "
                        + MAX_DEPTH + " deep");
                return null;
            }
            if (!path.add(n)) {
                context.problem("line " + n.first, "section " + n.path() + " refers to itself in a loop");
                return null;
            }
            Node out = new Node(n.name, n.parent);
            out.first = n.first;
            out.last = n.last;
            for (String ref : n.refs) {
                Node target = find(ref, n);
                if (target == null) {
                    context.problem("line " + n.first, "section " + n.path() + " refers to " + ref + ", which is not in the file");
                    return null;
                }
                Node base = flatten(target, context, cache, path, depth + 1);
                if (base == null) {
                    return null;
                }
                merge(out, base);
            }
            Node own = new Node(n.name, n.parent);
            own.values.putAll(n.values);
            for (Node child : n.children.values()) {
                Node fc = flatten(child, context, cache, path, depth + 1);
                if (fc == null) {
                    return null;
                }
                own.children.put(child.name, fc);
            }
            merge(out, own);
            path.remove(n);
            cache.put(n, out);
            return out;
        }

        private static void merge(Node into, Node from) {
            into.values.putAll(from.values);
            for (Node child : from.children.values()) {
                Node existing = into.children.get(child.name);
                if (existing == null) {
                    Node copy = new Node(child.name, into);
                    merge(copy, child);
                    into.children.put(child.name, copy);
                } else {
                    merge(existing, child);
                }
            }
        }

        /** A referenced section: by its full dotted path, else as a sibling of the section referring to it. */
        private Node find(String ref, Node from) {
            Node n = root;
            for (String part : ref.split("\\.")) {
                n = n == null ? null : n.children.get(part);
            }
            if (n == null && from.parent != null) {
                n = from.parent.children.get(ref);
            }
            return n == from ? null : n;
        }

        private static void emit(Node written, Node c, ReadContext context) {
            Node local = round(c, "local");
            Node remote = round(c, "remote");
            String version = c.values.getOrDefault("version", "0").strip();
            boolean l2tp = false;
            Node children = c.children.get("children");
            if (children != null) {
                for (Node child : children.children.values()) {
                    l2tp |= Profiles.l2tpSelector(child.values.get("local_ts")) || Profiles.l2tpSelector(child.values.get("remote_ts"));
                }
            }
            String tunnel = l2tp ? "L2TP" : version.equals("1") ? "IKEv1" : version.equals("2") ? "IKEv2" : "IKE";
            String peerId = remote == null ? null : Profiles.identity(remote.values.get("id"));
            AuthMethod localAuth = Profiles.strongSwanAuth(local == null ? "pubkey" : local.values.getOrDefault("auth", "pubkey"));
            AuthMethod peerAuth = Profiles.strongSwanAuth(remote == null ? "pubkey" : remote.values.getOrDefault("auth", "pubkey"));
            Profiles.emit(context, Line.range(written.first, written.last), c.name, tunnel,
                    Profiles.firstAddress(c.values.get("remote_addrs")), peerId == null ? ConnectionProfile.ANY : peerId,
                    local == null ? null : Profiles.identity(local.values.get("id")), localAuth, peerAuth);
        }

        /** The first authentication round of one side: by {@code round}, then by position. */
        private static Node round(Node conn, String prefix) {
            Node best = null;
            long bestRound = Long.MAX_VALUE;
            for (Node n : conn.children.values()) {
                if (!n.name.startsWith(prefix) || n.name.startsWith("local_") || n.name.startsWith("remote_")) {
                    continue;
                }
                long r = 0;
                String rv = n.values.get("round");
                if (rv != null && rv.strip().matches("\\d{1,9}")) {
                    r = Long.parseLong(rv.strip());
                }
                if (best == null || r < bestRound) {
                    best = n;
                    bestRound = r;
                }
            }
            return best;
        }
    }

    /** One top-level section, read line by line until its closing bracket. */
    private static final class Block implements Section {
        private final ReadContext context;
        private final Tree tree;
        private final Deque<Node> open = new ArrayDeque<>();
        private boolean closed;

        Block(ReadContext context, Tree tree) {
            this.context = context;
            this.tree = tree;
        }

        @Override
        public boolean accept(Line line) {
            if (closed) {
                return false;
            }
            String t = stripComment(line.text()).strip();
            if (t.isEmpty()) {
                return true;
            }
            if (t.equals("}")) {
                if (open.isEmpty()) {
                    context.unknown(line);
                    return true;
                }
                Node n = open.pop();
                n.last = line.number();
                closed = open.isEmpty();
                return true;
            }
            if (t.startsWith("include ") || t.startsWith("include\t")) {
                return true;
            }
            Matcher m = OPEN.matcher(t);
            if (m.matches()) {
                Node parent = open.isEmpty() ? tree.root : open.peek();
                Node n = child(parent, m.group(1), line);
                if (m.group(2) != null) {
                    for (String ref : m.group(2).split(",")) {
                        if (!ref.isBlank() && n.refs.size() < 16) {
                            n.refs.add(ref.strip());
                        }
                    }
                }
                if (m.group(3) != null) {
                    n.last = line.number();
                    closed = open.isEmpty();
                } else {
                    open.push(n);
                }
                return true;
            }
            Matcher kv = KEY_VALUE.matcher(t);
            if (kv.matches() && !open.isEmpty()) {
                Node n = open.peek();
                if (open.peekLast().name.equals("secrets")) {
                    return true; // keys and passwords are never kept
                }
                if (n.values.size() < 256 || n.values.containsKey(kv.group(1))) {
                    n.values.put(kv.group(1), unquote(kv.group(2).strip()));
                }
                return true;
            }
            context.unknown(line);
            return true;
        }

        private Node child(Node parent, String name, Line line) {
            Node n = parent.children.get(name);
            if (n == null) {
                if (tree.nodes >= MAX_NODES) {
                    if (!tree.full) {
                        tree.full = true;
                        context.problem(line.locator(), "more than " + MAX_NODES + " sections; the rest are ignored");
                    }
                    return new Node(name, parent); // read, not kept
                }
                tree.nodes++;
                n = new Node(name, parent);
                n.first = line.number();
                parent.children.put(name, n);
            }
            return n;
        }

        @Override
        public void finish() {
            if (!open.isEmpty()) {
                Node outer = open.peekLast();
                context.problem("line " + outer.first, "section " + outer.path() + " is not closed before the end");
                while (!open.isEmpty()) {
                    open.pop();
                }
            }
        }

        /** The line without its comment: a {@code #} outside quotes at the start or after white space. */
        private static String stripComment(String s) {
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                    return s.substring(0, i);
                }
            }
            return s;
        }

        private static String unquote(String v) {
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                StringBuilder b = new StringBuilder(v.length());
                for (int i = 1; i < v.length() - 1; i++) {
                    char c = v.charAt(i);
                    if (c == '\\' && i + 1 < v.length() - 1) {
                        char n = v.charAt(++i);
                        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
                    } else {
                        b.append(c);
                    }
                }
                return b.toString();
            }
            return v;
        }
    }
}
