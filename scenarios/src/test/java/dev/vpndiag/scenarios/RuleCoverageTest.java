package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Side;
import dev.vpndiag.core.BundleReader;
import dev.vpndiag.core.internal.Clocks;
import dev.vpndiag.core.internal.DroolsRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule must fire on facts read from files (the real lab bundles from each end, the logs real users
 * posted, and the scenarios' real files; never a hand-written facts.jsonl), or be listed with the reason it cannot in
 * {@code docs/rules-without-file-evidence.md}. Writes {@code target/rule-coverage.md}: each rule and the
 * first evidence it fired on.
 */
class RuleCoverageTest {
    private static final Path EXCEPTIONS = Path.of("..", "docs", "rules-without-file-evidence.md");

    @Test
    void everyRuleFiresOnRealFilesOrSaysWhyItCannot() throws Exception {
        DroolsRules rules = new DroolsRules(Map.of());
        SortedSet<String> all = rules.ruleNames();
        Map<String, String> firstFiredOn = new TreeMap<>();
        for (Map.Entry<String, EvidenceBundle> e : sources().entrySet()) {
            List<dev.vpndiag.api.fact.Fact> facts = ScenarioSuite.ENGINE.extractFacts(e.getValue()).facts();
            rules.run(facts, Clocks.none(), name -> firstFiredOn.putIfAbsent(name, e.getKey()));
        }
        Map<String, String> exceptions = exceptions();
        StringBuilder md = new StringBuilder("# Rule coverage on real files\n\n");
        md.append(String.format(Locale.ROOT, "%d rules; %d fire on facts read from files; %d listed as having no file evidence.%n%n",
                all.size(), all.stream().filter(firstFiredOn::containsKey).count(), exceptions.size()));
        md.append("| rule | first fired on |\n|---|---|\n");
        for (String rule : all) {
            md.append("| ").append(rule).append(" | ")
                    .append(firstFiredOn.getOrDefault(rule, "none: " + exceptions.getOrDefault(rule, "(no reason given)")))
                    .append(" |\n");
        }
        Path out = Path.of("target", "rule-coverage.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());

        List<String> uncovered = all.stream().filter(r -> !firstFiredOn.containsKey(r)).toList();
        assertThat(uncovered).as("rules that fire on no file and are not listed in %s", EXCEPTIONS)
                .allMatch(exceptions::containsKey);
        assertThat(exceptions.keySet()).as("rules listed in %s that do fire on files, or no longer exist", EXCEPTIONS)
                .allMatch(r -> all.contains(r) && !firstFiredOn.containsKey(r));
    }

    /** The plugins' test files (real output, or files in the exact layout a tool writes, see their PROVENANCE.md). */
    private static final List<String> PLUGIN_FILES = List.of("plugin-eventlog/src/test/resources/windows/scenario",
            "plugin-eventlog/src/test/resources/linux/fixtures", "plugin-offload/src/test/resources/fixtures",
            "plugin-offload/src/test/resources/corpus", "plugin-certs/src/test/resources/corpus",
            "plugin-pcap/src/test/resources/corpus/pcap");

    /**
     * Lab bundles read three ways, the real files of the scenarios (their facts.jsonl left out), and each
     * of the plugins' test files read once as the client's and once as the server's.
     */
    private static Map<String, EvidenceBundle> sources() throws IOException {
        Map<String, EvidenceBundle> out = new LinkedHashMap<>();
        for (LabRuns.Run run : LabRuns.all()) {
            out.put("lab " + run, run.evidence());
        }
        for (RealWorldCases.Case c : RealWorldCases.all()) {
            out.put("real-world " + c.name(), c.evidence());
        }
        BundleReader reader = new BundleReader();
        for (ScenarioSuite.Scenario s : ScenarioSuite.all()) {
            EvidenceBundle bundle = EvidenceBundle.of(List.of());
            boolean any = false;
            for (Side side : List.of(Side.CLIENT, Side.SERVER)) {
                Path dir = s.folder().resolve(side.name().toLowerCase(Locale.ROOT));
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                        bundle = bundle.plus(reader.open(f, side));
                        any = true;
                    }
                }
            }
            if (any) {
                out.put("scenario " + s.name(), bundle);
            }
        }
        for (String folder : PLUGIN_FILES) {
            Path dir = Path.of("..").resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".md")
                        && !f.getFileName().toString().endsWith(".sh")).sorted().toList()) {
                    for (Side side : List.of(Side.CLIENT, Side.SERVER)) {
                        out.put(folder.substring(0, folder.indexOf('/')) + " " + dir.relativize(f) + " (" + side.name().toLowerCase(Locale.ROOT) + ")",
                                reader.open(f, side));
                    }
                }
            }
        }
        return out;
    }

    /** The rows of the table in {@link #EXCEPTIONS}: rule name, then why no file makes it fire. */
    private static Map<String, String> exceptions() {
        try {
            Map<String, String> out = new TreeMap<>();
            for (String line : Files.readAllLines(EXCEPTIONS)) {
                if (!line.startsWith("| ") || line.startsWith("| rule |")) {
                    continue;
                }
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", 2);
                assertThat(cells).as("'| rule | reason |' in %s: %s", EXCEPTIONS, line).hasSize(2);
                out.put(cells[0].replace("\\|", "|"), cells[1].replace("\\|", "|").strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
