package dev.vpndiag.plugin.eventlog.linux;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.eventlog.linux.internal.libreswan.PlutoLines;
import dev.vpndiag.plugin.eventlog.linux.internal.pppd.PppdLines;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.CharonLines;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.StatusLines;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Envelope;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineCounter;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineSource;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import dev.vpndiag.plugin.eventlog.linux.internal.text.PasteRepair;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Program;
import dev.vpndiag.plugin.eventlog.linux.internal.xl2tpd.Xl2tpdLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Linux L2TP/IPsec logs into facts: strongSwan charon logs (file log, syslog, journal;
 * IKEv1 and IKEv2) and {@code ipsec up} output, {@code ipsec statusall} and
 * {@code swanctl --list-sas}, libreswan pluto logs, xl2tpd and pppd logs, and
 * {@code journalctl -o short}/{@code -o short-iso}/{@code -o json} exports holding any of them.
 * Several programs may be interleaved in one file.
 *
 * <p>Emits {@code IkeSaEvent}, {@code IkeProposal}, {@code EspDrop}, {@code EspFlow},
 * {@code L2tpTunnelAttempt} and {@code PppNegotiation}, each pointing at its line. Binary, overlong
 * and malformed lines are skipped and reported as one problem per kind.
 */
public final class LinuxLogProvider implements FactProvider {
    private static final int CANCEL_CHECK_LINES = 4096;
    private static final long PROGRESS_BYTES = 4L << 20;

    /** Creates the provider; it holds no state. */
    public LinuxLogProvider() {
    }

    @Override
    public String id() {
        return "linux-logs";
    }

    @Override
    public Set<String> formats() {
        return Set.of("strongswan-charon-log", "strongswan-statusall", "swanctl-list-sas", "libreswan-pluto-log",
                "xl2tpd-log", "pppd-log", "journalctl-short", "journalctl-json");
    }

    @Override
    public int sniff(ContentHead head) {
        return LogShape.of(head.bytes(), head.text()).score;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        byte[] head = evidence.head(ContentHead.SIZE);
        LogShape shape = LogShape.of(head, new ContentHead(evidence.name(), head, evidence.size()).text());
        FactOut out = new FactOut(evidence.name(), evidence.side(), sink);
        Map<Program, LineHandler> handlers = new EnumMap<>(Program.class);
        Function<Program, LineHandler> newHandler = k -> handler(k, out);
        Envelope envelope = new Envelope();
        envelope.yearHint(fileYear(evidence.path()));
        LogLine line = new LogLine();
        LineCounter binary = new LineCounter("lines with binary content skipped");
        LineCounter oversized = new LineCounter("lines longer than " + LineSource.MAX_LINE + " bytes skipped");
        LineCounter malformed = new LineCounter("lines shaped like log lines but not understood");
        Reading reading = new Reading(shape, envelope, handlers, newHandler, malformed);
        try (InputStream in = evidence.open()) {
            LineSource src = new LineSource(in);
            long nextProgress = PROGRESS_BYTES;
            while (!src.atEnd()) {
                src.advance();
                long n = src.lineNumber();
                if (n % CANCEL_CHECK_LINES == 0) {
                    if (sink.isCancelled()) {
                        break;
                    }
                    if (src.consumed() >= nextProgress) {
                        sink.progress(src.consumed());
                        nextProgress = src.consumed() + PROGRESS_BYTES;
                    }
                }
                if (src.kind() == LineSource.Kind.OVERSIZED) {
                    oversized.add(n);
                    continue;
                }
                line.reset(n);
                if (src.kind() == LineSource.Kind.TEXT && !src.high()) {
                    // ASCII: read the envelope from the bytes; decode only lines a handler wants
                    byte[] b = src.buffer();
                    int end = src.lineEnd();
                    int m = envelope.scan(b, src.lineStart(), end, line);
                    if (m >= 0 && reading.known(line.program)
                            && (envelope.time(b) != null || !Reading.repairable(src.text()))) {
                        if (reading.continues(line) && envelope.time(b) == null) {
                            continue;
                        }
                        reading.continued = line.program;
                        Program p = reading.programOf(line);
                        if (handlers.computeIfAbsent(p, newHandler).skippable(b, m, end)) {
                            continue;
                        }
                        line.time = envelope.time(b);
                        line.message = new String(b, m, end - m, StandardCharsets.ISO_8859_1);
                        reading.handle(line);
                    } else if (m == Envelope.SKIP) {
                        continue;
                    } else {
                        reading.slow(src.text(), line);
                    }
                } else {
                    String s = src.kind() == LineSource.Kind.TEXT ? src.text() : null;
                    if (s == null) {
                        binary.add(n);
                        continue;
                    }
                    reading.slow(s, line);
                }
            }
            sink.progress(src.consumed());
        } finally {
            for (LineHandler h : handlers.values()) {
                h.end();
            }
        }
        binary.report(sink);
        oversized.report(sink);
        malformed.report(sink);
    }

    /** The state of reading one file: which program untagged lines continue, and the second chance for pasted lines. */
    private static final class Reading {
        private final LogShape shape;
        private final Envelope envelope;
        private final Map<Program, LineHandler> handlers;
        private final Function<Program, LineHandler> newHandler;
        private final LineCounter malformed;
        private final LogLine repaired = new LogLine();
        // A daemon's message may run over several lines (pppd's "You need to create the /dev/ppp
        // device node by / executing ... / mknod ..."): untagged lines right after a tagged one continue it.
        Program continued = Program.NONE;

        Reading(LogShape shape, Envelope envelope, Map<Program, LineHandler> handlers,
                Function<Program, LineHandler> newHandler, LineCounter malformed) {
            this.shape = shape;
            this.envelope = envelope;
            this.handlers = handlers;
            this.newHandler = newHandler;
            this.malformed = malformed;
        }

        /** True when a line of this program is read without repair. */
        boolean known(Program p) {
            return p != Program.OTHER && (p != Program.NONE || shape.bare != Program.NONE);
        }

        /** An untagged line right after a tagged one, in a file whose untagged lines are not charon's own. */
        boolean continues(LogLine line) {
            return line.program == Program.NONE && continued != Program.NONE && continued != Program.OTHER
                    && shape.bare != Program.CHARON;
        }

        Program programOf(LogLine line) {
            return line.program == Program.NONE ? shape.bare : line.program;
        }

        /** Reads a decoded line; one the strict reading cannot place, or places doubtfully, is repaired and read again. */
        void slow(String text, LogLine line) {
            Envelope.Result r = envelope.parse(text, line);
            if (r == Envelope.Result.SKIP) {
                return;
            }
            boolean doubtful = r != Envelope.Result.LINE || !known(line.program) || line.time == null && repairable(text);
            if (doubtful) {
                boolean read = false;
                for (String part : PasteRepair.repair(text)) {
                    repaired.reset(line.number);
                    if (envelope.parse(part, repaired) == Envelope.Result.LINE && repaired.program != Program.NONE
                            && repaired.program != Program.OTHER) {
                        continued = repaired.program;
                        handle(repaired);
                        read = true;
                    }
                }
                if (read) {
                    return;
                }
            }
            if (r == Envelope.Result.MALFORMED) {
                malformed.add(line.number);
                return;
            }
            if (continues(line) && line.time == null) {
                return;
            }
            continued = line.program;
            if (line.program == Program.OTHER) {
                return;
            }
            if (programOf(line) == Program.NONE) {
                malformed.add(line.number);
                return;
            }
            handle(line);
        }

        /** A line whose first characters show paste damage, so that reading it as an untagged line is doubtful. */
        static boolean repairable(String text) {
            if (text.isEmpty()) {
                return false;
            }
            char c = text.charAt(0);
            return c == '>' || c == '*' || c == '`' || c == '_' || c == '"' || c == ' ' || c == '\t' || c == '-'
                    || c == '+' || c > 0x7f || PasteRepair.stampedAhead(text);
        }

        void handle(LogLine line) {
            Program p = programOf(line);
            if (line.message.endsWith(",")) {
                // container runtimes and JSON arrays of lines leave a comma behind the message
                line.message = line.message.substring(0, line.message.length() - 1);
            }
            LineHandler h = handlers.computeIfAbsent(p, newHandler);
            if (!h.line(line)) {
                malformed.add(line.number);
            }
        }
    }

    private static LineHandler handler(Program p, FactOut out) {
        return switch (p) {
            case CHARON -> new CharonLines(out);
            case STRONGSWAN_STATUS -> new StatusLines(out);
            case PLUTO -> new PlutoLines(out);
            case XL2TPD -> new Xl2tpdLines(out);
            case PPPD -> new PppdLines(out);
            default -> throw new IllegalArgumentException(p.name());
        };
    }

    private static Integer fileYear(Optional<Path> path) {
        if (path.isEmpty()) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(path.get()).toInstant().atZone(ZoneOffset.UTC).getYear();
        } catch (IOException e) {
            return null;
        }
    }
}
