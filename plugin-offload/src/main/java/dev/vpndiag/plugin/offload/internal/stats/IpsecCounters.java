package dev.vpndiag.plugin.offload.internal.stats;

import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.Numbers;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IP Security Monitor style counters: {@code netsh ipsec dynamic show stats} (Windows Server
 * 2003: {@code Label   : value} under {@code IPsec Main Mode Statistics} and {@code IPsec Quick Mode
 * Statistics}), {@code ipseccmd show stats} (Windows XP support tools: {@code  Label value} under
 * {@code IKE Statistics} and {@code IPSec Statistics}) and {@code netdiag /test:ipsec /debug}
 * ({@code Label . . . : value}). Numbers may be grouped by the console's locale. Consecutive
 * blocks form one snapshot; a counter seen again starts the next snapshot, so a file holding
 * several runs gives several {@link IpsecStatistics}, each timed by the host time printed last
 * before it, if any.
 */
public final class IpsecCounters implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern HEADER = Pattern.compile(
            "(?i)^\\s*(?:IPsec Main Mode Statistics|IPsec Quick Mode Statistics|IKE Statistics|IPSec Statistics"
                    + "|IKE Main Mode Statistics|IKE Quick Mode Statistics|IP Security Monitor)\\s*:?\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*-{3,}\\s*$");

    enum Field { CONF_SENT, CONF_RECV, BAD_SPI, NOT_DECRYPTED, NOT_AUTH, KEY_ADD, MAIN, QUICK, SOFT, AUTH_FAIL, OTHER }

    private static final Map<String, Field> LABELS = new HashMap<>();

    static {
        put(Field.CONF_SENT, "confidentialbytessent");
        put(Field.CONF_RECV, "confidentialbytesreceived");
        put(Field.BAD_SPI, "badspipackets", "badspipkts");
        put(Field.NOT_DECRYPTED, "packetsnotdecrypted", "pktsnotdecrypted");
        put(Field.NOT_AUTH, "packetsnotauthenticated", "pktsnotauthenticated");
        put(Field.KEY_ADD, "keyadditions", "keyadds");
        put(Field.MAIN, "ikemainmode", "mainmodes", "oakleymainmodes");
        put(Field.QUICK, "ikequickmode", "quickmodes", "oakleyquickmodes");
        put(Field.SOFT, "softassociations", "softsas");
        put(Field.AUTH_FAIL, "authenticationfailures");
        put(Field.OTHER, "activeacquire", "activereceive", "acquirefailures", "acquirefail", "receivefailures",
                "receivefail", "sendfailures", "sendfail", "acquireheapsize", "receiveheapsize",
                "negotiationfailures", "invalidcookiesreceived", "invalidcookiesrcvd", "totalacquire",
                "totalgetspi", "totalkeyadd", "totalkeyupdate", "getspifailures", "getspifail", "keyaddfailures",
                "keyaddfail", "keyupdatefailures", "keyupdatefail", "isadblistsize", "connectionlistsize",
                "connlistsize", "invalidpacketsreceived", "activesecurityassociations",
                "offloadedsecurityassociations", "pendingkeyoperations", "keydeletions", "rekeys", "activetunnels",
                "packetswithreplaydetection", "authenticatedbytessent", "authenticatedbytesreceived",
                "transportbytessent", "transportbytesreceived", "bytessentintunnels", "bytesreceivedintunnels",
                "offloadedbytessent", "offloadedbytesreceived", "activeassoc", "offloadsas", "pendingkey",
                "keydeletes", "pktswithreplaydetection", "activeassociations");
    }

    private static final Set<String> MAIN_MODE_HEADERS = Set.of("ipsecmainmodestatistics", "ikestatistics",
            "ikemainmodestatistics", "ipsecuritymonitor");

    private static void put(Field f, String... keys) {
        for (String k : keys) {
            LABELS.put(k, f);
        }
    }

    private static boolean header(String t) {
        return (t.contains("Statistics") || t.contains("IP Security Monitor")) && HEADER.matcher(t).matches();
    }

    /** A counter line split into its label and its value text. */
    private record Counter(String label, String value) {
    }

    private static boolean grouping(char c) {
        return c == '.' || c == ',' || c == '\'' || c == '\u00a0' || c == '\u202f';
    }

    private static boolean labelChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '(' || c == ')' || c == '/'
                || c == '\'' || c == '-' || c == '\t';
    }

    /**
     * Splits {@code Label : 1,234}, {@code Label . . . : 1.234} or {@code Label 1234}; null when the
     * line is not a counter (it must end in a digit and start with a label).
     */
    private static Counter counter(String t) {
        int end = t.length() - 1;
        while (end >= 0 && Character.isWhitespace(t.charAt(end))) {
            end--;
        }
        if (end < 0 || !Character.isDigit(t.charAt(end))) {
            return null;
        }
        int v = end;
        while (v > 0) {
            char c = t.charAt(v - 1);
            boolean groupSpace = c == ' ' && v >= 2 && Character.isDigit(t.charAt(v - 2)) && Character.isDigit(t.charAt(v));
            if (Character.isDigit(c) || grouping(c) || groupSpace) {
                v--;
            } else {
                break;
            }
        }
        while (v <= end && !Character.isDigit(t.charAt(v))) {
            v++;
        }
        int p = v;
        boolean separated = false;
        while (p > 0) {
            char c = t.charAt(p - 1);
            if (Character.isWhitespace(c) || c == ':' || c == '.') {
                separated = true;
                p--;
            } else {
                break;
            }
        }
        int from = 0;
        while (from < p && Character.isWhitespace(t.charAt(from))) {
            from++;
        }
        if (!separated || from >= p || !Character.isLetter(t.charAt(from))) {
            return null;
        }
        for (int i = from; i < p; i++) {
            if (!labelChar(t.charAt(i))) {
                return null;
            }
        }
        return new Counter(t.substring(from, p), t.substring(v, end + 1));
    }

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (header(t)) {
            Snapshot s = new Snapshot(context, line.number());
            s.accept(line);
            return s;
        }
        Counter m = counter(t);
        if (m != null && LABELS.containsKey(Numbers.labelKey(m.label()))) {
            Snapshot s = new Snapshot(context, line.number());
            s.accept(line);
            return s;
        }
        return null;
    }

    private static final class Snapshot implements Section {
        private final ReadContext context;
        private long first;
        private long last;
        private final Long[] values = new Long[Field.values().length];
        private boolean any;
        private boolean quickSeen;

        Snapshot(ReadContext context, long first) {
            this.context = context;
            this.first = first;
            this.last = first;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank() || RULE.matcher(t).matches()) {
                return true;
            }
            if (header(t)) {
                boolean mainMode = MAIN_MODE_HEADERS.contains(Numbers.labelKey(t));
                if (mainMode && quickSeen) {
                    flush(line.number());
                } else if (!any) {
                    first = line.number();
                }
                quickSeen |= !mainMode;
                last = line.number();
                return true;
            }
            Counter m = counter(t);
            if (m == null) {
                return false;
            }
            Field f = LABELS.get(Numbers.labelKey(m.label()));
            Long v = Numbers.count(m.value());
            if (f == null || v == null) {
                context.unknown(line);
                return true;
            }
            if (f != Field.OTHER) {
                if (values[f.ordinal()] != null) {
                    flush(line.number());
                }
                values[f.ordinal()] = v;
            }
            any = true;
            last = line.number();
            return true;
        }

        private void flush(long next) {
            finish();
            java.util.Arrays.fill(values, null);
            any = false;
            quickSeen = false;
            first = next;
            last = next;
        }

        @Override
        public void finish() {
            if (!any) {
                return;
            }
            context.emit(new IpsecStatistics(context.ref(Line.range(first, last)), context.side(),
                    context.lastTimestamp(), values[Field.CONF_SENT.ordinal()], values[Field.CONF_RECV.ordinal()],
                    values[Field.BAD_SPI.ordinal()], values[Field.NOT_DECRYPTED.ordinal()],
                    values[Field.NOT_AUTH.ordinal()], values[Field.KEY_ADD.ordinal()], values[Field.MAIN.ordinal()],
                    values[Field.QUICK.ordinal()], values[Field.SOFT.ordinal()], values[Field.AUTH_FAIL.ordinal()]));
        }
    }
}
