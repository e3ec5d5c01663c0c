package dev.vpndiag.plugin.eventlog.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.CharonLines;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Envelope;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Program;
import dev.vpndiag.plugin.eventlog.linux.internal.xl2tpd.Xl2tpdLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level prefilter of the charon and xl2tpd handlers: every line it lets pass undecoded
 * must be one whose handling would have changed nothing. The same lines are fed once with and
 * once without the prefilter, in file order, shuffled, and shuffled with some lines cut short, and
 * must give the same facts.
 */
class SkippableLinesTest {
    private static final Path LINUX = Path.of("src/test/resources/linux");

    static Stream<Path> logs() throws IOException {
        try (Stream<Path> s = Files.walk(LINUX)) {
            return s.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith("ipsec-up.txt"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("logs")
    void skippedLinesChangeNothing(Path log) throws IOException {
        List<byte[]> lines = lines(log);
        int[] skipped = new int[1];
        assertThat(read(lines, true, skipped)).isEqualTo(read(lines, false, null));
        List<byte[]> shuffled = new ArrayList<>(lines);
        Collections.shuffle(shuffled, new Random(lines.size()));
        assertThat(read(shuffled, true, null)).isEqualTo(read(shuffled, false, null));
        Random random = new Random(lines.size());
        List<byte[]> cut = new ArrayList<>();
        for (byte[] l : shuffled) {
            cut.add(l.length > 0 && random.nextInt(8) == 0 ? Arrays.copyOf(l, random.nextInt(l.length)) : l);
        }
        assertThat(read(cut, true, null)).isEqualTo(read(cut, false, null));
        if (log.toString().contains("-charon.log")) {
            assertThat(skipped[0]).as("lines skipped").isGreaterThan(lines.size() / 2);
        }
    }

    private static List<byte[]> lines(Path log) throws IOException {
        byte[] all = Files.readAllBytes(log);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static List<Fact> read(List<byte[]> lines, boolean prefilter, int[] skipped) {
        List<Fact> facts = new ArrayList<>();
        FactOut out = new FactOut("log", Side.CLIENT, new FactSink() {
            @Override
            public void accept(Fact fact) {
                facts.add(fact);
            }

            @Override
            public void problem(String locator, String message) {
                facts.add(null);
            }
        });
        LineHandler charon = new CharonLines(out);
        LineHandler xl2tpd = new Xl2tpdLines(out);
        Envelope envelope = new Envelope();
        envelope.yearHint(2026);
        LogLine line = new LogLine();
        long n = 0;
        for (byte[] b : lines) {
            line.reset(++n);
            int m = envelope.scan(b, 0, b.length, line);
            LineHandler h = line.program == Program.CHARON ? charon : line.program == Program.XL2TPD ? xl2tpd : null;
            if (m < 0 || h == null) {
                continue;
            }
            if (prefilter && h.skippable(b, m, b.length)) {
                if (skipped != null) {
                    skipped[0]++;
                }
                continue;
            }
            line.time = envelope.time(b);
            line.message = new String(b, m, b.length - m, StandardCharsets.ISO_8859_1);
            h.line(line);
        }
        charon.end();
        xl2tpd.end();
        return facts;
    }
}
