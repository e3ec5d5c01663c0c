package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the text exports of Windows logs: Event Viewer "Save As" CSV and tab-delimited files
 * (Level, Date and Time, Source, Event ID, Task Category, then the message, quoted when it spans
 * lines) and {@code wevtutil qe /f:text} output ({@code Event[N]:} blocks). Their times are local
 * times without a zone; they are taken as UTC.
 */
final class TextExportReader {
    private static final int MAX_FIELD = 256 * 1024;
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSSS][.SSS]", Locale.US),
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.US));

    private final String source;

    TextExportReader(String source) {
        this.source = source;
    }

    /** Reads a CSV (comma) or tab-delimited Event Viewer export. */
    void readDelimited(InputStream in, char delimiter, Consumer<WinEvent> out, BooleanSupplier cancelled,
                       ProblemSink problems) throws IOException {
        Reader r = TextInput.open(in);
        int[] line = {1};
        boolean header = true;
        while (!cancelled.getAsBoolean()) {
            int startLine = line[0];
            List<String> row = row(r, delimiter, line);
            if (row == null) {
                return;
            }
            if (header) {
                header = false;
                continue;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() < 4) {
                problems.problem("line " + startLine, "row with " + row.size() + " fields skipped");
                continue;
            }
            int id;
            try {
                id = Integer.parseInt(row.get(3).trim());
            } catch (NumberFormatException e) {
                problems.problem("line " + startLine, "event id '" + row.get(3) + "' is not a number; row skipped");
                continue;
            }
            String message = row.size() > 5 ? row.get(5) : "";
            out.accept(new WinEvent("line " + startLine, -1, id, row.get(2).trim(), "", "", level(row.get(0)),
                    date(row.get(1)), null, List.of(), message, false));
        }
    }

    /** One delimited row; quoted fields may hold delimiters, doubled quotes and line breaks. */
    private List<String> row(Reader r, char delimiter, int[] line) throws IOException {
        List<String> fields = new ArrayList<>(6);
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) >= 0) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    int next = r.read();
                    if (next == '"') {
                        append(f, '"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            // push back by handling the character now
                            c = next;
                        } else {
                            break;
                        }
                    }
                    if (quoted || next == '"') {
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line[0]++;
                    }
                    append(f, (char) c);
                    continue;
                }
            }
            if (c == '"' && f.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n') {
                line[0]++;
                fields.add(f.toString());
                return fields;
            } else if (c != '\r') {
                append(f, (char) c);
            }
        }
        if (!any) {
            return null;
        }
        if (quoted) {
            throw new EvidenceFormatException(source, "line " + line[0], "quoted field not closed before the end");
        }
        fields.add(f.toString());
        return fields;
    }

    private static void append(StringBuilder f, char c) {
        if (f.length() < MAX_FIELD) {
            f.append(c);
        }
    }

    /** Reads {@code wevtutil qe /f:text} output. */
    void readWevtutil(InputStream in, Consumer<WinEvent> out, BooleanSupplier cancelled) throws IOException {
        try (TextInput t = new TextInput(in)) {
            Block b = null;
            String line;
            while ((line = t.readLine()) != null) {
                if (line.startsWith("Event[")) {
                    if (b != null) {
                        out.accept(b.toEvent());
                        if (cancelled.getAsBoolean()) {
                            return;
                        }
                    }
                    b = new Block(t.lineNo());
                    continue;
                }
                if (b == null) {
                    continue;
                }
                if (b.inDescription) {
                    if (b.description.length() < MAX_FIELD) {
                        b.description.append(line).append('\n');
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "Log Name" -> b.channel = value;
                    case "Source" -> b.provider = value;
                    case "Date" -> b.time = date(value);
                    case "Event ID" -> b.id = parseInt(value);
                    case "Level" -> b.level = level(value);
                    case "Computer" -> b.computer = value;
                    case "Description" -> {
                        b.inDescription = true;
                        b.description.append(value).append(value.isEmpty() ? "" : "\n");
                    }
                    default -> {
                    }
                }
            }
            if (b != null) {
                out.accept(b.toEvent());
            }
        }
    }

    /** One {@code Event[N]:} block being read. */
    private static final class Block {
        final int line;
        String channel = "";
        String provider = "";
        String computer = "";
        Instant time;
        int id = -1;
        int level = -1;
        boolean inDescription;
        final StringBuilder description = new StringBuilder();

        Block(int line) {
            this.line = line;
        }

        WinEvent toEvent() {
            return new WinEvent("line " + line, -1, id, provider, channel, computer, level, time, null, List.of(),
                    description.toString(), false);
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int level(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> 1;
            case "error" -> 2;
            case "warning" -> 3;
            case "information", "audit success", "audit failure" -> 4;
            case "verbose" -> 5;
            default -> -1;
        };
    }

    /** A local date and time as printed by the exports, taken as UTC; null when unreadable. */
    static Instant date(String s) {
        String v = s.trim();
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDateTime.parse(v, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Where recoverable problems go. */
    interface ProblemSink {
        /** Reports a skipped part. */
        void problem(String locator, String message);
    }
}
