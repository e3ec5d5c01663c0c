package dev.vpndiag.scenarios;

import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.RankedCause;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real strongSwan/xl2tpd lab runs ({@link LabRuns}): from both ends' files the injected cause
 * comes first; from one end's files a wrong first cause is never held above 0.6, and the truth is
 * among the first three in at least 90 % of those runs; a healthy run passes every IPsec layer.
 */
class LabBundlesTest {
    private static final Set<Layer> IPSEC = EnumSet.of(Layer.PATH, Layer.IKE_MAIN_MODE, Layer.IKE_QUICK_MODE, Layer.ESP);

    static List<LabRuns.Run> runs() {
        return LabRuns.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void labRunGivesItsExpectedDiagnosis(LabRuns.Run run) {
        Assumptions.assumeTrue(run.skip() == null, () -> "skipped: " + run.skip());
        Diagnosis d = run.diagnose();
        assertThat(d.problems()).as("problems reading %s", run).isEmpty();
        if (run.healthy()) {
            assertThatDiagnosis(d).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.PASSED)
                    .hasLayer(Layer.IKE_QUICK_MODE, LayerStatus.PASSED).hasLayer(Layer.ESP, LayerStatus.PASSED);
            List<String> ipsecCauses = d.causes().stream().map(RankedCause::id)
                    .filter(id -> ScenarioSuite.ENGINE.catalogue().stream().filter(c -> c.id().equals(id)).findFirst()
                            .orElseThrow().failsAtLayers().stream().anyMatch(IPSEC::contains)).toList();
            assertThat(ipsecCauses).as("IPsec causes ranked for a healthy IPsec run").isEmpty();
            return;
        }
        if (run.variant() == LabRuns.Variant.BOTH) {
            assertThat(run.firstRight(d)).as("first cause of %s: %s", run, summary(d)).isTrue();
        } else if (!run.firstRight(d) && !d.causes().isEmpty()) {
            assertThat(d.causes().get(0).confidence()).as("a wrong first cause for %s: %s", run, summary(d))
                    .isLessThanOrEqualTo(LabRuns.MAX_WRONG_CONFIDENCE);
        }
    }

    @Test
    void oneSidedRunsKeepTheTruthInTheFirstThree() {
        int judged = 0;
        List<String> misses = new ArrayList<>();
        for (LabRuns.Run run : LabRuns.all()) {
            if (run.variant() == LabRuns.Variant.BOTH || run.healthy() || run.skip() != null) {
                continue;
            }
            judged++;
            Diagnosis d = run.diagnose();
            if (!run.inTop3(d)) {
                misses.add(run + ": " + summary(d));
            }
        }
        assertThat(judged).isPositive();
        assertThat((double) (judged - misses.size()) / judged).as("one-sided top-3; misses %s", misses)
                .isGreaterThanOrEqualTo(0.9);
    }

    static String summary(Diagnosis d) {
        if (d.causes().isEmpty()) {
            return d.verdict() + ", no cause";
        }
        StringBuilder s = new StringBuilder(d.verdict().toString());
        d.causes().stream().limit(3).forEach(c -> s.append(String.format(java.util.Locale.ROOT, " %s %.2f", c.id(), c.confidence())));
        return s.toString();
    }
}
