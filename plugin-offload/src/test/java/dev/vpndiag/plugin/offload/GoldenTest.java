package dev.vpndiag.plugin.offload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compares the readers with reference output made by {@code golden/make-golden.sh}. */
class GoldenTest {

    private static List<String[]> rows(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.ROOT.resolve("golden").resolve(name))) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static String pathOf(String file) {
        return Files.exists(Fixtures.ROOT.resolve("corpus").resolve(file)) ? "corpus/" + file : "fixtures/" + file;
    }

    @Test
    void espOffloadMatchesGrep() throws IOException {
        List<String[]> rows = rows("ethtool-esp.tsv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        for (String[] r : rows) {
            ProviderRun run = Fixtures.run(pathOf(r[0]));
            boolean on = r[2].equals("on");
            assertThat(run.factsOf(OffloadState.class))
                    .filteredOn(s -> s.ref().locator().endsWith("(esp-hw-offload at line " + r[1] + ")"))
                    .singleElement().satisfies(s -> {
                        assertThat(s.ipsecOffloadEnabled()).isEqualTo(on);
                        assertThat(s.ipsecOffloadCapable()).isEqualTo(on || r[3].equals("changeable"));
                    });
        }
    }

    @Test
    void countersMatchGrep() throws IOException {
        Map<String, List<String[]>> byFile = new LinkedHashMap<>();
        for (String[] r : rows("ipsec-counters.tsv")) {
            byFile.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        assertThat(byFile).hasSizeGreaterThanOrEqualTo(3);
        byFile.forEach((file, rows) -> {
            List<IpsecStatistics> stats = Fixtures.run(pathOf(file)).factsOf(IpsecStatistics.class);
            List<String[]> actual = new ArrayList<>();
            for (IpsecStatistics s : stats) {
                actual.add(new String[] {file, "bad", String.valueOf(s.badSpiPackets())});
                actual.add(new String[] {file, "notauth", String.valueOf(s.packetsNotAuthenticated())});
                actual.add(new String[] {file, "sent", String.valueOf(s.confidentialBytesSent())});
                actual.add(new String[] {file, "received", String.valueOf(s.confidentialBytesReceived())});
            }
            List<String> expected = rows.stream().map(r -> kind(r[1]) + "=" + r[2]).sorted().toList();
            assertThat(actual.stream().map(a -> a[1] + "=" + a[2]).sorted().toList()).isEqualTo(expected);
        });
    }

    private static String kind(String label) {
        String l = label.toLowerCase();
        if (l.startsWith("bad spi")) {
            return "bad";
        }
        if (l.contains("not authenticated")) {
            return "notauth";
        }
        return l.endsWith("sent") ? "sent" : "received";
    }

    @Test
    void regDwordsMatchIconvAndGrep() throws IOException {
        List<String[]> rows = rows("reg-dwords.tsv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
        for (String[] r : rows) {
            assertThat(Fixtures.run("fixtures/" + r[0]).factsOf(RegistryValue.class))
                    .filteredOn(v -> v.name().equals(r[1])).singleElement()
                    .extracting(RegistryValue::value).isEqualTo(r[2]);
        }
    }
}
