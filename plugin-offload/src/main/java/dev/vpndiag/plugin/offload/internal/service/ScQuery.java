package dev.vpndiag.plugin.offload.internal.service;

import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sc query [NAME]} and {@code sc queryex}: {@code SERVICE_NAME: NAME} then indented
 * {@code KEY : value} lines. The state line is found by its value ({@code 4  RUNNING}), so the
 * localized key names of other display languages ({@code ZUSTAND}, {@code ÉTAT}) are read too;
 * the service-name line is known in English, German, French, Spanish and Italian.
 */
public final class ScQuery implements SectionStarter {
    private static final Pattern NAME = Pattern.compile(
            "^(?:SERVICE_NAME|DIENST_NAME|NOM_SERVICE|NOMBRE_SERVICIO|NOME_SERVIZIO)\\s*:\\s*(\\S.*?)\\s*$");
    private static final Pattern STATE = Pattern.compile("^\\s+[^:]{1,40}:\\s*([1-7])\\s+([A-Z_]+)\\s*$");
    private static final Pattern OTHER = Pattern.compile("^(?:\\s+\\S.*|[A-Z_]{4,30}\\s*:.*)$");
    private static final Set<String> STATES = Set.of("STOPPED", "START_PENDING", "STOP_PENDING", "RUNNING",
            "CONTINUE_PENDING", "PAUSE_PENDING", "PAUSED");

    @Override
    public Section start(Line line, ReadContext context) {
        Matcher m = NAME.matcher(line.text());
        return m.matches() ? new Block(context, m.group(1)) : null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final String service;
        private String state;
        private long stateLine;

        Block(ReadContext context, String service) {
            this.context = context;
            this.service = service;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (NAME.matcher(t).matches() || t.isBlank()) {
                return false;
            }
            Matcher s = STATE.matcher(t);
            if (s.matches() && STATES.contains(s.group(2)) && state == null) {
                state = s.group(2);
                stateLine = line.number();
                return true;
            }
            return OTHER.matcher(t).matches();
        }

        @Override
        public void finish() {
            if (state != null) {
                Services.emit(context, "line " + stateLine, null, service, state.equals("RUNNING"), state);
            }
        }
    }
}
