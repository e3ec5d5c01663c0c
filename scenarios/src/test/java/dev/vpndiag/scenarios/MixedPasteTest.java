package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.RasError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ticket that quotes a Windows error dialog and pastes the server's charon lines below it
 * ({@code /pasted}): each reader takes its own lines from the one text.
 */
class MixedPasteTest {
    private static EvidenceBundle ticket() {
        Path p = TestResources.path("/pasted/ticket-windows-and-charon.txt");
        return EvidenceBundle.of(List.of(Evidence.file(p)));
    }

    @Test
    void theWindowsErrorAndTheCharonLinesAreBothRead() throws Exception {
        FactExtraction x = ScenarioSuite.ENGINE.extractFacts(ticket());
        assertThat(x.facts()).filteredOn(RasError.class::isInstance).extracting(f -> ((RasError) f).code())
                .containsExactly(789);
        assertThat(x.facts()).filteredOn(IkeSaEvent.class::isInstance).isNotEmpty();
        assertThat(x.stats().factsByProvider()).containsKeys("linux-logs", "windows-eventlog");
    }

    @Test
    void togetherTheyNameTheKey() throws Exception {
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(ticket());
        assertThat(d.topCause().orElseThrow().id()).isEqualTo("PSK_MISMATCH");
    }
}
