package dev.vpndiag.plugin.offload.internal.powershell;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PowerShell's table view ({@code Format-Table}, the default for {@code Get-Service} and
 * {@code Get-NetAdapterAdvancedProperty}): a header of property names, a line of dashes giving
 * each column's start, then one row per object. Only tables whose header names a {@code Name}
 * column and one of the known properties are read.
 */
public final class PsTable implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Set<String> KNOWN = Set.of("status", "enabled", "registrykeyword", "displayvalue");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.isEmpty() || Character.isWhitespace(t.charAt(0)) || !t.contains("Name")) {
            return null;
        }
        String[] words = t.strip().split("\\s+");
        boolean name = false;
        boolean known = false;
        for (String w : words) {
            String l = w.toLowerCase(Locale.ROOT);
            name |= l.equals("name");
            known |= KNOWN.contains(l);
            if (!w.matches("[A-Za-z][A-Za-z0-9]*")) {
                return null;
            }
        }
        return name && known ? new Table(context, t, line.number()) : null;
    }

    private static final class Table implements Section {
        private final ReadContext context;
        private final String header;
        private final long headerLine;
        private final PsRecords records;
        private List<int[]> columns;
        private List<String> names;

        Table(ReadContext context, String header, long headerLine) {
            this.context = context;
            this.header = header;
            this.headerLine = headerLine;
            this.records = new PsRecords(context);
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (columns == null) {
                if (!t.strip().matches("-+(\\s+-+)*")) {
                    return false;
                }
                columns = new ArrayList<>();
                names = new ArrayList<>();
                int i = 0;
                while (i < t.length()) {
                    if (t.charAt(i) == '-') {
                        int s = i;
                        while (i < t.length() && t.charAt(i) == '-') {
                            i++;
                        }
                        columns.add(new int[] {s, i});
                        String n = header.substring(Math.min(s, header.length()), Math.min(i, header.length())).strip();
                        names.add(n.toLowerCase(Locale.ROOT));
                    } else {
                        i++;
                    }
                }
                return true;
            }
            if (t.isBlank()) {
                return false;
            }
            Map<String, String> props = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                int from = columns.get(c)[0];
                int to = c + 1 < columns.size() ? columns.get(c + 1)[0] : t.length();
                String cell = from >= t.length() ? "" : t.substring(from, Math.min(Math.max(to, from), t.length()));
                props.put(names.get(c), cell.strip());
            }
            records.record(props, line.locator());
            return true;
        }

        @Override
        public void finish() {
            if (columns == null) {
                context.unknown(new Line(headerLine, header));
            }
            records.finish();
        }
    }
}
