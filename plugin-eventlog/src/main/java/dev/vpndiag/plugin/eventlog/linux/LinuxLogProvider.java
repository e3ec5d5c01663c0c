package dev.vpndiag.plugin.eventlog.linux;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.eventlog.linux.internal.libreswan.PlutoLines;
import dev.vpndiag.plugin.eventlog.linux.internal.pppd.PppdLines;
import dev.vpndiag.plugin.eventlog.linux.internal.racoon.RacoonLines;
import dev.vpndiag.plugin.eventlog.linux.internal.service.ServiceLines;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.CharonLines;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.StatusLines;
import dev.vpndiag.plugin.eventlog.linux.internal.text.AsciiBytes;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Envelope;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineCounter;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineSource;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import dev.vpndiag.plugin.eventlog.linux.internal.text.PasteRepair;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Program;
import dev.vpndiag.plugin.eventlog.linux.internal.text.RoleScan;
import dev.vpndiag.plugin.eventlog.linux.internal.xl2tpd.Xl2tpdLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
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
        Side side = evidence.side();
        if (side == Side.UNKNOWN) {
            // a log handed over without a side (a paste): its own words tell which end wrote it
            try (InputStream in = evidence.open()) {
                side = RoleScan.of(in);
            }
        }
        FactOut out = new FactOut(evidence.name(), side, sink);
        Map<Program, LineHandler> handlers = new EnumMap<>(Program.class);
        Function<Program, LineHandler> newHandler = k -> handler(k, out);
        Envelope envelope = new Envelope();
        envelope.yearHint(fileYear(evidence.path()));
        LogLine line = new LogLine();
        LineCounter binary = new LineCounter("lines with binary content skipped");
        LineCounter oversized = new LineCounter("lines longer than " + LineSource.MAX_LINE + " bytes skipped");
        LineCounter malformed = new LineCounter("lines shaped like log lines but not understood");
        Reading reading = new Reading(shape, envelope, handlers, newHandler, malformed, out,
                new FactOut(evidence.name(), side, new RelaySink(sink)));
        NewestFirst reversed = shape.newestFirst ? NewestFirst.of(evidence) : null;
        try (InputStream in = reversed != null ? new java.io.ByteArrayInputStream(reversed.oldestFirst) : evidence.open()) {
            LineSource src = new LineSource(in);
            long nextProgress = PROGRESS_BYTES;
            while (!src.atEnd()) {
                src.advance();
                long n = reversed != null ? reversed.lines + 1 - src.lineNumber() : src.lineNumber();
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
                    String text = null; // decoded only when needed, at most once
                    if (m >= 0 && reading.known(line.program)
                            && (envelope.time(b) != null || !Reading.repairable(text = src.text()))) {
                        if (line.program == Program.NONE) {
                            line.message = new String(b, m, end - m, StandardCharsets.ISO_8859_1);
                        }
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
                    } else if (m >= 0 && line.program == Program.OTHER && envelope.time(b) != null
                            && !Reading.mentionsOurs(b, m, end)) {
                        // another daemon's well-formed line: the bulk of a syslog, skipped undecoded
                        reading.continued = Program.OTHER;
                    } else {
                        reading.slow(text != null ? text : src.text(), line);
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
            reading.endRelays();
        }
        emitPlatforms(reading.firstRead, handlers, out);
        binary.report(sink);
        oversized.report(sink);
        malformed.report(sink);
    }

    /** One {@link HostPlatform} per platform whose daemon wrote lines this file holds and that were understood. */
    private static void emitPlatforms(Map<Program, Long> firstRead, Map<Program, LineHandler> handlers, FactOut out) {
        Map<Platform, Long> platforms = new EnumMap<>(Platform.class);
        firstRead.forEach((program, line) -> {
            LineHandler handler = handlers.get(program);
            Platform told = handler == null ? null : handler.platform();
            Platform p = told != null ? told : switch (program) {
                case CHARON, STRONGSWAN_STATUS -> Platform.STRONGSWAN;
                case PLUTO -> Platform.LIBRESWAN;
                case XL2TPD -> Platform.XL2TPD;
                case PPPD -> Platform.PPPD;
                case RACOON -> Platform.MACOS;
                default -> null;
            };
            if (p != null) {
                platforms.merge(p, line, Math::min);
            }
        });
        platforms.forEach((p, line) -> out.emit(HostPlatform.of(out.ref(line), out.side(), p)));
    }

    /** The state of reading one file: which program untagged lines continue, and the second chance for pasted lines. */
    private static final class Reading {
        private final LogShape shape;
        private final Envelope envelope;
        private final Map<Program, LineHandler> handlers;
        private final Function<Program, LineHandler> newHandler;
        private final LineCounter malformed;
        private final LogLine repaired = new LogLine();
        /** Handlers for daemon output that NetworkManager repeated as its own lines; see {@link #relay}. */
        private final Map<Program, LineHandler> relays = new EnumMap<>(Program.class);
        private final FactOut relayOut;
        private final FactOut out;
        /** Programs whose own lines gave facts. */
        private final Set<Program> productive = EnumSet.noneOf(Program.class);
        /** The first line each program's handler understood, for the platform facts. */
        final Map<Program, Long> firstRead = new EnumMap<>(Program.class);
        // A daemon's message may run over several lines (pppd's "You need to create the /dev/ppp
        // device node by / executing ... / mknod ..."): untagged lines right after a tagged one continue it.
        Program continued = Program.NONE;

        Reading(LogShape shape, Envelope envelope, Map<Program, LineHandler> handlers,
                Function<Program, LineHandler> newHandler, LineCounter malformed, FactOut out, FactOut relayOut) {
            this.out = out;
            this.relayOut = relayOut;
            this.shape = shape;
            this.envelope = envelope;
            this.handlers = handlers;
            this.newHandler = newHandler;
            this.malformed = malformed;
        }

        /** True when a line of this program is read without repair. */
        boolean known(Program p) {
            return p != Program.OTHER && p != Program.RELAY && (p != Program.NONE || shape.bare != Program.NONE);
        }

        /** An untagged line right after a tagged one, in a file whose untagged lines are not charon's own. */
        boolean continues(LogLine line) {
            return line.program == Program.NONE && continued != Program.NONE && continued != Program.OTHER
                    && shape.bare != Program.CHARON && !PlutoLines.looksLikePluto(line.message);
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
            // another program's line (a syslog is mostly other daemons) is worth repairing only when it wraps one of ours
            boolean doubtful = r != Envelope.Result.LINE || line.program == Program.RELAY
                    || line.program == Program.OTHER && mentionsOurs(line.message)
                    || line.program == Program.NONE && !known(Program.NONE)
                    || line.time == null && repairable(text);
            if (doubtful) {
                boolean read = false;
                for (String part : PasteRepair.repair(text)) {
                    repaired.reset(line.number);
                    // a repaired line names its program, or is a stamped untagged line of the file's own program
                    if (envelope.parse(part, repaired) == Envelope.Result.LINE && known(repaired.program)
                            && (repaired.program != Program.NONE || repaired.time != null)) {
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
            if (line.program == Program.RELAY) {
                relay(line);
                return;
            }
            if (line.program == Program.OTHER) {
                return;
            }
            if (programOf(line) == Program.NONE) {
                malformed.add(line.number);
                return;
            }
            handle(line);
        }

        /** The names of the daemons read here, as they appear inside other programs' lines. */
        private static final List<String> OUR_NAMES = List.of("charon", "pluto", "xl2tpd", "pppd", "ipsec", "racoon");
        private static final byte[][] OUR_NAME_BYTES = OUR_NAMES.stream().map(AsciiBytes::of).toArray(byte[][]::new);

        /** {@link #mentionsOurs(String)} on the ASCII message {@code b[from, to)}. */
        static boolean mentionsOurs(byte[] b, int from, int to) {
            for (byte[] name : OUR_NAME_BYTES) {
                if (AsciiBytes.indexOf(b, from, to, name) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a message names one of the daemons read here, as a wrapper's line around theirs does. */
        private static boolean mentionsOurs(String m) {
            for (String name : OUR_NAMES) {
                if (m.contains(name)) {
                    return true;
                }
            }
            return false;
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

        /**
         * A line NetworkManager (or its L2TP plugin service) logged for a daemon it runs: nm-l2tp repeats
         * the output of {@code ipsec up} (charon's or pluto's messages without their tags) as its own.
         * Read by separate handlers whose facts count only when the daemon's own lines are absent
         * from the file, so that a log holding both is not read twice.
         */
        private void relay(LogLine line) {
            String m = line.message;
            if (m.isEmpty() || m.charAt(0) == '<' || m.startsWith("** ") || m.startsWith("(")) {
                return; // NetworkManager's own messages: "<info>  [..] vpn[..]: ...", "** Message: ..."
            }
            Program p = m.charAt(0) == '"' || m.length() > 4 && Character.isDigit(m.charAt(0))
                    && Character.isDigit(m.charAt(1)) && Character.isDigit(m.charAt(2)) && m.charAt(3) == ' '
                    ? Program.PLUTO : Program.CHARON;
            if (relays.computeIfAbsent(p, k -> handler(k, relayOut)).line(line)) {
                firstRead.putIfAbsent(p, line.number);
            }
        }

        /** Ends the relay handlers and keeps their facts for daemons whose own lines the file lacks. */
        void endRelays() {
            relays.values().forEach(LineHandler::end);
            RelaySink buffered = (RelaySink) relayOut.sink();
            buffered.flush(relays.keySet().stream().anyMatch(productive::contains) ? Set.of() : relays.keySet());
        }

        void handle(LogLine line) {
            Program p = programOf(line);
            if (line.message.endsWith(",")) {
                // container runtimes and JSON arrays of lines leave a comma behind the message
                line.message = line.message.substring(0, line.message.length() - 1);
            }
            LineHandler h = handlers.computeIfAbsent(p, newHandler);
            long before = out.count();
            if (!h.line(line)) {
                malformed.add(line.number);
            } else {
                firstRead.putIfAbsent(p, line.number);
            }
            if (out.count() > before) {
                productive.add(p);
            }
        }
    }

    /**
     * A log whose lines run newest first (a router's web page, copied), turned round so that each
     * negotiation reads in the order it happened; line numbers still count in the file as given.
     */
    private static final class NewestFirst {
        /** Largest log turned round; a longer one is read as it is. */
        private static final long MAX_BYTES = 32L << 20;
        final byte[] oldestFirst;
        final long lines;

        private NewestFirst(byte[] oldestFirst, long lines) {
            this.oldestFirst = oldestFirst;
            this.lines = lines;
        }

        static NewestFirst of(Evidence evidence) throws IOException {
            if (evidence.size() < 0 || evidence.size() > MAX_BYTES) {
                return null;
            }
            byte[] all;
            try (InputStream in = evidence.open()) {
                all = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (all.length > MAX_BYTES) {
                return null;
            }
            java.util.List<int[]> spans = new java.util.ArrayList<>();
            int start = 0;
            for (int i = 0; i <= all.length; i++) {
                if (i == all.length || all[i] == '\n') {
                    if (i > start || i < all.length) {
                        spans.add(new int[] {start, i});
                    }
                    start = i + 1;
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(all.length + 1);
            for (int k = spans.size() - 1; k >= 0; k--) {
                out.write(all, spans.get(k)[0], spans.get(k)[1] - spans.get(k)[0]);
                out.write('\n');
            }
            return new NewestFirst(out.toByteArray(), spans.size());
        }
    }

    /** Holds the facts read from relayed lines until the end of the file decides whether they count. */
    private static final class RelaySink implements FactSink {
        private static final int MAX_FACTS = 100_000;
        private final FactSink target;
        private final java.util.List<dev.vpndiag.api.fact.Fact> facts = new java.util.ArrayList<>();

        RelaySink(FactSink target) {
            this.target = target;
        }

        @Override
        public void accept(dev.vpndiag.api.fact.Fact fact) {
            if (facts.size() < MAX_FACTS) {
                facts.add(fact);
            }
        }

        @Override
        public void problem(String locator, String message) {
            target.problem(locator, message);
        }

        @Override
        public boolean isCancelled() {
            return target.isCancelled();
        }

        /** Forwards the facts when any relay was read (keep non-empty), else drops them. */
        void flush(Set<Program> keep) {
            if (!keep.isEmpty()) {
                facts.forEach(target::accept);
            }
            facts.clear();
        }
    }

    private static LineHandler handler(Program p, FactOut out) {
        return switch (p) {
            case SERVICE_MANAGER -> new ServiceLines(out);
            case CHARON -> new CharonLines(out);
            case STRONGSWAN_STATUS -> new StatusLines(out);
            case PLUTO -> new PlutoLines(out);
            case XL2TPD -> new Xl2tpdLines(out);
            case PPPD -> new PppdLines(out);
            case RACOON -> new RacoonLines(out);
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
