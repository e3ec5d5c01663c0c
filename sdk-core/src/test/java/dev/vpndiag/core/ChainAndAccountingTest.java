package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The causal chain gates the ranking, and every catalogue id is accounted for exactly once. */
class ChainAndAccountingTest {

    static Stream<EvidenceBundle> bundles() {
        return Stream.of(
                bundle(ike(Side.CLIENT, 5, 0, 1, 0)),
                bundle(ike(Side.CLIENT, 1, 1, 2, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE)),
                bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10)),
                bundle(ipsecUp(), l2tp(5, false, false, null, null)),
                bundle(ras(742)),
                bundle(),
                bundle(ipsecUp(), l2tp(1, true, true, null, null), ppp(PppStage.LCP, PppOutcome.OPENED, null, null),
                        ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "MS-CHAPv2", null), ppp(PppStage.CCP, PppOutcome.OPENED, null, null)));
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyCatalogueCauseAppearsInExactlyOneList(EvidenceBundle bundle) {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle);
        List<String> seen = new ArrayList<>();
        d.causes().stream().map(RankedCause::id).forEach(seen::add);
        d.ruledOut().stream().map(RuledOutCause::id).forEach(seen::add);
        d.notEvaluated().stream().map(NotEvaluatedCause::id).forEach(seen::add);
        List<String> catalogue = EngineHolder.ENGINE.catalogue().stream()
                .filter(e -> e.kind() == CatalogueEntry.Kind.CAUSE).map(CatalogueEntry::id).toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(catalogue);
        assertThat(d.notEvaluated()).allSatisfy(n -> assertThat(n.reason()).isNotBlank());
        assertThat(d.ruledOut()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void onlyCausesOfTheFirstFailedLayerAreRanked(EvidenceBundle bundle) {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle);
        d.failedLayer().ifPresent(failed -> assertThat(d.causes()).allSatisfy(c -> assertThat(
                EngineHolder.ENGINE.catalogue().stream().filter(e -> e.id().equals(c.id())).findFirst().orElseThrow()
                        .failsAtLayers()).contains(failed)));
        List<LayerStatus> ladder = d.layers().stream().map(l -> l.status()).toList();
        int failedAt = ladder.indexOf(LayerStatus.FAILED);
        if (failedAt >= 0) {
            assertThat(ladder.subList(0, failedAt)).allMatch(s -> s == LayerStatus.PASSED);
            assertThat(ladder.subList(failedAt + 1, ladder.size())).allMatch(s -> s == LayerStatus.NOT_REACHED);
        }
        double sum = d.causes().stream().mapToDouble(RankedCause::confidence).sum();
        assertThat(sum).isLessThanOrEqualTo(1.001);
        assertThat(d.causes()).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
    }

    @Test
    void anL2tpCauseNeverOutranksAFailedMainMode() {
        // Evidence for both a dead L2TP server and a main mode proposal failure: main mode comes first.
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle(ike(Side.CLIENT, 1, 1, 2, 0),
                ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE), l2tp(5, false, false, null, null), ras(742)));
        assertThat(d.failedLayer()).contains(Layer.IKE_MAIN_MODE);
        assertThat(d.topCause()).get().extracting(RankedCause::id).isEqualTo("IKE_PROPOSAL_MISMATCH");
        assertThat(d.causes()).extracting(RankedCause::id).doesNotContain("L2TP_NOT_ANSWERING", "MPPE_ENCRYPTION_MISMATCH");
        assertThat(d.notEvaluated()).extracting(NotEvaluatedCause::id).contains("L2TP_NOT_ANSWERING", "MPPE_ENCRYPTION_MISMATCH");
        assertThat(d.notEvaluated()).filteredOn(n -> n.id().equals("L2TP_NOT_ANSWERING"))
                .allSatisfy(n -> assertThat(n.reason()).contains("not reached"));
    }

    @Test
    void aPassedLayerRulesOutItsCausesWithTheEvidence() {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10)));
        RuledOutCause psk = d.ruledOut().stream().filter(r -> r.id().equals("CERT_EXPIRED")).findFirst().orElseThrow();
        assertThat(psk.reason()).contains("IKE_MAIN_MODE passed");
        assertThat(psk.evidence()).isNotEmpty();
    }

    @Test
    void noEvidenceIsInconclusiveAndAsksForEvidence() {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle());
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(d.causes()).isEmpty();
        assertThat(d.layers()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LayerStatus.UNKNOWN));
        assertThat(d.nextEvidence()).isNotEmpty();
    }

    @Test
    void nextEvidenceSeparatesTheLiveCausesAndSkipsWhatIsThere() {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle(ike(Side.CLIENT, 5, 0, 1, 0)));
        assertThat(d.nextEvidence()).isNotEmpty();
        assertThat(d.nextEvidence().get(0).side()).isEqualTo(Side.SERVER);
        assertThat(d.nextEvidence().get(0).separates()).contains("IKE_UDP500_BLOCKED");
        assertThat(d.nextEvidence()).noneMatch(r -> r.side() == Side.CLIENT && r.what().contains("packet capture"));
    }
}
