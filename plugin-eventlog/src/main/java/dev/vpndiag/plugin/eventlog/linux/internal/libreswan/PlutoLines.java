package dev.vpndiag.plugin.eventlog.linux.internal.libreswan;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pluto's log messages, libreswan 3.x to 5.x and Openswan 2.6: state lines
 * {@code "conn"[instance] peer #state: text} (also {@code "conn" #state:} and {@code #state:}),
 * connection lines {@code "conn": text}, and {@code packet from addr:port: text}; bare, in a
 * syslog or journal envelope, in pluto's own log file ({@code Nov 23 10:01:02.123456: }) or as
 * {@code ipsec auto --up}/{@code ipsec whack} output with its status codes ({@code 002 },
 * {@code 031 }, {@code 1v2 }). Debug lines ({@code | }) and status listings are skipped.
 *
 * <p>Each state number is one ISAKMP/IKE SA or one IPsec/Child SA; an IPsec SA is tied to its
 * ISAKMP SA where the line says so ({@code using isakmp#1}, {@code using #1}) or else to the last
 * one of its connection instance. The phase of an event comes from the state names pluto prints
 * ({@code STATE_MAIN_I3}, {@code IKE_SA_INIT_I}, {@code STATE_QUICK_I1}) and its stories ("sent
 * Main Mode I3"). A phase fails once per state; the first reason given wins. Wording follows
 * CharonLines where both daemons say the same thing: a main mode given up after the peer had
 * answered says {@code (after N answers from the peer)}, a rejection the peer sent says
 * "received", and a NAT that was detected is appended as {@code ; NAT detected: ...}.
 */
public final class PlutoLines implements LineHandler {
    private static final int MAX_STATES = 4096;
    private static final int MAX_CONNS = 1024;
    /** A refusal logged for the same sender within this time belongs to the same attempt. */
    private static final Duration PACKET_ATTEMPT = Duration.ofSeconds(60);

    /** Older pluto: "bind() for IF ADDR:PORT in process_raw_ifaces()"; 4.x: "bind IF UDP endpoint ADDR:PORT failed, bind()". */
    private static final Pattern BIND_FAILURE = Pattern.compile("bind(?:\\(\\) for \\S+ \\S+:(\\d{1,5}) in process_raw_ifaces\\(\\)"
            + "| \\S+ (?:UDP|TCP) endpoint \\S+:(\\d{1,5}) failed, bind\\(\\))");
    private static final String[] STREAM_PREFIXES = {"ERROR: ", "FATAL ERROR: ", "warning: ", "WARNING: "};
    private static final Pattern SNIFF_CONN = Pattern.compile(
            "\"[^\"]+\"(?:\\[\\d+\\])*(?: (?:[^\\s\"]*[0-9.*<][^\\s\"]*)){0,2}(?: #\\d+)?:(?: |$)");
    private static final Pattern SNIFF_STATE = Pattern.compile("#\\d+: ");
    private static final Pattern SNIFF_PACKET = Pattern.compile("packet from [^\\s:]+(?::\\S+?)?: ");
    private static final Pattern STATE_NAME = Pattern.compile("^((?:STATE_)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+): ");
    private static final Pattern REACHED = Pattern.compile("reached ((?:STATE_)?[A-Z][A-Z0-9_]+)");
    private static final Pattern TRANSITION = Pattern.compile("transition from state \\S+ to state ((?:STATE_)?[A-Z0-9_]+)");
    private static final Pattern ALREADY = Pattern.compile("duplicate packet.*; already ((?:STATE_)?[A-Z0-9_]+)");
    private static final Pattern DELETING = Pattern.compile(
            "^deleting (?:state|IKE SA|ISAKMP SA|IPsec SA|Child SA|other state)?\\s*(?:#(\\d+) )?(?:connection )?\\(([^)]+)\\)");
    private static final Pattern USING_PARENT = Pattern.compile(
            "(?:using isakmp#|using ISAKMP SA (?:\"[^\"]*\"(?:\\[\\d+\\])* )?#|using #|using IKE SA #)(\\d+)");
    private static final Pattern CHILD_OF = Pattern.compile("Child SA #(\\d+)");
    private static final Pattern DELETE_ISAKMP = Pattern.compile("deleting ISAKMP State #(\\d+)");
    private static final Pattern NOTIFY = Pattern.compile("\\b(?:v[12]N_)?(NO_PROPOSAL_CHOSEN|INVALID_ID_INFORMATION"
            + "|TS_UNACCEPTABLE|SINGLE_PAIR_REQUIRED|AUTHENTICATION_FAILED|INVALID_SIGNATURE|INVALID_HASH_INFORMATION"
            + "|INVALID_CERTIFICATE|CERTIFICATE_UNAVAILABLE|INVALID_CERT_AUTHORITY|CERT_TYPE_UNSUPPORTED"
            + "|INVALID_CERT_ENCODING|PAYLOAD_MALFORMED|INVALID_SYNTAX|UNSUPPORTED_CRITICAL_PAYLOAD|INVALID_PAYLOAD_TYPE"
            + "|BAD_PROPOSAL_SYNTAX|INVALID_TRANSFORM_ID|ATTRIBUTES_NOT_SUPPORTED|INVALID_KEY_INFORMATION"
            + "|INVALID_PROTOCOL_ID|INVALID_SPI|INVALID_MESSAGE_ID|INVALID_EXCHANGE_TYPE|NO_ADDITIONAL_SAS"
            + "|INTERNAL_ADDRESS_FAILURE|FAILED_CP_REQUIRED)\\b");
    private static final Pattern PEER_WORDS = Pattern.compile("(?:unknown peer|request to|response from|notification \\S+ to"
            + "|connection to|message \\((?:Message )?ID \\d+\\) from|message from|them:) +(\\S+)");
    private static final Pattern US = Pattern.compile("^\\s*us: (\\S+)");
    private static final Pattern RECEIVED_ON = Pattern.compile("received on (\\S+?)(?:,|\\s|$)");
    private static final Pattern AUTH_VALUE = Pattern.compile("\\bauth=(\\w+)");
    private static final Pattern AUTHBY = Pattern.compile("\\bauthby=(\\w+)");
    private static final Pattern OUR_AUTH = Pattern.compile("\\bour auth:(\\w+)");
    private static final Pattern POLICY = Pattern.compile("(?:policy[:=]? |\\{|^|\\s)((?:[A-Za-z0-9_]+\\+)+[A-Za-z0-9_]+)");
    private static final Pattern POLICY_ONE = Pattern.compile("\\bpolicy[=:]? ?(PSK|RSASIG|ECDSA)\\b(?!\\+)");
    private static final Pattern HOST_LOCAL_REMOTE = Pattern.compile("\\blocal: ([^;\\s]+); remote: ([^;\\s]+);");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:\\.\\d{1,3}){0,3}");

    private final FactOut out;
    private final Map<String, State> states = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_STATES;
        }
    };
    private final Map<String, Conn> conns = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conn> eldest) {
            return size() > MAX_CONNS;
        }
    };
    private final Prefix prefix = new Prefix();

    /** Emits into {@code out}. */
    public PlutoLines(FactOut out) {
        this.out = out;
    }

    /** One negotiation: an ISAKMP/IKE SA or an IPsec/Child SA, by pluto's state number. */
    private static final class State {
        String instance;
        String name;
        String peer;
        String local;
        IkeVersion version;
        Boolean initiator;
        boolean child;
        String parent;
        String lastChild;
        String stateName;
        int answers;
        boolean started;
        boolean ikeEstablished;
        boolean mmFailed;
        boolean qmFailed;
        boolean localNat;
        boolean remoteNat;
        boolean espInUdp;
        boolean ikeOn4500;
        /** The last line said the state moves to another connection ("switched from .. to .."). */
        boolean switching;
        boolean childSeen;
        boolean authRefused;
        boolean algRefused;
        int answersRepeated;
        long repeatLine;
        Instant repeatTime;
        String repeatText;
        AuthMethod auth = AuthMethod.UNKNOWN;
        Instant lastTime;
    }

    /** What the log says of a connection (or one instance of it): from status listings and its states. */
    private static final class Conn {
        AuthMethod auth = AuthMethod.UNKNOWN;
        String local;
        String peer;
        IkeVersion version;
        String lastIke;
    }

    /** The parts of a state or connection prefix. */
    private static final class Prefix {
        String conn;
        String instance;
        String peer;
        String serial;
        String text;
    }

    // ---- the shape of a pluto line, shared with the provider's sniffing

    /**
     * True when the message (envelope removed) is one of pluto's: a state or connection line,
     * possibly behind a whack status code, a pluto log file time stamp or an error prefix, or a
     * {@code packet from} line.
     */
    public static boolean looksLikePluto(String m) {
        int p = bodyStart(m);
        if (p >= m.length()) {
            return false;
        }
        char c = m.charAt(p);
        if (c == 'b' && portBindFailure(m, p) != null) {
            return true;
        }
        Matcher s = c == '"' ? SNIFF_CONN.matcher(m) : c == '#' ? SNIFF_STATE.matcher(m)
                : c == 'p' ? SNIFF_PACKET.matcher(m) : null;
        return s != null && s.region(p, m.length()).lookingAt();
    }

    /**
     * The port of pluto's failure to bind an IKE socket ("bind() for IFACE ADDR:PORT in process_raw_ifaces().
     * Errno N: TEXT", or since 4.x "bind IFACE UDP endpoint ADDR:PORT failed, bind(): TEXT (errno N)"): another
     * process holds the port, so pluto cannot listen there. Null when the text is not that.
     */
    static String portBindFailure(String m, int p) {
        if (!m.startsWith("bind", p)) {
            return null;
        }
        Matcher b = BIND_FAILURE.matcher(m);
        return b.region(p, m.length()).lookingAt() ? (b.group(1) != null ? b.group(1) : b.group(2)) : null;
    }

    /**
     * Where pluto's own text starts: after a whack status code ({@code 002 }, {@code 1v2 }), the
     * time stamp of pluto's log file ({@code Nov 23 10:01:02.123456: }) and an error prefix in
     * front of a state prefix.
     */
    static int bodyStart(String m) {
        int n = m.length();
        int p = 0;
        if (n >= 4 && m.charAt(3) == ' ' && digit(m.charAt(0)) && (digit(m.charAt(1)) || m.charAt(1) == 'v')
                && digit(m.charAt(2))) {
            p = 4;
        }
        int s = stampEnd(m, p);
        if (s > 0) {
            p = s;
        }
        while (p < n && m.charAt(p) == ' ') {
            p++;
        }
        for (String sp : STREAM_PREFIXES) {
            if (m.startsWith(sp, p)) {
                int q = p + sp.length();
                if (q < n && (m.charAt(q) == '"' || m.charAt(q) == '#' || m.startsWith("packet from ", q)
                        || m.startsWith("bind", q))) {
                    p = q;
                }
                break;
            }
        }
        return p;
    }

    /** End of a {@code Mmm dd HH:MM:SS[.ffffff]: } stamp of pluto's log file at {@code p}, or -1. */
    private static int stampEnd(String m, int p) {
        int n = m.length();
        if (p + 17 > n || !Character.isUpperCase(m.charAt(p)) || !Character.isLowerCase(m.charAt(p + 1))
                || m.charAt(p + 3) != ' ') {
            return -1;
        }
        int q = p + 4;
        if (m.charAt(q) == ' ') {
            q++;
        }
        while (q < n && digit(m.charAt(q))) {
            q++;
        }
        if (q + 9 > n || m.charAt(q) != ' ' || !digit(m.charAt(q + 1)) || m.charAt(q + 3) != ':' || m.charAt(q + 6) != ':') {
            return -1;
        }
        q += 9;
        if (q < n && m.charAt(q) == '.') {
            q++;
            while (q < n && digit(m.charAt(q))) {
                q++;
            }
        }
        return q + 1 < n && m.charAt(q) == ':' && m.charAt(q + 1) == ' ' ? q + 2 : -1;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public boolean skippable(byte[] b, int from, int to) {
        // debug output ("| ...") is most of a debug log and is never read
        return to - from >= 2 && b[from] == '|' && b[from + 1] == ' ';
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        int p = bodyStart(m);
        if (p >= m.length()) {
            return true;
        }
        char c = m.charAt(p);
        if (c == '|' || m.startsWith("IMPAIR", p)) {
            return true;
        }
        if (c == '"' || c == '#') {
            if (!parsePrefix(m, p, prefix)) {
                return c == '#';
            }
            if (prefix.conn == null && prefix.text.startsWith("\"")) {
                return true; // "#2: "conn"..." of a status listing
            }
            if (prefix.serial == null) {
                connLine(l, prefix);
            } else {
                stateLine(l, prefix);
            }
            return true;
        }
        if (m.startsWith("packet from ", p)) {
            int colon = m.indexOf(": ", p + 12);
            if (colon > 0) {
                packetLine(l, host(m.substring(p + 12, colon)), m.substring(colon + 2));
            }
            return true;
        }
        if (m.contains("cannot identify ourselves") || m.contains("ikev1-policy")) {
            configFailure(l, "?", null, null, m.substring(p)); // printed without a connection prefix
        }
        if (m.startsWith("Failed to initialize nss database", p) || m.startsWith("FATAL ERROR:", p)
                || m.startsWith("pluto: FATAL", p) || m.startsWith("FATAL: ", p)) {
            // the ipsec script or pluto itself could not start: no IKE daemon runs on this host
            out.emit(new dev.vpndiag.api.fact.ServiceState(out.ref(l.number), out.side(), l.time, "ipsec", false,
                    FactOut.detail(m.substring(p))));
        }
        String port = portBindFailure(m, p);
        if (port != null) {
            // pluto runs but cannot listen on this IKE port: IKE sent to it reaches no daemon
            out.emit(new dev.vpndiag.api.fact.ServiceState(out.ref(l.number), out.side(), l.time, "IKE on UDP " + port,
                    false, FactOut.detail(m.substring(p))));
        }
        if (m.startsWith("Starting Pluto", p)) {
            // a restarted daemon numbers its states from #1 again
            end();
            states.clear();
            for (Conn k : conns.values()) {
                k.lastIke = null;
            }
        }
        return true;
    }

    /** Splits {@code "conn"[1] 1.2.3.4 #5: text}, {@code "conn": text} or {@code #5: text}. */
    private static boolean parsePrefix(String t, int from, Prefix out) {
        int n = t.length();
        int p = from;
        out.conn = null;
        out.instance = "";
        out.peer = null;
        out.serial = null;
        out.text = "";
        if (t.charAt(p) == '"') {
            int q = t.indexOf('"', p + 1);
            if (q < 0) {
                return false;
            }
            out.conn = t.substring(p + 1, q);
            p = q + 1;
            int inst = p;
            while (p < n && t.charAt(p) == '[') {
                int r = t.indexOf(']', p);
                if (r < 0) {
                    return false;
                }
                p = r + 1;
            }
            out.instance = t.substring(inst, p);
        }
        int colon = t.indexOf(": ", p);
        if (colon < 0) {
            if (!t.endsWith(":")) {
                return false;
            }
            colon = n - 1;
        }
        String mid = t.substring(p, colon).trim();
        int hash = mid.lastIndexOf('#');
        if (hash >= 0 && hash + 1 < mid.length() && allDigits(mid, hash + 1)
                && (hash == 0 || mid.charAt(hash - 1) == ' ')) {
            out.serial = mid.substring(hash + 1);
            mid = mid.substring(0, hash).trim();
        } else if (out.conn == null) {
            return false;
        }
        if (!mid.isEmpty()) {
            int sp = mid.lastIndexOf(' ');
            out.peer = host(sp < 0 ? mid : mid.substring(sp + 1));
        }
        out.text = colon + 2 <= n ? t.substring(colon + 2) : "";
        return true;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address in a token such as {@code 1.2.3.4}, {@code ...1.2.3.4===10.0.0.0/24},
     * {@code 1.2.3.4:500}, {@code 1.2.3.4:UDP/500}, {@code 10.0.0.5<10.0.0.5>[+S=C]:17/1701};
     * null for redacted or other tokens ({@code x.x.x.x}, {@code <ip>}, {@code %any}).
     */
    static String host(String token) {
        if (token == null) {
            return null;
        }
        String t = token.trim();
        while (t.startsWith(".")) {
            t = t.substring(1);
        }
        int eq = t.indexOf("===");
        if (eq >= 0) {
            t = t.substring(0, eq);
        }
        int dash = t.indexOf("---");
        if (dash >= 0) {
            t = t.substring(0, dash);
        }
        for (char stop : new char[] {'<', '[', ',', ';', '}', ')', '\''}) {
            int i = t.indexOf(stop);
            if (i >= 0) {
                t = t.substring(0, i);
            }
        }
        Matcher v4 = IPV4.matcher(t);
        if (v4.lookingAt() && (v4.end() == t.length() || t.charAt(v4.end()) == ':')) {
            return t.substring(0, v4.end());
        }
        if (t.startsWith("[") && t.indexOf(']') > 0) {
            t = t.substring(1, t.indexOf(']'));
        }
        return IPV6.matcher(t).matches() ? t.toLowerCase(Locale.ROOT) : null;
    }

    // ---- lines by kind

    private void stateLine(LogLine l, Prefix px) {
        String text = px.text;
        State st = states.get(px.serial);
        boolean otherConn = st != null && px.conn != null && st.name != null && !px.conn.equals(st.name);
        if (st == null || startsNegotiation(text) && (st.started || st.mmFailed || st.qmFailed || st.ikeEstablished)
                || otherConn && !st.switching) {
            // a new negotiation, or the same number used by another daemon (logs of two hosts merged)
            st = new State();
            states.put(px.serial, st);
        }
        st.switching = text.startsWith("switched ");
        if (px.conn != null) {
            st.name = px.conn;
            st.instance = "\"" + px.conn + "\"" + px.instance;
        }
        if (px.peer != null) {
            st.peer = px.peer;
        }
        if (l.time != null) {
            st.lastTime = l.time;
        }
        message(l, st, px.serial, text);
    }

    private static boolean startsNegotiation(String text) {
        return text.startsWith("initiating ") && !text.startsWith("initiating delete")
                || text.startsWith("responding to Main Mode") || text.startsWith("responding to Aggressive Mode")
                || text.startsWith("responding to Quick Mode");
    }

    /** {@code "conn": text}: status listings, loading errors, orientation. */
    private void connLine(LogLine l, Prefix px) {
        if (px.conn == null) {
            return;
        }
        String key = "\"" + px.conn + "\"" + px.instance;
        Conn k = conn(key);
        Conn base = px.instance.isEmpty() ? k : conn("\"" + px.conn + "\"");
        String t = px.text;
        String s = t.strip();
        if (px.peer != null && k.peer == null) {
            k.peer = px.peer;
        }
        AuthMethod a = authOfConfig(s);
        if (a != AuthMethod.UNKNOWN) {
            k.auth = a;
            base.auth = a;
        }
        if (s.startsWith("policy:") || s.startsWith("added ")) {
            IkeVersion v = s.contains("IKEv2") || s.contains("IKEV2_ALLOW") && !s.contains("IKEV1_ALLOW") ? IkeVersion.IKEV2
                    : s.contains("IKEv1") || s.contains("IKEV1_ALLOW") ? IkeVersion.IKEV1 : null;
            if (v != null) {
                k.version = v;
                base.version = v;
            }
        }
        Matcher hr = HOST_LOCAL_REMOTE.matcher(s);
        if (hr.find()) {
            setEnds(k, host(hr.group(1)), host(hr.group(2)));
        } else {
            int semi = s.indexOf(';');
            String ends = semi > 0 ? s.substring(0, semi) : s;
            int dots = ends.indexOf("...");
            if (dots > 0 && ends.indexOf(' ') < 0) {
                String left = ends.substring(0, dots);
                int eq = left.lastIndexOf("===");
                setEnds(k, host(eq >= 0 ? left.substring(eq + 3) : left), host(ends.substring(dots + 3)));
            }
        }
        configFailure(l, key, px.conn, px.peer, t);
    }

    /** A connection pluto cannot use (not oriented, refused by policy, its certificate missing or expired). */
    private void configFailure(LogLine l, String key, String name, String peer, String t) {
        String s = t.strip();
        IkeFailureReason reason = null;
        IkeVersion version = null;
        if (s.contains("cannot identify ourselves with either end of this connection")) {
            reason = IkeFailureReason.POLICY_MISMATCH;
        } else if (s.contains("ikev1-policy") && s.contains("does not allow IKEv1")) {
            reason = IkeFailureReason.POLICY_MISMATCH;
            version = IkeVersion.IKEV1;
        } else if (s.contains("not found in the NSS database") || s.contains("not found in NSS DB")) {
            reason = IkeFailureReason.CERT_NOT_FOUND;
        } else if (!s.contains("groundhog") && s.contains("certificate") && (s.contains("is expired or not yet valid")
                || s.contains("has expired") || s.contains("is not yet valid"))) {
            reason = IkeFailureReason.CERT_EXPIRED;
        }
        if (reason == null) {
            return;
        }
        State st = states.computeIfAbsent("conn " + key, x -> new State());
        if (name != null) {
            st.instance = key;
            st.name = name;
        }
        if (peer != null) {
            st.peer = peer;
        }
        if (version != null) {
            st.version = version;
        }
        if (reason == IkeFailureReason.CERT_NOT_FOUND || reason == IkeFailureReason.CERT_EXPIRED) {
            st.auth = AuthMethod.CERTIFICATE;
        }
        fail(l, st, Layer.IKE_MAIN_MODE, reason, t);
    }

    private static void setEnds(Conn k, String local, String peer) {
        if (local != null) {
            k.local = local;
        }
        if (peer != null) {
            k.peer = peer;
        }
    }

    /** {@code packet from addr:port: text}: what pluto says before any state exists. */
    private void packetLine(LogLine l, String peer, String text) {
        if (text.contains("no corresponding state") || text.contains("st==NULL") || text.startsWith("IMPAIR")) {
            return;
        }
        String key = "packet " + (peer == null ? "?" : peer);
        State st = states.get(key);
        if (st == null || st.lastTime != null && l.time != null
                && Duration.between(st.lastTime, l.time).compareTo(PACKET_ATTEMPT) > 0) {
            st = new State();
            states.put(key, st);
        }
        if (l.time != null) {
            st.lastTime = l.time;
        }
        st.peer = peer;
        Matcher on = RECEIVED_ON.matcher(text);
        if (on.find() && host(on.group(1)) != null) {
            st.local = host(on.group(1));
        }
        message(l, st, null, text);
    }

    // ---- one message of a state

    private void message(LogLine l, State st, String serial, String text) {
        String body = text;
        String name = null;
        Matcher sn = STATE_NAME.matcher(body);
        if (sn.find() && isStateName(sn.group(1))) {
            name = norm(sn.group(1));
            body = body.substring(sn.end());
        } else {
            Matcher tr = TRANSITION.matcher(body);
            if (tr.find()) {
                name = norm(tr.group(1));
            }
        }
        String story = storyState(body);
        learnState(st, name != null ? name : story);
        learnVersion(st, text);
        learnAuth(st, text);
        learnPeer(st, body);
        if (serial != null) {
            link(st, serial, body);
        }

        if (body.startsWith("sent IKE_AUTH request to ")) {
            String to = body.substring(25).split("[ ;]", 2)[0];
            if (to.endsWith(":4500") || to.endsWith("/4500")) {
                st.ikeOn4500 = true; // IKEv2 moves to port 4500 once NAT-D showed a NAT (or encapsulation is forced)
            }
        }
        if (body.startsWith("processing ") || body.startsWith("processed ")) {
            return;
        }
        if (startsNegotiation(body) || "initiate".equals(body) || isResponderStart(name != null ? name : story)
                && (body.startsWith("sent ") || body.startsWith("received v2I1"))) {
            start(l, st, serial, body);
            return;
        }
        if (established(l, st, serial, text, body)) {
            return;
        }
        if (body.contains("retransmission; will wait")) {
            event(l, st, phaseOf(st, name), IkeOutcome.RETRANSMITTED, IkeFailureReason.NONE, text);
            return;
        }
        if (body.contains("duplicate packet")) {
            Matcher al = ALREADY.matcher(body);
            if (al.find() && "MAIN_R3".equals(norm(al.group(1)))) {
                st.answersRepeated++;
                st.repeatLine = l.number;
                st.repeatTime = l.time;
                st.repeatText = text;
            }
            return;
        }
        if (body.contains("timeout exceeded after") || body.contains("max number of retransmissions")) {
            timeout(l, st, name, text, body);
            return;
        }
        if (body.contains("NAT-Traversal: Result using") || body.startsWith("Warning: peer is NATed")) {
            nat(st, body);
            return;
        }
        if (body.startsWith("received Delete SA payload")) {
            peerDeleted(l, st, text, body);
            return;
        }
        if (body.startsWith("deleting ")) {
            deleting(l, st, text, body);
            return;
        }
        if (body.contains(" action - ") && (body.contains("DPD") || body.contains("liveness"))
                || body.contains("declaring peer dead")) {
            fail(l, st, phaseOf(st, null), IkeFailureReason.NO_RESPONSE, text);
            return;
        }
        if (failure(l, st, name, text, body)) {
            return;
        }
        if (body.startsWith("encountered fatal error in state ")) {
            // STF_FATAL (whack 036): the negotiation is abandoned; a reason, when there was one, came before
            String n = norm(body.substring(33).trim());
            fail(l, st, kind(n) == Kind.OTHER ? phaseOf(st, null) : phaseOf(st, n), IkeFailureReason.OTHER, text);
            return;
        }
        notify(l, st, name, text, body);
    }

    private static boolean isStateName(String s) {
        if (s.startsWith("STATE_")) {
            return true;
        }
        return s.startsWith("IKE_SA_INIT_") || s.startsWith("IKE_AUTH_") || s.startsWith("IKE_INTERMEDIATE_")
                || s.startsWith("IKE_SESSION_RESUME_") || s.startsWith("NEW_CHILD_") || s.startsWith("REKEY_CHILD_")
                || s.startsWith("REKEY_IKE_") || s.equals("ESTABLISHED_IKE_SA") || s.equals("ESTABLISHED_CHILD_SA")
                || s.startsWith("MAIN_") || s.startsWith("AGGR_") || s.startsWith("QUICK_") || s.startsWith("XAUTH_")
                || s.startsWith("MODE_CFG_");
    }

    /** A state name without {@code STATE_} and {@code V2_}: {@code MAIN_I3}, {@code PARENT_I2}, {@code IKE_AUTH_I}. */
    private static String norm(String s) {
        String n = s.startsWith("STATE_") ? s.substring(6) : s;
        return n.startsWith("V2_") ? n.substring(3) : n;
    }

    /** The state a story without a state name stands for (libreswan 4 and 5). */
    private static String storyState(String body) {
        if (!body.startsWith("sent ")) {
            return null;
        }
        if (body.startsWith("sent Main Mode request")) {
            return "MAIN_I1";
        } else if (body.startsWith("sent Main Mode I2")) {
            return "MAIN_I2";
        } else if (body.startsWith("sent Main Mode I3")) {
            return "MAIN_I3";
        } else if (body.startsWith("sent Main Mode R1")) {
            return "MAIN_R1";
        } else if (body.startsWith("sent Main Mode R2")) {
            return "MAIN_R2";
        } else if (body.startsWith("sent Aggressive Mode request")) {
            return "AGGR_I1";
        } else if (body.startsWith("sent Aggressive Mode response")) {
            return "AGGR_R1";
        } else if (body.startsWith("sent Quick Mode request")) {
            return "QUICK_I1";
        } else if (body.startsWith("sent Quick Mode reply")) {
            return "QUICK_R1";
        } else if (body.startsWith("sent IKE_SA_INIT request")) {
            return "IKE_SA_INIT_I";
        } else if (body.startsWith("sent IKE_SA_INIT re")) {
            return "IKE_SA_INIT_R";
        } else if (body.startsWith("sent IKE_AUTH request")) {
            return "IKE_AUTH_I";
        }
        return null;
    }

    private enum Kind { INITIATOR, RESPONDER, IKE_UP, CHILD, OTHER }

    private static Kind kind(String name) {
        if (name == null) {
            return Kind.OTHER;
        }
        if (name.startsWith("QUICK_") || name.startsWith("IPSEC_") || name.startsWith("CREATE_")
                || name.contains("CHILD") || name.startsWith("AUTH_CHILD")) {
            return Kind.CHILD;
        }
        if (name.equals("MAIN_I4") || name.equals("MAIN_R3") || name.equals("AGGR_I2") || name.equals("AGGR_R2")
                || name.equals("PARENT_I3") || name.equals("PARENT_R2") || name.equals("ESTABLISHED_IKE_SA")
                || name.startsWith("XAUTH_") || name.startsWith("MODE_CFG_") || name.startsWith("REKEY_IKE")) {
            return Kind.IKE_UP;
        }
        if (name.matches("(MAIN|AGGR|PARENT)_I\\d") || name.startsWith("IKE_SA_INIT_I") || name.startsWith("IKE_AUTH_I")
                || name.startsWith("IKE_INTERMEDIATE_I") || name.startsWith("IKE_SESSION_RESUME_I")) {
            return Kind.INITIATOR;
        }
        if (name.matches("(MAIN|AGGR|PARENT)_R\\d") || name.startsWith("IKE_SA_INIT_R") || name.startsWith("IKE_AUTH_R")
                || name.startsWith("IKE_AUTH_EAP_R") || name.startsWith("IKE_INTERMEDIATE_R")
                || name.startsWith("IKE_SESSION_RESUME_R") || name.startsWith("UNSECURED_R")) {
            return Kind.RESPONDER;
        }
        return Kind.OTHER;
    }

    /** How many phase 1 answers an initiator in this state has had from its peer, or -1. */
    private static int answersOf(String name) {
        if (name == null) {
            return -1;
        }
        switch (name) {
            case "MAIN_I1":
            case "AGGR_I1":
            case "PARENT_I0":
            case "PARENT_I1":
            case "IKE_SA_INIT_I0":
            case "IKE_SA_INIT_I":
                return 0;
            case "MAIN_I2":
            case "AGGR_I2":
            case "PARENT_I2":
            case "IKE_AUTH_I":
            case "IKE_INTERMEDIATE_I":
                return 1;
            case "MAIN_I3":
                return 2;
            default:
                return -1;
        }
    }

    private static boolean ikev1Name(String name) {
        return name.startsWith("MAIN_") || name.startsWith("AGGR_") || name.startsWith("QUICK_")
                || name.startsWith("XAUTH_") || name.startsWith("MODE_CFG_");
    }

    private static boolean isResponderStart(String name) {
        return "MAIN_R1".equals(name) || "AGGR_R1".equals(name) || "PARENT_R1".equals(name)
                || "IKE_SA_INIT_R".equals(name) || "QUICK_R1".equals(name);
    }

    private void learnState(State st, String name) {
        if (name == null) {
            return;
        }
        st.stateName = name;
        Kind k = kind(name);
        if (k == Kind.OTHER) {
            return;
        }
        if (st.version == null) {
            st.version = ikev1Name(name) ? IkeVersion.IKEV1 : IkeVersion.IKEV2;
        }
        if (k == Kind.CHILD) {
            st.child = true;
            if (name.endsWith("_I1") || name.endsWith("_I2") || name.endsWith("_I")) {
                st.initiator = Boolean.TRUE;
            } else if (name.endsWith("_R0") || name.endsWith("_R1") || name.endsWith("_R2") || name.endsWith("_R")) {
                st.initiator = Boolean.FALSE;
            }
        } else if (k == Kind.INITIATOR) {
            st.initiator = Boolean.TRUE;
            st.answers = Math.max(st.answers, answersOf(name));
        } else if (k == Kind.RESPONDER) {
            st.initiator = Boolean.FALSE;
        } else if (name.matches("(MAIN|AGGR|PARENT)_R\\d")) {
            st.initiator = Boolean.FALSE;
        }
    }

    private static void learnVersion(State st, String t) {
        if (st.version != null) {
            return;
        }
        if (t.contains("IKEv2") || t.contains("IKE_SA_INIT") || t.contains("IKE_AUTH") || t.contains("v2 parent")
                || t.contains("PARENT SA") || t.contains("Child SA") || t.contains("CREATE_CHILD_SA") || t.contains("v2N_")
                || t.contains(":IKE:ENCR=") || t.contains(":ESP:ENCR=") || t.contains("IKE SA authentication request")) {
            st.version = IkeVersion.IKEV2;
        } else if (t.contains("Main Mode") || t.contains("Aggressive Mode") || t.contains("Quick Mode")
                || t.contains("ISAKMP") || t.contains("IKEv1") || t.contains("Oakley")) {
            st.version = IkeVersion.IKEV1;
        }
    }

    private static void learnAuth(State st, String t) {
        if (st.auth != AuthMethod.UNKNOWN) {
            return;
        }
        AuthMethod a = AuthMethod.UNKNOWN;
        Matcher av = AUTH_VALUE.matcher(t);
        if (t.contains("auth=") && av.find()) {
            String v = av.group(1).toUpperCase(Locale.ROOT);
            a = v.contains("PRESHARED") || v.equals("PSK") || v.equals("SECRET") ? AuthMethod.PRE_SHARED_KEY
                    : v.contains("RSA") || v.contains("DSS") || v.contains("ECDSA") || v.contains("DIGSIG") ? AuthMethod.CERTIFICATE
                    : AuthMethod.UNKNOWN;
        }
        if (a == AuthMethod.UNKNOWN) {
            a = authOfConfig(t);
        }
        if (a == AuthMethod.UNKNOWN) {
            if (t.contains("shared-key-mac")) {
                a = AuthMethod.PRE_SHARED_KEY;
            } else if (t.contains("authenticated using RSA") || t.contains("Authenticated using RSA")
                    || t.contains("digital signature") || t.contains("digital-signature") || t.contains("preloaded certificate")
                    || t.contains("peer certificate '") || t.contains("I am sending my cert")) {
                a = AuthMethod.CERTIFICATE;
            }
        }
        authFrom(st, a);
    }

    /** The authentication a configuration or policy text names: {@code authby=secret}, {@code PSK+ENCRYPT+...}. */
    private static AuthMethod authOfConfig(String t) {
        if (!t.contains("auth") && t.indexOf('+') < 0 && !t.contains("policy")) {
            return AuthMethod.UNKNOWN;
        }
        Matcher by = AUTHBY.matcher(t);
        if (by.find()) {
            return authWord(by.group(1));
        }
        Matcher our = OUR_AUTH.matcher(t);
        if (our.find()) {
            return authWord(our.group(1));
        }
        Matcher one = POLICY_ONE.matcher(t);
        if (one.find()) {
            return one.group(1).equals("PSK") ? AuthMethod.PRE_SHARED_KEY : AuthMethod.CERTIFICATE;
        }
        Matcher pol = POLICY.matcher(t);
        while (pol.find()) {
            String p = "+" + pol.group(1) + "+";
            boolean psk = p.contains("+PSK+");
            boolean sig = p.contains("+RSASIG+") || p.contains("+ECDSA+") || p.contains("+RSASIG_v1_5+");
            if (psk != sig) {
                return psk ? AuthMethod.PRE_SHARED_KEY : AuthMethod.CERTIFICATE;
            }
        }
        return AuthMethod.UNKNOWN;
    }

    private static AuthMethod authWord(String w) {
        String v = w.toLowerCase(Locale.ROOT);
        return v.equals("secret") || v.equals("psk") ? AuthMethod.PRE_SHARED_KEY
                : v.startsWith("rsa") || v.startsWith("ecdsa") || v.equals("pubkey") ? AuthMethod.CERTIFICATE
                : v.startsWith("eap") ? AuthMethod.EAP : AuthMethod.UNKNOWN;
    }

    private static void authFrom(State st, AuthMethod a) {
        if (a != AuthMethod.UNKNOWN && st.auth == AuthMethod.UNKNOWN) {
            st.auth = a;
        }
    }

    private static void learnPeer(State st, String body) {
        Matcher us = US.matcher(body);
        if (us.find()) {
            String h = host(us.group(1));
            if (h != null) {
                st.local = h;
            }
            return;
        }
        if (st.peer != null) {
            return;
        }
        Matcher pw = PEER_WORDS.matcher(body);
        if (pw.find()) {
            st.peer = host(pw.group(1));
        }
    }

    /** Ties an IPsec/Child SA to its ISAKMP/IKE SA. */
    private void link(State st, String serial, String body) {
        Matcher co = CHILD_OF.matcher(body);
        if (body.startsWith("sent IKE_AUTH request") && co.find()) {
            State child = states.computeIfAbsent(co.group(1), x -> new State());
            child.child = true;
            child.parent = serial;
            child.version = IkeVersion.IKEV2;
            child.name = st.name;
            child.instance = st.instance;
            st.childSeen = true;
            st.lastChild = co.group(1);
        }
        Matcher up = USING_PARENT.matcher(body);
        boolean childLine = body.startsWith("initiating Quick Mode") || body.startsWith("responding to Quick Mode")
                || body.contains("established Child SA") || body.startsWith("initiating Child SA")
                || body.contains("IPsec SA established");
        if (childLine && up.find() && !up.group(1).equals(serial)) {
            st.parent = up.group(1);
            st.child = true;
        } else if (childLine && st.parent == null && st.instance != null) {
            Conn k = conns.get(st.instance);
            if (k != null && k.lastIke != null && !k.lastIke.equals(serial)) {
                st.parent = k.lastIke;
                st.child = true;
            }
        }
        if (st.parent != null) {
            State p = states.get(st.parent);
            if (p != null) {
                p.childSeen = true;
                p.lastChild = serial;
                if (st.version == null) {
                    st.version = p.version;
                }
            }
        } else if (!st.child && st.instance != null && (st.started || kind(st.stateName) == Kind.INITIATOR
                || kind(st.stateName) == Kind.RESPONDER || kind(st.stateName) == Kind.IKE_UP)) {
            conn(st.instance).lastIke = serial;
        }
    }

    // ---- what happened

    private void start(LogLine l, State st, String serial, String body) {
        boolean child = body.startsWith("initiating Quick Mode") || body.startsWith("responding to Quick Mode")
                || body.startsWith("initiating Child SA") || "QUICK_R1".equals(st.stateName) && !body.startsWith("initiat");
        if (body.startsWith("initiating") || "initiate".equals(body)) {
            st.initiator = Boolean.TRUE;
        } else {
            st.initiator = Boolean.FALSE;
        }
        if (st.started) {
            return;
        }
        st.started = true;
        if (child) {
            st.child = true;
        } else if (st.instance != null && serial != null) {
            conn(st.instance).lastIke = serial;
            State carrier = states.get("conn " + st.instance);
            if (carrier != null) {
                carrier.mmFailed = false; // a later attempt of a connection that failed to load
            }
        }
        event(l, st, child ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, body);
    }

    /** ISAKMP/IKE SA or IPsec/Child SA established; true when the line said so. */
    private boolean established(LogLine l, State st, String serial, String text, String body) {
        String b = body;
        if (b.startsWith("sent ") && b.indexOf(", ") > 0 && b.indexOf(", ") < 14) {
            b = b.substring(b.indexOf(", ") + 2); // v3: "sent MR3, ISAKMP SA established", "sent QI2, IPsec SA ..."
        } else if (b.startsWith("received v2I2, ")) {
            b = b.substring(15);
        }
        if (b.startsWith("initiator ") || b.startsWith("responder ")) {
            b = b.substring(10);
        }
        boolean ike = b.startsWith("ISAKMP SA established") || b.startsWith("IKE SA established")
                || b.startsWith("established IKE SA");
        boolean parent = b.startsWith("PARENT SA established");
        boolean child = b.startsWith("IPsec SA established") || b.startsWith("established Child SA");
        if (!ike && !parent && !child) {
            return false;
        }
        if (b.contains("{ESP/NAT=>") || b.contains("{ESPinUDP") || b.contains("{ESP/NAT/")) {
            st.espInUdp = true;
        }
        if (ike || parent) {
            st.ikeEstablished = true;
            if (kind(st.stateName) != Kind.IKE_UP) {
                st.stateName = "ESTABLISHED_IKE_SA";
            }
            if (st.instance != null && !st.child) {
                conn(st.instance).lastIke = serial;
            }
            event(l, st, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, withNat(st, text));
            if (b.startsWith("IKE SA established but initiator rejected Child SA")) {
                fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.OTHER, text);
            }
        }
        if (parent && (b.contains("{ESP") || b.contains(" mode"))) {
            child = true;
        }
        if (child) {
            if (st.version == IkeVersion.IKEV2 && !st.ikeEstablished) {
                // libreswan 3 logs the IKE SA as established only through its first Child SA
                State p = st.parent != null ? states.get(st.parent) : null;
                State owner = p != null ? p : st;
                if (!owner.ikeEstablished) {
                    owner.ikeEstablished = true;
                    event(l, owner, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, text);
                }
            }
            st.child = st.child || !parent;
            event(l, st, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, withNat(st, text));
        }
        return true;
    }

    private void timeout(LogLine l, State st, String name, String text, String body) {
        String n = name;
        Matcher r = REACHED.matcher(body);
        if (r.find()) {
            n = norm(r.group(1)); // Openswan: "max number of retransmissions (2) reached STATE_MAIN_I1."
            learnState(st, n);
        }
        if (n == null) {
            n = st.stateName;
        }
        if (body.contains("IKEv1 message") && st.version == null) {
            st.version = IkeVersion.IKEV1;
        } else if (body.contains("IKEv2 message") && st.version == null) {
            st.version = IkeVersion.IKEV2;
        }
        Layer phase = phaseOf(st, n);
        int answers = answersOf(n);
        if (answers < 0) {
            answers = st.answers;
        }
        String detail = phase == Layer.IKE_MAIN_MODE && answers > 0
                ? text + " (after " + answers + " answers from the peer)" : text;
        fail(l, st, phase, IkeFailureReason.NO_RESPONSE, detail);
    }

    private static void nat(State st, String body) {
        String result = body.substring(body.lastIndexOf(": ") + 2).toLowerCase(Locale.ROOT);
        if (body.startsWith("Warning: peer is NATed")) {
            st.remoteNat = true;
            return;
        }
        if (result.contains("no nat")) {
            return;
        }
        if (result.contains("both") || result.contains("i am") && result.contains("peer")) {
            st.localNat = true;
            st.remoteNat = true;
        } else if (result.contains("i am")) {
            st.localNat = true;
        } else if (result.contains("peer")) {
            st.remoteNat = true;
        }
    }

    private void peerDeleted(LogLine l, State st, String text, String body) {
        Matcher d = DELETE_ISAKMP.matcher(body);
        State sa = d.find() ? states.getOrDefault(d.group(1), st) : st;
        if (!body.contains("ISAKMP")) {
            return;
        }
        if (bareResponder(sa)) {
            // established here, deleted by the initiator before any quick mode: it refused our last message
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.PEER_DELETED,
                    "the peer deleted the ISAKMP SA right after main mode, before any quick mode (" + text + ")");
        }
    }

    /** An IKEv1 responder's main mode that nothing was built on. */
    private static boolean bareResponder(State st) {
        return st.ikeEstablished && !st.childSeen && Boolean.FALSE.equals(st.initiator) && !st.child
                && st.version != IkeVersion.IKEV2;
    }

    private void deleting(LogLine l, State here, String text, String body) {
        if (body.startsWith("deleting incomplete state")) {
            if (!here.ikeEstablished && !here.child) {
                fail(l, here, Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, text);
            }
            return;
        }
        Matcher d = DELETING.matcher(body);
        if (!d.find()) {
            return;
        }
        // "deleting other state #3 (STATE_MAIN_R2)": told under another state's prefix
        State st = d.group(1) != null && states.containsKey(d.group(1)) ? states.get(d.group(1)) : here;
        String n = d.group(2);
        String name = n.startsWith("sent IKE_SA_INIT request") ? "IKE_SA_INIT_I"
                : n.startsWith("sent IKE_AUTH request") ? "IKE_AUTH_I"
                : n.startsWith("sent IKE_SA_INIT re") ? "IKE_SA_INIT_R"
                : n.startsWith("sent Main Mode request") ? "MAIN_I1"
                : n.startsWith("established IKE SA") ? "ESTABLISHED_IKE_SA" : norm(n);
        Kind k = kind(name);
        if ((k == Kind.INITIATOR || k == Kind.RESPONDER) && !st.ikeEstablished && !st.child) {
            // a main mode given up without a stated reason still failed there
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, text);
        } else if (k == Kind.IKE_UP) {
            unheard(st);
        }
    }

    /** An established responder whose last answer the initiator kept asking for, and no quick mode followed. */
    private void unheard(State st) {
        if (st.answersRepeated > 0 && bareResponder(st) && !st.mmFailed) {
            st.mmFailed = true;
            out.emit(new IkeSaEvent(out.ref(st.repeatLine), out.side(), st.repeatTime, version(st), Layer.IKE_MAIN_MODE,
                    IkeOutcome.FAILED, IkeFailureReason.ANSWER_UNHEARD, auth(st), local(st), peer(st),
                    FactOut.detail(withNat(st, "the peer repeated its last main mode request " + st.answersRepeated
                            + " times after this side had answered, and no quick mode followed (" + st.repeatText + ")"))));
        }
    }

    /** Failures stated in words; true when the line was one. */
    private boolean failure(LogLine l, State st, String name, String text, String body) {
        // proposals
        if (body.contains("policy does not allow OAKLEY_") || body.contains("policy does not allow Extended Authentication")
                || body.contains("policy mandates Extended Authentication")
                || body.startsWith("Pluto does not support") && body.contains("authentication")) {
            st.authRefused = true;
            return true;
        }
        if (body.startsWith("Oakley Transform [") && body.contains("refused") || body.startsWith("OAKLEY proposal refused")) {
            st.algRefused = true;
            return true;
        }
        if (body.startsWith("Can't authenticate: no preshared key found") || body.contains("cannot find PSK")
                || body.contains("authentication failed: no PSK found")) {
            authFrom(st, AuthMethod.PRE_SHARED_KEY);
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, text);
            return true;
        }
        if (body.startsWith("no acceptable Oakley Transform")) {
            // every transform refused for its authentication method alone: the peers want different methods
            fail(l, st, Layer.IKE_MAIN_MODE, st.authRefused && !st.algRefused
                    ? IkeFailureReason.AUTH_METHOD_MISMATCH : IkeFailureReason.NO_PROPOSAL_CHOSEN, text);
            return true;
        }
        if (body.startsWith("no acceptable Proposal in IPsec SA")
                || body.startsWith("IKE_AUTH responder matching remote ESP/AH proposals failed")) {
            fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, text);
            return true;
        }
        if (body.contains("no local proposal matches remote proposals")) {
            boolean child = body.contains(":ESP") || body.contains(":AH") || kind(name) == Kind.CHILD || st.child;
            fail(l, st, child ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, text);
            return true;
        }
        if (body.toLowerCase(Locale.ROOT).contains("no acceptable proposal")) {
            fail(l, st, phaseOf(st, name), IkeFailureReason.NO_PROPOSAL_CHOSEN, text);
            return true;
        }
        // quick mode identities
        if (body.startsWith("cannot respond to IPsec SA request because no connection is known for")
                || body.contains("peer proposal was rejected in a virtual connection policy")) {
            fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.INVALID_ID_INFORMATION, text);
            return true;
        }
        if (body.contains("No IKEv2 connection found with compatible Traffic Selectors")) {
            fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.TS_UNACCEPTABLE, text);
            return true;
        }
        // no connection (policy) for the peer at all
        if (body.contains("no connection has been authorized") || body.contains("no matching connection has been authorized")
                || body.contains("no suitable connection found with IKEv2 policy")
                || body.contains("packet as policy is set to") || body.contains("packet as global policy is set to")) {
            if (st.version == null) {
                st.version = body.contains("IKEv1") || body.contains("Main Mode") || body.contains("Aggressive Mode")
                        ? IkeVersion.IKEV1 : body.contains("IKE_SA_INIT") || body.contains("IKEv2") || body.contains("parent SA")
                        ? IkeVersion.IKEV2 : null;
            }
            authFrom(st, authOfConfig(body));
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH, text);
            return true;
        }
        // pre-shared key
        if (st.version == null && (body.contains("AUTH mismatch") || body.contains("hash received from peer")
                || body.contains("attempted") && body.contains("but we want") || body.contains("Auth Method mismatched"))) {
            st.version = IkeVersion.IKEV2; // wording of ikev2_psk.c, ikev2_auth.c, ikev2_parent.c only
        }
        if (body.contains("received Hash Payload does not match computed value")
                || body.contains("mismatch of preshared secrets") || body.contains("PSK Authentication failed")
                || body.contains("AUTH mismatch: Received AUTH != computed AUTH")
                || body.contains("authentication failed: computed hash does not match hash received from peer")
                || body.contains("byte hash received from peer") && body.contains("does not match")) {
            authFrom(st, AuthMethod.PRE_SHARED_KEY);
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, text);
            return true;
        }
        if (body.startsWith("malformed payload in packet") && firstEncrypted(st) && st.auth != AuthMethod.CERTIFICATE) {
            // the first encrypted main mode message did not decrypt: the keys derived from the pre-shared key differ
            authFrom(st, AuthMethod.PRE_SHARED_KEY);
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, text + " (pre-shared keys differ?)");
            return true;
        }
        // certificates
        IkeFailureReason cert = certificate(body);
        if (cert != null) {
            authFrom(st, AuthMethod.CERTIFICATE);
            if (cert != IkeFailureReason.NONE) {
                fail(l, st, Layer.IKE_MAIN_MODE, cert, text);
            }
            return true;
        }
        // identities
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.contains("we require ikev2 peer to have id") || lower.contains("we require peer to have id")
                || lower.contains("no suitable connection for peer") || lower.contains("peer mismatch on first found connection")
                || lower.contains("cert payload does not match connection id") && Boolean.TRUE.equals(st.initiator)
                || lower.contains("subjectaltname")
                || lower.contains("does not match expected") || lower.contains("peer id") && lower.contains("mismatch")
                || lower.contains("peer id is not a certificate type")) {
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, text);
            return true;
        }
        // signatures and authentication methods
        if (lower.contains("but we want") && lower.contains("attempted") || lower.contains("auth method mismatched")
                || lower.contains("authentication failed: peer authentication requires policy")
                || lower.contains("authentication failed: method") && lower.contains("not supported")
                || lower.startsWith("authentication method") && lower.contains("not supported")
                // ikev2_eap.c: the peer asked for EAP where this connection wants IKE_AUTH (or allows no EAP)
                || lower.startsWith("peer attempted eap authentication, but")) {
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTH_METHOD_MISMATCH, text);
            return true;
        }
        if (body.contains("Signature check (on") && body.contains("failed") || body.contains("RSA authentication failed")
                || body.contains("Digital Signature authentication failed")
                || lower.contains("authentication failed: using") && (lower.contains("rsa") || lower.contains("ecdsa"))
                || lower.contains("authentication failed: no certificate matched")
                || lower.contains("zero-length signature") || lower.contains("signature hash proposal")) {
            authFrom(st, AuthMethod.CERTIFICATE);
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, text);
            return true;
        }
        if (lower.contains("authentication failed") && !lower.contains("xauth") && !lower.contains("ike sa authentication failed,")) {
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, text);
            return true;
        }
        if (lower.contains("unable to locate my private key") || lower.contains("private key for connection not found")
                || body.startsWith("No ") && body.contains(" private key found") || lower.contains("can't find the private key")
                || lower.contains("private key matching") && lower.contains("not found")) {
            authFrom(st, AuthMethod.CERTIFICATE);
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.PRIVATE_KEY_MISSING, text);
            return true;
        }
        return false;
    }

    /** The state awaits (or has just had) the first encrypted main mode message: MI3 as responder, MR3 as initiator. */
    private static boolean firstEncrypted(State st) {
        return "MAIN_R2".equals(st.stateName) || "MAIN_I3".equals(st.stateName) || "AGGR_R1".equals(st.stateName);
    }

    /**
     * A certificate verdict: CERT_EXPIRED, CERT_UNTRUSTED, NONE for a line that only announces a
     * verification failure (its cause follows on the next line), null for other lines.
     */
    private static IkeFailureReason certificate(String body) {
        if (body.contains("groundhog")) {
            return null;
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (body.contains("SEC_ERROR_EXPIRED") || lower.contains("certificate has expired")
                || lower.contains("certificate's certificate has expired") || lower.contains("x.509 certificate expired at")
                || lower.contains("certificate is not valid until") || lower.contains("is expired or not yet valid")
                || lower.contains("certificate") && lower.contains("not yet valid")) {
            return IkeFailureReason.CERT_EXPIRED;
        }
        if (body.contains("SEC_ERROR_UNKNOWN_ISSUER") || body.contains("SEC_ERROR_UNTRUSTED")
                || body.contains("SEC_ERROR_REVOKED_CERTIFICATE") || body.contains("SEC_ERROR_CA_CERT_INVALID")
                || body.contains("SEC_ERROR_BAD_SIGNATURE") || body.contains("SEC_ERROR_INADEQUATE")
                || body.contains("SEC_ERROR_") && lower.contains("certificate")
                || lower.contains("issuer is not recognized") || lower.contains("marked as not trusted")
                || lower.contains("certificate has been revoked") || lower.contains("certificate revoked")
                || lower.contains("issuer certificate is invalid") || lower.contains("has an invalid signature")
                || lower.contains("key usage inadequate") || lower.contains("certificate type not approved")
                || lower.contains("issuer cacert not found") || lower.contains("x.509 certificate rejected")
                || lower.contains("invalid certificate signature") || lower.contains("cert payload bogus or revoked")
                || lower.contains("certificate payload rejected") || lower.contains("certificate rejected for this connection")
                || lower.contains("no rsa public key known for") || lower.contains("no ecdsa public key known for")) {
            return IkeFailureReason.CERT_UNTRUSTED;
        }
        if (lower.contains("failed verification") || lower.contains("verification") && lower.startsWith("certificate ")
                || lower.contains("cert verify failed") || lower.contains("certificate verify failed")) {
            return IkeFailureReason.NONE;
        }
        return null;
    }

    /** A notification sent or received, by name. */
    private void notify(LogLine l, State st, String name, String text, String body) {
        Matcher nm = NOTIFY.matcher(body);
        if (!nm.find()) {
            return;
        }
        String type = nm.group(1);
        boolean sending = body.startsWith("sending ") || body.contains("responding to ") || body.contains("responding with ")
                || body.contains("returned ");
        boolean received = !sending && (body.contains("received") || body.startsWith("ignoring informational")
                || body.startsWith("ignoring unsecured") || body.startsWith("ignoring secured") || body.contains("rejected by peer") || body.contains("request rejected")
                || body.contains("response rejected") || body.contains(" containing ") || body.contains("response contained")
                || body.contains("response contains") || body.contains("failed with error notification")
                || body.contains("was rejected with")
                || name != null && body.startsWith("v2N_") && kind(name) == Kind.INITIATOR);
        Layer phase;
        if (type.equals("TS_UNACCEPTABLE") || type.equals("SINGLE_PAIR_REQUIRED") || type.equals("INTERNAL_ADDRESS_FAILURE")
                || type.equals("FAILED_CP_REQUIRED") || body.contains("Child SA") || body.contains("CHILD SA")
                || body.contains("CREATE_CHILD_SA") || body.contains("Quick Mode")) {
            phase = Layer.IKE_QUICK_MODE;
        } else if (type.equals("AUTHENTICATION_FAILED") || type.equals("INVALID_SIGNATURE") || type.startsWith("INVALID_CERT")
                || type.startsWith("CERT") || body.contains("IKE_SA_INIT")) {
            phase = Layer.IKE_MAIN_MODE;
        } else if (type.equals("NO_PROPOSAL_CHOSEN") && (body.contains("IKE_AUTH") || body.contains("AUTH response")
                || "PARENT_I2".equals(name) || "IKE_AUTH_I".equals(name))) {
            phase = Layer.IKE_QUICK_MODE; // IKE_AUTH carries the first Child SA's proposals
        } else if (type.equals("NO_PROPOSAL_CHOSEN") && version(st) != IkeVersion.IKEV2
                && (body.contains("encrypted notification") || body.startsWith("ignoring secured"))) {
            phase = Layer.IKE_QUICK_MODE; // IKEv1 phase 1 proposals travel in clear: an encrypted refusal is quick mode's
        } else {
            phase = phaseOf(st, name);
        }
        IkeFailureReason reason;
        String detail = received && !body.contains("received") ? text + " (received from the peer)" : text;
        switch (type) {
            case "NO_PROPOSAL_CHOSEN":
                reason = IkeFailureReason.NO_PROPOSAL_CHOSEN;
                break;
            case "INVALID_ID_INFORMATION":
                reason = phase == Layer.IKE_MAIN_MODE ? IkeFailureReason.ID_MISMATCH : IkeFailureReason.INVALID_ID_INFORMATION;
                break;
            case "TS_UNACCEPTABLE":
            case "SINGLE_PAIR_REQUIRED":
                reason = IkeFailureReason.TS_UNACCEPTABLE;
                break;
            case "AUTHENTICATION_FAILED":
            case "INVALID_SIGNATURE":
                reason = IkeFailureReason.AUTHENTICATION_FAILED;
                break;
            case "INVALID_HASH_INFORMATION":
                authFrom(st, AuthMethod.PRE_SHARED_KEY);
                reason = IkeFailureReason.AUTHENTICATION_FAILED;
                break;
            case "INVALID_CERTIFICATE":
            case "CERTIFICATE_UNAVAILABLE":
            case "INVALID_CERT_AUTHORITY":
            case "CERT_TYPE_UNSUPPORTED":
            case "INVALID_CERT_ENCODING":
                authFrom(st, AuthMethod.CERTIFICATE);
                reason = IkeFailureReason.CERT_UNTRUSTED;
                break;
            case "PAYLOAD_MALFORMED":
                if (received && phase == Layer.IKE_MAIN_MODE && firstEncrypted(st) && auth(st) != AuthMethod.CERTIFICATE) {
                    // the responder could not read main mode message 5: the pre-shared keys differ
                    authFrom(st, AuthMethod.PRE_SHARED_KEY);
                    reason = IkeFailureReason.AUTHENTICATION_FAILED;
                    detail = detail + " (pre-shared keys differ?)";
                } else {
                    reason = IkeFailureReason.OTHER;
                }
                break;
            default:
                reason = IkeFailureReason.OTHER;
                break;
        }
        fail(l, st, phase, reason, detail);
    }

    /** The phase a state is in: by the state name when there is one, else by what the state is. */
    private static Layer phaseOf(State st, String name) {
        Kind k = kind(name != null ? name : st.stateName);
        if (k == Kind.CHILD) {
            return Layer.IKE_QUICK_MODE;
        }
        if (k == Kind.INITIATOR || k == Kind.RESPONDER) {
            return Layer.IKE_MAIN_MODE;
        }
        if (k == Kind.IKE_UP) {
            return Layer.IKE_QUICK_MODE; // an established IKE SA: what fails now is what is built on it
        }
        return st.child || st.ikeEstablished ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
    }

    @Override
    public void end() {
        for (State st : states.values().toArray(new State[0])) {
            unheard(st);
        }
    }

    // ---- emitting

    private void fail(LogLine l, State st, Layer phase, IkeFailureReason reason, String detail) {
        State flags = st;
        if (phase == Layer.IKE_QUICK_MODE && !st.child) {
            st.childSeen = true; // a quick mode was tried on this ISAKMP SA
            if (st.lastChild != null && states.containsKey(st.lastChild)) {
                flags = states.get(st.lastChild); // told on the ISAKMP SA, about its IPsec SA
            }
        }
        if (phase == Layer.IKE_MAIN_MODE) {
            if (flags.mmFailed) {
                return;
            }
            flags.mmFailed = true;
        } else {
            if (flags.qmFailed) {
                return;
            }
            flags.qmFailed = true;
        }
        event(l, st, phase, IkeOutcome.FAILED, reason, withNat(st, detail));
    }

    private void event(LogLine l, State st, Layer phase, IkeOutcome outcome, IkeFailureReason reason, String detail) {
        out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, version(st), phase, outcome, reason, auth(st),
                local(st), peer(st), FactOut.detail(detail)));
    }

    /**
     * The text with the NAT situation appended, as CharonLines does:
     * {@code "; NAT detected: local host is behind NAT, remote host is behind NAT"}, first when
     * the text is long so that shortening keeps it.
     */
    private String withNat(State st, String msg) {
        State p = st.parent != null ? states.get(st.parent) : null;
        boolean local = st.localNat || p != null && p.localNat;
        boolean remote = st.remoteNat || p != null && p.remoteNat;
        String nat;
        if (local || remote) {
            nat = "NAT detected: " + (local ? "local host is behind NAT" : "") + (local && remote ? ", " : "")
                    + (remote ? "remote host is behind NAT" : "");
        } else if (st.espInUdp) {
            nat = "NAT detected: ESP is encapsulated in UDP";
        } else if (st.ikeOn4500 || p != null && p.ikeOn4500) {
            nat = "NAT detected: IKE moved to UDP port 4500";
        } else {
            return msg;
        }
        return msg.length() + nat.length() + 2 > FactOut.MAX_DETAIL ? nat + "; " + msg : msg + "; " + nat;
    }

    private Conn conn(String key) {
        return conns.computeIfAbsent(key, k -> new Conn());
    }

    /** The connection records of a state: its instance, then its connection definition. */
    private Conn[] connsOf(State st) {
        if (st.instance == null) {
            return new Conn[0];
        }
        Conn a = conns.get(st.instance);
        Conn b = st.name == null ? null : conns.get("\"" + st.name + "\"");
        return new Conn[] {a, b};
    }

    private State parentOf(State st) {
        return st.parent == null ? null : states.get(st.parent);
    }

    private IkeVersion version(State st) {
        if (st.version != null) {
            return st.version;
        }
        State p = parentOf(st);
        if (p != null && p.version != null) {
            return p.version;
        }
        for (Conn k : connsOf(st)) {
            if (k != null && k.version != null) {
                return k.version;
            }
        }
        return null;
    }

    private AuthMethod auth(State st) {
        if (st.auth != AuthMethod.UNKNOWN) {
            return st.auth;
        }
        State p = parentOf(st);
        if (p != null && p.auth != AuthMethod.UNKNOWN) {
            return p.auth;
        }
        for (Conn k : connsOf(st)) {
            if (k != null && k.auth != AuthMethod.UNKNOWN) {
                return k.auth;
            }
        }
        return AuthMethod.UNKNOWN;
    }

    private String peer(State st) {
        if (st.peer != null) {
            return st.peer;
        }
        State p = parentOf(st);
        if (p != null && p.peer != null) {
            return p.peer;
        }
        for (Conn k : connsOf(st)) {
            if (k != null && k.peer != null) {
                return k.peer;
            }
        }
        return null;
    }

    private String local(State st) {
        if (st.local != null) {
            return st.local;
        }
        State p = parentOf(st);
        if (p != null && p.local != null) {
            return p.local;
        }
        for (Conn k : connsOf(st)) {
            if (k != null && k.local != null) {
                return k.local;
            }
        }
        return null;
    }
}
