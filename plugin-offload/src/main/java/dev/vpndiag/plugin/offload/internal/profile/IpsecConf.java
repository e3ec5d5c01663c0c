package dev.vpndiag.plugin.offload.internal.profile;

import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * strongSwan's {@code ipsec.conf} (the starter format, 5.x): {@code config setup}, {@code conn NAME}
 * and {@code ca NAME} sections, each header at the start of a line and its {@code key=value} lines
 * indented; {@code #} starts a comment outside double quotes.
 *
 * <p>Connections are emitted at the end of the file, because {@code also=} may name a section
 * written further down. Inheritance follows strongSwan 5.2 and later: every connection starts from
 * the {@code conn %default} settings; {@code also=} sections are applied in order (a later one
 * overrides an earlier one, and they may include others in turn); the connection's own settings
 * override everything it inherits; an empty value ({@code leftcert=}) removes an inherited setting.
 * Connections with {@code auto=ignore} are templates and give no profile. The {@code left} side is
 * taken as this host.
 */
public final class IpsecConf implements SectionStarter {
    private static final Pattern HEADER = Pattern.compile("^(conn|ca|config)\\s+(\\S+)\\s*(?:#.*)?$");
    private static final Pattern SETTING = Pattern.compile("^\\s+([A-Za-z_][A-Za-z0-9_]{0,63})\\s*=\\s*(.*)$");
    private static final int MAX_CONNS = 4096;
    private static final int MAX_SETTINGS = 256;
    private static final int MAX_DEPTH = 64;

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.isEmpty() || Character.isWhitespace(t.charAt(0))) {
            return null;
        }
        char c = t.charAt(0);
        if (c == 'i' && (t.startsWith("include ") || t.startsWith("include\t"))) {
            return Ignored.INSTANCE; // the included files are not in the evidence
        }
        if (c == 'v' && t.matches("version\\s+2(\\.0)?\\s*")) {
            return Ignored.INSTANCE;
        }
        if (c != 'c') {
            return null;
        }
        Matcher m = HEADER.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String kind = m.group(1);
        if (kind.equals("config") && !m.group(2).equals("setup")) {
            return null;
        }
        Sections all = context.state(Sections.class, Sections::new);
        if (!kind.equals("conn")) {
            return new Body(context, null);
        }
        return new Body(context, all.open(m.group(2), line, context));
    }

    /** A section whose lines are read past (config setup, ca, include). */
    private static final class Ignored implements Section {
        static final Ignored INSTANCE = new Ignored();

        @Override
        public boolean accept(Line line) {
            return false;
        }

        @Override
        public void finish() {
        }
    }

    /** The indented lines of one section. */
    private static final class Body implements Section {
        private final ReadContext context;
        private final Conn conn;

        Body(ReadContext context, Conn conn) {
            this.context = context;
            this.conn = conn;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank()) {
                return true;
            }
            if (!Character.isWhitespace(t.charAt(0))) {
                return false;
            }
            String s = t.strip();
            if (s.startsWith("#")) {
                return true;
            }
            Matcher m = SETTING.matcher(t);
            if (!m.matches()) {
                context.unknown(line);
                return true;
            }
            if (conn != null) {
                conn.last = line.number();
                conn.set(m.group(1).toLowerCase(Locale.ROOT), value(m.group(2)), line, context);
            }
            return true;
        }

        @Override
        public void finish() {
        }

        /** The value without its comment and quotes. */
        private static String value(String raw) {
            String v = raw.strip();
            if (v.startsWith("\"")) {
                int end = v.indexOf('"', 1);
                return end < 0 ? v.substring(1) : v.substring(1, end);
            }
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) == '#' && (i == 0 || Character.isWhitespace(v.charAt(i - 1)))) {
                    return v.substring(0, i).strip();
                }
            }
            return v;
        }
    }

    /** One {@code conn} section as written. */
    private static final class Conn {
        final String name;
        final long first;
        long last;
        final Map<String, String> settings = new LinkedHashMap<>();
        final List<String> also = new ArrayList<>();
        long alsoLine;
        boolean full;

        Conn(String name, long first) {
            this.name = name;
            this.first = first;
            this.last = first;
        }

        void set(String key, String value, Line line, ReadContext context) {
            if (key.equals("also")) {
                if (also.isEmpty()) {
                    alsoLine = line.number();
                }
                if (also.size() < MAX_SETTINGS) {
                    also.add(value);
                }
                return;
            }
            if (settings.size() >= MAX_SETTINGS && !settings.containsKey(key)) {
                if (!full) {
                    full = true;
                    context.problem(line.locator(), "connection " + name + " has more than " + MAX_SETTINGS
                            + " settings; the rest are ignored");
                }
                return;
            }
            settings.remove(key); // the last value counts
            settings.put(key, value);
        }
    }

    /** Every {@code conn} section of the file, resolved and emitted at its end. */
    private static final class Sections implements ReadContext.ReadState {
        private final Map<String, List<Conn>> byName = new LinkedHashMap<>();
        private final List<Conn> order = new ArrayList<>();
        private final Map<Conn, Map<String, String>> resolved = new IdentityHashMap<>();
        private final Set<Conn> resolving = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean full;
        private boolean tooDeep;

        Conn open(String name, Line line, ReadContext context) {
            if (order.size() >= MAX_CONNS) {
                if (!full) {
                    full = true;
                    context.problem(line.locator(), "more than " + MAX_CONNS + " conn sections; the rest are ignored");
                }
                return null;
            }
            Conn c = new Conn(name, line.number());
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
            order.add(c);
            return c;
        }

        @Override
        public void end(ReadContext context) {
            Map<String, String> defaults = new LinkedHashMap<>();
            for (Conn d : byName.getOrDefault("%default", List.of())) {
                defaults.putAll(d.settings);
            }
            for (Conn c : order) {
                if (c.name.equals("%default")) {
                    continue;
                }
                Map<String, String> own = resolve(c, context, 0);
                if (own == null) {
                    continue;
                }
                Map<String, String> s = new LinkedHashMap<>(defaults);
                s.putAll(own);
                s.values().removeIf(String::isEmpty);
                if ("ignore".equalsIgnoreCase(s.get("auto"))) {
                    continue;
                }
                emit(c, s, context);
            }
        }

        /**
         * The section's settings with its {@code also=} sections applied under them, or null on a
         * broken chain (reported once, where the chain breaks). Results are kept, so each section is
         * resolved once however often it is included.
         */
        private Map<String, String> resolve(Conn c, ReadContext context, int depth) {
            if (resolved.containsKey(c)) {
                return resolved.get(c);
            }
            if (depth > MAX_DEPTH) {
                if (!tooDeep) {
                    tooDeep = true;
                    context.problem("line " + c.first, "conn " + c.name + ": also= sections nested more than "
                            + MAX_DEPTH + " deep; the connections above it are left out");
                }
                return null;
            }
            resolving.add(c);
            Map<String, String> out = new LinkedHashMap<>();
            for (String included : c.also) {
                List<Conn> found = byName.get(included);
                String where = "line " + c.alsoLine;
                if (found == null || included.equals("%default")) {
                    context.problem(where, "conn " + c.name + ": also=" + included + " names no conn section");
                    out = null;
                    break;
                }
                for (Conn part : found) {
                    if (resolving.contains(part)) {
                        context.problem(where, "conn " + c.name + ": also=" + included + " includes itself in a loop");
                        out = null;
                        break;
                    }
                    Map<String, String> inherited = resolve(part, context, depth + 1);
                    if (inherited == null) {
                        out = null;
                        break;
                    }
                    out.putAll(inherited);
                }
                if (out == null) {
                    break;
                }
            }
            if (out != null) {
                out.putAll(c.settings);
            }
            resolving.remove(c);
            resolved.put(c, out);
            return out;
        }

        private static void emit(Conn c, Map<String, String> s, ReadContext context) {
            String authby = s.get("authby");
            AuthMethod both = authby == null ? AuthMethod.CERTIFICATE : Profiles.strongSwanAuth(authby);
            AuthMethod local = s.containsKey("leftauth") ? Profiles.strongSwanAuth(s.get("leftauth")) : both;
            AuthMethod peer = s.containsKey("rightauth") ? Profiles.strongSwanAuth(s.get("rightauth")) : both;
            String tunnel;
            if (Profiles.l2tpSelector(s.get("leftprotoport")) || Profiles.l2tpSelector(s.get("rightprotoport"))) {
                tunnel = "L2TP";
            } else {
                String kx = s.getOrDefault("keyexchange", "ike").toLowerCase(Locale.ROOT);
                tunnel = kx.equals("ikev1") ? "IKEv1" : kx.equals("ikev2") ? "IKEv2" : "IKE";
            }
            Profiles.emit(context, Line.range(c.first, c.last), c.name, tunnel, Profiles.firstAddress(s.get("right")),
                    Profiles.identity(s.get("rightid")), Profiles.identity(s.get("leftid")), local, peer);
        }
    }
}
