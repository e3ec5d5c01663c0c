package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A day's log with a good session and a failed one to the same gateway ({@code /time}, built by its
 * {@code make.sh} from real lab logs with the stamps of one run moved by six hours): two attempts,
 * and the good session's passed layers never cancel the other's failure, whichever came first.
 */
class AttemptsInTimeTest {
    private static Diagnosis diagnose(String fixture) {
        Path log = TestResources.path("/time/" + fixture + "/client-charon.log");
        return ScenarioSuite.ENGINE.diagnose(EvidenceBundle.of(List.of(Evidence.file(log))));
    }

    @Test
    void aMorningsGoodSessionDoesNotHideTheAfternoonsFailure() throws Exception {
        Diagnosis d = diagnose("morning-healthy-afternoon-psk-mismatch");
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.verdict()).isEqualTo(Verdict.FAULT_FOUND);
        assertThat(d.statusOf(Layer.IKE_MAIN_MODE)).isEqualTo(LayerStatus.FAILED);
        assertThat(d.topCause().orElseThrow().id()).isEqualTo("PSK_MISMATCH");
        ConnectionAttempt chosen = d.diagnosedAttempt().orElseThrow();
        assertThat(chosen.start()).isEqualTo(d.attempts().get(1).start());
        assertThat(d.attempts().get(0).failedLayer()).isNull();
    }

    @Test
    void aFailureInTheMorningIsStillDiagnosedAfterAGoodSessionLater() throws Exception {
        Diagnosis d = diagnose("morning-psk-mismatch-afternoon-healthy");
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.topCause().orElseThrow().id()).isEqualTo("PSK_MISMATCH");
        assertThat(d.diagnosedAttempt().orElseThrow().start()).isEqualTo(d.attempts().get(0).start());
        assertThat(d.attempts().get(1).failedLayer()).isNull();
    }
}
