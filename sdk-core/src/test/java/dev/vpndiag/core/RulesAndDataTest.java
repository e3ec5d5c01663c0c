package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Layer;
import dev.vpndiag.core.internal.Catalogue;
import dev.vpndiag.core.internal.RankingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue, the ranking data and the rule files agree with each other and with the public ids. */
class RulesAndDataTest {
    /** The public contract: these ids never change. */
    static final List<String> CATALOGUE_IDS = List.of("IKE_UDP500_BLOCKED", "SERVER_NO_IPSEC_POLICY",
            "IPSEC_SERVICE_STOPPED", "NAT_TRAVERSAL_UNSUPPORTED", "UDP4500_BLOCKED", "ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH",
            "NIC_IPSEC_OFFLOAD_FAULT", "IKE_FRAGMENTS_DROPPED", "CERT_MISSING", "CERT_NO_PRIVATE_KEY", "CERT_CHAIN_UNTRUSTED",
            "CERT_EXPIRED", "CLOCK_SKEW", "CERT_NAME_MISMATCH", "CERT_WRONG_PURPOSE", "PSK_MISMATCH",
            "IKE_AUTH_METHOD_MISMATCH", "IKE_PROPOSAL_MISMATCH", "QM_POLICY_MISMATCH", "INTEROP_TUNNEL_MODE",
            "SOFT_SA_BLOCKING", "BAD_SPI_REKEY", "L2TP_NOT_ANSWERING", "L2TP_TUNNEL_REJECTED", "PPP_LCP_FAILED",
            "PPP_AUTH_PROTOCOL_MISMATCH", "PPP_AUTH_FAILED", "REMOTE_ACCESS_POLICY_DENIED", "MPPE_ENCRYPTION_MISMATCH",
            "MPPE_KEYS_UNAVAILABLE", "SERVER_CPU_SATURATED");
    static final List<String> FINDING_IDS = List.of("IKE_AUDIT_DISABLED", "CAPTURE_ENCRYPTED_ONLY", "ONE_SIDED_EVIDENCE",
            "EVIDENCE_UNREADABLE");
    private static final Path RULES = Path.of("src/main/resources/dev/vpndiag/rules");
    private static final Pattern WEIGHTED = Pattern.compile(
            "new (CauseSupport|CauseContradiction)\\(\"([A-Z0-9_]+)\", \"([a-z0-9-]+)\"");
    private static final Pattern RULE_NAME = Pattern.compile("^rule \"([A-Z0-9_]+) ", Pattern.MULTILINE);

    @Test
    void catalogueHoldsEveryPublicIdWithTextForPeople() {
        Catalogue catalogue = Catalogue.builtIn();
        assertThat(catalogue.causes()).extracting(CatalogueEntry::id).containsExactlyElementsOf(CATALOGUE_IDS);
        assertThat(catalogue.entries()).filteredOn(e -> e.kind() == CatalogueEntry.Kind.FINDING)
                .extracting(CatalogueEntry::id).containsExactlyElementsOf(FINDING_IDS);
        assertThat(catalogue.entries()).allSatisfy(e -> {
            assertThat(e.title()).isNotBlank();
            assertThat(e.description()).isNotBlank();
            assertThat(e.remediation()).isNotEmpty();
        });
        assertThat(catalogue.causes()).allSatisfy(e -> {
            assertThat(e.layer()).isNotNull();
            assertThat(e.failsAt()).isNotNull();
            assertThat(e.failsAtLayers()).isNotEmpty().isSorted().doesNotHaveDuplicates().startsWith(e.failsAt());
            assertThat(e.references()).isNotEmpty();
            assertThat(catalogue.evidenceFor(e.id())).isNotEmpty();
        });
    }

    @Test
    void everyWeightTheRulesNameIsInTheRankingDataAndEveryCauseHasAPrior() throws IOException {
        RankingData ranking = RankingData.builtIn();
        List<String> missing = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Path drl : drlFiles()) {
            Matcher m = WEIGHTED.matcher(Files.readString(drl));
            while (m.find()) {
                String key = m.group(2) + "." + m.group(3);
                used.add(key);
                if (ranking.weight(m.group(2), m.group(3)) == null) {
                    missing.add(key + " (" + drl.getFileName() + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
        // No stale weights: every weight in the data is used by some rule.
        assertThat(ranking.all().keySet().stream().filter(k -> !k.startsWith("prior.") && !k.startsWith("unexplained") && !k.equals("overlap")))
                .allSatisfy(k -> assertThat(used).contains(k));
        assertThat(ranking.all().keySet().stream().filter(k -> k.startsWith("prior.") && !k.equals("prior.default"))
                .map(k -> k.substring(6))).allSatisfy(id -> assertThat(CATALOGUE_IDS).contains(id));
    }

    @Test
    void ruleNamesStartWithTheCatalogueIdTheyServe() throws IOException {
        for (Path drl : drlFiles()) {
            Matcher m = RULE_NAME.matcher(Files.readString(drl));
            while (m.find()) {
                assertThat(m.group(1)).as("rule in %s", drl.getFileName())
                        .isIn(Stream.concat(Stream.concat(CATALOGUE_IDS.stream(), FINDING_IDS.stream()), Stream.of("CHAIN")).toList());
            }
        }
    }

    @Test
    void hostRulesJoinTheBuiltInOnes() {
        String drl = """
                package com.example.rules;
                import dev.vpndiag.api.Layer;
                import dev.vpndiag.api.fact.*;
                import dev.vpndiag.api.rule.*;
                rule "SERVER_CPU_SATURATED vendor load probe"
                when
                    $l : HostLoad( cpuPercent > 95 )
                then
                    insert(new LayerFailed(Layer.ESP, "server CPU at " + $l.cpuPercent() + "%", $l.ref()));
                    insert(new CauseSupport("SERVER_CPU_SATURATED", "cpu-high", "CPU at " + $l.cpuPercent() + "%", $l.ref()));
                end
                """;
        DiagnosticEngine engine = VpnDiag.engineBuilder().discoverPlugins(false).addRules("vendor", drl).build();
        Diagnosis d = engine.diagnose(bundle(ipsecUp(), new dev.vpndiag.api.fact.HostLoad(ref("line 1"),
                dev.vpndiag.api.Side.SERVER, T0, 99.0)));
        assertThat(d.failedLayer()).contains(Layer.ESP);
        assertThat(d.topCause()).get().extracting(c -> c.id()).isEqualTo("SERVER_CPU_SATURATED");
    }

    @Test
    void hostRulesThatDoNotCompileAreRejectedAtBuildTime() {
        assertThatThrownBy(() -> VpnDiag.engineBuilder().discoverPlugins(false).addRules("broken", "rule \"x\" when then").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken");
    }

    private static List<Path> drlFiles() throws IOException {
        try (Stream<Path> s = Files.list(RULES)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
            assertThat(files).isNotEmpty();
            return files;
        }
    }
}
