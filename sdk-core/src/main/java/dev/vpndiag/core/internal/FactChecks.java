package dev.vpndiag.core.internal;

import dev.vpndiag.api.fact.Fact;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The boundary check every fact passes before the rules see it, whoever made it (a provider, a host's
 * {@code facts.jsonl}, a host's own facts): counts are not negative (error codes may be: HRESULTs), event times lie between
 * 1970 and 2200, other times (certificate validity) in years 1 to 9999, and a dotted IPv4 address has
 * no octet above 255. A fact that fails is dropped with a problem naming the field, so that one absurd
 * line cannot become the attempt the engine diagnoses. Redacted addresses ({@code xxx.xxx.xxx.xxx},
 * {@code <ip>}) and host names pass: they are not dotted numbers.
 */
final class FactChecks {
    private static final Instant EVENTS_FROM = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant EVENTS_UNTIL = Instant.parse("2200-01-01T00:00:00Z");
    private static final Instant EVER_FROM = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant EVER_UNTIL = Instant.parse("9999-12-31T23:59:59Z");
    /** Components holding the time of an event rather than a validity bound. */
    private static final Set<String> EVENT_TIMES = Set.of("time", "lastSeen");
    /** Error codes: Windows prints HRESULTs as negative decimals (-2146762495 is 0x800B0101, an expired certificate). */
    private static final Set<String> SIGNED = Set.of("code", "errorCode");
    private static final Set<String> ADDRESSES = Set.of("source", "destination", "initiator", "responder",
            "peerAddress", "localAddress");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,10})\\.(\\d{1,10})\\.(\\d{1,10})\\.(\\d{1,10})");
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private FactChecks() {
    }

    /** What is wrong with the fact, or null when nothing is. */
    static String complaint(Fact fact) {
        RecordComponent[] components = COMPONENTS.computeIfAbsent(fact.getClass(), Class::getRecordComponents);
        if (components == null) {
            return null; // not a record: a host's own fact type, which describes itself
        }
        for (RecordComponent c : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(fact);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String name = c.getName();
            if (value instanceof Number n && !(value instanceof Double || value instanceof Float) && n.longValue() < 0
                    && !SIGNED.contains(name)
                    || (value instanceof Double || value instanceof Float) && !(((Number) value).doubleValue() >= 0)) {
                return name + " is negative or not a number (" + value + ")";
            }
            if (value instanceof Instant t) {
                boolean event = EVENT_TIMES.contains(name);
                Instant from = event ? EVENTS_FROM : EVER_FROM;
                Instant until = event ? EVENTS_UNTIL : EVER_UNTIL;
                if (t.isBefore(from) || t.isAfter(until)) {
                    return name + " " + t + " lies outside " + from.toString().substring(0, 4) + "-"
                            + until.toString().substring(0, 4);
                }
            }
            if (value instanceof String s && ADDRESSES.contains(name) && !validDotted(s)) {
                return name + " " + s + " is not an IPv4 address";
            }
        }
        return null;
    }

    private static boolean validDotted(String s) {
        var m = DOTTED.matcher(s);
        if (!m.matches()) {
            return true;
        }
        for (int i = 1; i <= 4; i++) {
            if (Long.parseLong(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
