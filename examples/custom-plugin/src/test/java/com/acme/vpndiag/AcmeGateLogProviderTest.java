package com.acme.vpndiag;

import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.core.VpnDiag;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AcmeGateLogProviderTest {
    private static final Path LOG = Path.of("src/test/resources/acmegate.log");

    @Test
    void readsTheEventsAndReportsTheLineItCannotUse() {
        ProviderRun run = ProviderRun.of(new AcmeGateLogProvider(), Evidence.file(LOG).withSide(Side.SERVER));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED),
                        org.assertj.core.groups.Tuple.tuple(Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED));
        assertThat(run.factsOf(L2tpTunnelAttempt.class)).singleElement().satisfies(t -> {
            assertThat(t.sccrqCount()).isEqualTo(5);
            assertThat(t.ref().locator()).isEqualTo("line 3");
            assertThat(t.side()).isEqualTo(Side.SERVER);
        });
        assertThat(run.problems()).singleElement().satisfies(p -> assertThat(p.locator()).isEqualTo("line 4"));
    }

    @Test
    void declinesOtherContent() {
        ProviderRun run = ProviderRun.of(new AcmeGateLogProvider(),
                Evidence.bytes("other.log", "Nov 20 10:15:00 gw charon: 09[IKE] ...".getBytes(StandardCharsets.UTF_8)));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.NO_MATCH);
    }

    @Test
    void isFoundByServiceLoaderAndFeedsTheEngine() {
        assertThat(ServiceLoader.load(FactProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(AcmeGateLogProvider.class);
        Diagnosis d = VpnDiag.engineBuilder().build().diagnose(EvidenceBundle.of(Evidence.file(LOG).withSide(Side.SERVER)));
        assertThatDiagnosis(d).hasTopCause("L2TP_NOT_ANSWERING").hasLayer(Layer.IKE_QUICK_MODE, LayerStatus.PASSED)
                .hasLayer(Layer.L2TP, LayerStatus.FAILED);
    }
}
