package dev.vpndiag.plugin.offload.internal.clock;

import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.plugin.offload.internal.text.CommandEcho;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's own time as printed by {@code date} (default C/en_US layout, {@code -R},
 * {@code -Is}/{@code --iso-8601}) or PowerShell {@code Get-Date -Format o}. Every such line dates
 * the counters that follow it; the first one, compared with the capture's reference time (the
 * evidence attribute {@code capturedAt} or the file's capture header), gives one {@link HostClock}.
 * Without a reference time none is emitted. A time without a zone, or with a zone abbreviation
 * other than UTC/GMT, is reported and not used.
 */
public final class HostTime implements SectionStarter {
    private static final Pattern UNIX = Pattern.compile(
            "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\\d{1,2}) "
                    + "(\\d{1,2}:\\d\\d:\\d\\d)(?: (AM|PM))? (\\S+) (\\d{4})\\s*$");
    private static final Pattern RFC = Pattern.compile(
            "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\s*$");
    private static final Pattern ISO = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(?::\\d\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d\\d:?\\d\\d)\\s*$");
    private static final DateTimeFormatter UNIX_FORMAT = DateTimeFormatter.ofPattern("MMM d H:mm:ss yyyy", Locale.ROOT);

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.length() < 16 || t.length() > 64) {
            return null;
        }
        char c = t.charAt(0);
        if (!(c >= '0' && c <= '9') && "MTWFS".indexOf(c) < 0) {
            return null;
        }
        Instant time;
        try {
            time = parse(t.strip(), line, context);
        } catch (DateTimeParseException e) {
            context.problem(line.locator(), "host time not understood: " + t.strip());
            return CommandEcho.OneLine.INSTANCE;
        }
        if (time == null) {
            return null;
        }
        if (time != Instant.MIN) {
            context.timestamp(time);
            Instant reference = context.referenceTime();
            if (reference != null && context.firstHostClock()) {
                context.emit(new HostClock(context.ref(line.locator()), context.side(), time, time, reference));
            }
        }
        return CommandEcho.OneLine.INSTANCE;
    }

    /** The time, null when the line is not a time, {@link Instant#MIN} when its zone is unusable. */
    private static Instant parse(String t, Line line, ReadContext context) {
        Matcher u = UNIX.matcher(t);
        if (u.matches()) {
            String zone = u.group(5);
            ZoneOffset offset;
            if (zone.equals("UTC") || zone.equals("GMT") || zone.equals("Z")) {
                offset = ZoneOffset.UTC;
            } else if (zone.matches("[+-]\\d{4}")) {
                offset = ZoneOffset.of(zone.substring(0, 3) + ":" + zone.substring(3));
            } else {
                context.problem(line.locator(), "host time in zone " + zone + " cannot be placed; use date -u or date -R");
                return Instant.MIN;
            }
            String hms = u.group(3);
            if (u.group(4) != null) {
                String[] p = hms.split(":");
                int h = Integer.parseInt(p[0]) % 12 + (u.group(4).equals("PM") ? 12 : 0);
                hms = h + ":" + p[1] + ":" + p[2];
            }
            LocalDateTime ldt = LocalDateTime.parse(u.group(1) + " " + u.group(2) + " " + hms + " " + u.group(6),
                    UNIX_FORMAT);
            return ldt.toInstant(offset);
        }
        if (RFC.matcher(t).matches()) {
            return OffsetDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        if (ISO.matcher(t).matches()) {
            String iso = t.replace(' ', 'T').replace(',', '.');
            if (iso.matches(".*[+-]\\d{4}$")) {
                iso = iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2);
            }
            return OffsetDateTime.parse(iso).toInstant();
        }
        return null;
    }
}
