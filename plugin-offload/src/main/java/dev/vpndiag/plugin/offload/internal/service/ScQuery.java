package dev.vpndiag.plugin.offload.internal.service;

import dev.vpndiag.api.fact.Platform;
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

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern NAME = Pattern.compile(
            "^(?:SERVICE_NAME|DIENST_NAME|NOM_SERVICE|NOMBRE_SERVICIO|NOME_SERVIZIO)\\s*:\\s*(\\S.*?)\\s*$");
    private static final Pattern OTHER = Pattern.compile("^(?:\\s+\\S.*|[A-Z_]{4,30}\\s*:.*)$");
    private static final Set<String> STATES = Set.of("STOPPED", "START_PENDING", "STOP_PENDING", "RUNNING",
            "CONTINUE_PENDING", "PAUSE_PENDING", "PAUSED");

    /** The state word of a {@code KEY : N  WORD} line whose N is a service state code, or null. */
    private static String state(String t) {
        int colon = t.indexOf(':');
        if (colon < 1 || colon > 60 || !Character.isWhitespace(t.charAt(0))) {
            return null;
        }
        String rest = t.substring(colon + 1).strip();
        if (rest.length() < 3 || rest.charAt(0) < '1' || rest.charAt(0) > '7' || !Character.isWhitespace(rest.charAt(1))) {
            return null;
        }
        String word = rest.substring(2).strip();
        return STATES.contains(word) ? word : null;
    }

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.indexOf("_NAME") < 0 && !t.startsWith("NOM")) {
            return null;
        }
        Matcher m = NAME.matcher(t);
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
            String found = state == null ? state(t) : null;
            if (found != null) {
                state = found;
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
