package dev.vpndiag.plugin.offload.internal.load;

import dev.vpndiag.api.fact.HostLoad;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU load as three tools print it, one {@link HostLoad} per sample (busy share = 100 - idle):
 * <ul>
 *   <li>procps {@code top -b} (and a pasted top screen): the {@code %Cpu(s):} summary line ({@code Cpu(s):}
 *       with {@code %id} in procps 3.2); the rest of the screen (tasks, memory, process table) is accepted
 *       and ignored;</li>
 *   <li>sysstat {@code mpstat [interval [count]]}: the {@code all} rows, idle being the last column under
 *       {@code %idle} (per-CPU rows and the banner are accepted and ignored);</li>
 *   <li>Windows {@code typeperf "\Processor(_Total)\% Processor Time"}: the PDH-CSV rows, each a sample
 *       with its time (read as UTC: typeperf writes the host's local time without a zone).</li>
 * </ul>
 */
public final class CpuLoad implements SectionStarter {
    private static final Pattern TOP_HEADER = Pattern.compile("^top - \\d{1,2}:\\d\\d:\\d\\d ");
    private static final Pattern TOP_CPU = Pattern.compile("^%?Cpu\\(s\\):.*?([0-9]+(?:[.,][0-9]+)?)[ %]*id\\b");
    private static final Pattern MPSTAT_BANNER = Pattern.compile("^Linux \\S+ \\(.*\\)\\s+\\S+\\s+_\\S+_\\s+\\(\\d+ CPU\\)");
    private static final Pattern MPSTAT_HEADER = Pattern.compile("^(?:\\d{1,2}:\\d\\d:\\d\\d(?: [AP]M)?|Average:)\\s+CPU\\s+.*%idle\\s*$");
    private static final Pattern MPSTAT_ROW = Pattern.compile("^(?:\\d{1,2}:\\d\\d:\\d\\d(?: [AP]M)?|Average:)\\s+(\\S+)\\s+.*\\s([0-9]+(?:[.,][0-9]+)?)\\s*$");
    private static final Pattern PDH_HEADER = Pattern.compile("^\"\\(PDH-CSV 4\\.0\\)[^\"]*\",\"[^\"]*\\\\Processor(?: Information)?\\(_Total\\)\\\\% Processor (?:Time|Utility)\"");
    private static final Pattern PDH_ROW = Pattern.compile("^\"(\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d+)?)\",\"([0-9.]+)\"");
    private static final DateTimeFormatter PDH_TIME = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss[.SSS]", Locale.ROOT);

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.startsWith("top - ") && TOP_HEADER.matcher(t).find() || t.startsWith("%Cpu(s):") || t.startsWith("Cpu(s):")) {
            Top top = new Top(context);
            top.accept(line);
            return top;
        }
        if (t.startsWith("Linux ") && MPSTAT_BANNER.matcher(t).find() || MPSTAT_HEADER.matcher(t).matches()) {
            return new Mpstat(context);
        }
        if (t.startsWith("\"(PDH-CSV") && PDH_HEADER.matcher(t).find()) {
            return new Typeperf(context);
        }
        return null;
    }

    private static double busy(String idle) {
        return 100.0 - Double.parseDouble(idle.replace(',', '.'));
    }

    /** A section of one tool's output: every sample becomes a {@link HostLoad}, nothing is held to the end. */
    private abstract static class Samples implements Section {
        private final ReadContext context;

        Samples(ReadContext context) {
            this.context = context;
        }

        /** Emits one sample, clamped to 0-100 %. */
        void sample(Line line, Instant time, double busyPercent) {
            context.emit(new HostLoad(context.ref(line.locator()), context.side(), time,
                    Math.max(0.0, Math.min(100.0, busyPercent))));
        }

        /** The time of a sample whose line carries none: the last timestamp the file stated. */
        Instant lastTimestamp() {
            return context.lastTimestamp();
        }

        @Override
        public void finish() {
        }
    }

    /** A top screen: the summary lines, the process table header and its rows. */
    private static final class Top extends Samples {
        private boolean table;

        Top(ReadContext context) {
            super(context);
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            Matcher cpu = TOP_CPU.matcher(t);
            if (cpu.find()) {
                sample(line, lastTimestamp(), busy(cpu.group(1)));
                return true;
            }
            if (t.isBlank() || t.startsWith("top - ") || t.startsWith("Tasks:") || t.startsWith("Threads:")
                    || t.startsWith("%Cpu") || t.startsWith("Cpu") || t.matches("^(?:[KMGT]iB )?(?:Mem|Swap)\\s*:.*")) {
                return true;
            }
            if (t.contains("PID") && t.contains("COMMAND")) {
                table = true;
                return true;
            }
            return table && t.matches("^\\s*\\d+\\s+\\S+\\s+.*");
        }
    }

    /** mpstat: the banner, headers, per-CPU rows; the {@code all} rows are samples. */
    private static final class Mpstat extends Samples {
        Mpstat(ReadContext context) {
            super(context);
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank() || MPSTAT_HEADER.matcher(t).matches()) {
                return true;
            }
            Matcher row = MPSTAT_ROW.matcher(t);
            if (!row.matches()) {
                return false;
            }
            if (row.group(1).equals("all") && !t.startsWith("Average:")) {
                sample(line, lastTimestamp(), busy(row.group(2)));
            }
            return true;
        }
    }

    /** typeperf's PDH-CSV rows and its closing lines. */
    private static final class Typeperf extends Samples {
        Typeperf(ReadContext context) {
            super(context);
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            Matcher row = PDH_ROW.matcher(t);
            if (row.find()) {
                Instant time;
                try {
                    time = LocalDateTime.parse(row.group(1), PDH_TIME).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    time = null;
                }
                sample(line, time, Double.parseDouble(row.group(2)));
                return true;
            }
            return t.isBlank() || t.startsWith("Exiting, please wait") || t.startsWith("The command completed successfully");
        }
    }
}
