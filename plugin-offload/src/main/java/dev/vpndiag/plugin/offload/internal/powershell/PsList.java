package dev.vpndiag.plugin.offload.internal.powershell;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell's list view ({@code Format-List}, the default for objects with many properties such
 * as {@code Get-NetAdapterIPsecOffload}): {@code Property : value} lines, padded to one width,
 * objects separated by blank lines, long values wrapped onto indented lines. A list starts at a
 * {@code Name : ...} line.
 */
public final class PsList implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern PROPERTY = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\s*: ?(.*)$");

    @Override
    public Section start(Line line, ReadContext context) {
        if (!line.text().startsWith("Name")) {
            return null;
        }
        Matcher m = PROPERTY.matcher(line.text());
        if (m.matches() && m.group(1).equals("Name")) {
            Records r = new Records(context);
            r.accept(line);
            return r;
        }
        return null;
    }

    private static final class Records implements Section {
        private final PsRecords records;
        private Map<String, String> current = new HashMap<>();
        private long first;
        private String lastKey;

        Records(ReadContext context) {
            this.records = new PsRecords(context);
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank()) {
                return true;
            }
            Matcher m = PROPERTY.matcher(t);
            if (m.matches()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                if (key.equals("name") && current.containsKey("name")) {
                    flush();
                }
                if (current.isEmpty()) {
                    first = line.number();
                }
                current.put(key, m.group(2));
                lastKey = key;
                return true;
            }
            if (Character.isWhitespace(t.charAt(0)) && lastKey != null) {
                current.merge(lastKey, t.strip(), (a, b) -> a + b);
                return true;
            }
            return false;
        }

        private void flush() {
            if (!current.isEmpty()) {
                records.record(current, "line " + first);
            }
            current = new HashMap<>();
            lastKey = null;
        }

        @Override
        public void finish() {
            flush();
            records.finish();
        }
    }
}
