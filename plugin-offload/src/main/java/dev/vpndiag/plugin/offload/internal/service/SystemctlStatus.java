package dev.vpndiag.plugin.offload.internal.service;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.CommandEcho;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code systemctl status UNIT}: {@code ● unit.service - description} (the bullet is {@code *} on
 * non-UTF-8 terminals and absent on old systemd), indented {@code Loaded:}/{@code Active:} lines,
 * the process tree, then journal lines. Running means {@code active (running)}; the state is the
 * {@code Active:} value as printed, its time the {@code since} time when stated in UTC. Also
 * {@code Unit NAME could not be found.}, which says the service is not installed.
 */
public final class SystemctlStatus implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.LINUX;
    }
    private static final Pattern HEADER = Pattern.compile("^([\u25cf\u25cb\u00d7*] )?(\\S+) - .*$");
    private static final Pattern ACTIVE = Pattern.compile(
            "^\\s+Active: (\\S+)(?: \\(([^)]*)\\))?(?:.*? since \\w{3} (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (\\S+);)?.*$");
    private static final Pattern NOT_FOUND = Pattern.compile("^Unit (\\S+?)(?:\\.service)? could not be found\\.\\s*$");
    private static final Pattern JOURNAL = Pattern.compile(
            "^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ .*|\\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ .*|-- .*|Warning: .*|Hint: .*)$");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        Matcher nf = NOT_FOUND.matcher(t);
        if (t.startsWith("Unit ") && nf.matches()) {
            Services.emit(context, line.locator(), null, nf.group(1), false, "not-found");
            return CommandEcho.OneLine.INSTANCE;
        }
        if (!t.contains(" - ")) {
            return null;
        }
        Matcher m = HEADER.matcher(t);
        if (!m.matches() || (m.group(1) == null && !m.group(2).endsWith(".service"))) {
            return null;
        }
        String unit = m.group(2);
        return new Block(context, unit.endsWith(".service") ? unit.substring(0, unit.length() - 8) : unit);
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final String unit;
        private boolean sawLoaded;

        Block(ReadContext context, String unit) {
            this.context = context;
            this.unit = unit;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank()) {
                return sawLoaded;
            }
            if (Character.isWhitespace(t.charAt(0))) {
                if (t.strip().startsWith("Loaded:")) {
                    sawLoaded = true;
                }
                Matcher a = ACTIVE.matcher(t);
                if (a.matches()) {
                    String state = a.group(2) == null ? a.group(1) : a.group(1) + " (" + a.group(2) + ")";
                    Services.emit(context, line.locator(), since(a.group(3), a.group(4)), unit,
                            a.group(1).equals("active") && "running".equals(a.group(2)), state);
                }
                return true;
            }
            return sawLoaded && JOURNAL.matcher(t).matches();
        }

        private static Instant since(String time, String zone) {
            if (time == null || !(zone.equals("UTC") || zone.equals("GMT"))) {
                return null;
            }
            try {
                return LocalDateTime.parse(time.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public void finish() {
        }
    }
}
