package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.RasError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A RasClient certificate HRESULT names the check that refused, and so the cause. */
class CertificateHresultRulesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "-2146762495, CERT_EXPIRED",
            "-2146762487, CERT_CHAIN_UNTRUSTED",
            "-2146762486, CERT_CHAIN_UNTRUSTED",
            "-2146762481, CERT_NAME_MISMATCH",
            "-2146762480, CERT_WRONG_PURPOSE"})
    void theHresultNamesTheCause(int code, String cause) {
        RasError r = new RasError(EvidenceRef.of("Application.evtx", "record 7"), Side.CLIENT, Facts.T0, code, "Work VPN",
                "The error code returned on failure is " + code);
        Diagnosis d = EngineHolder.ENGINE.diagnose(EvidenceBundle.of(List.of(Evidence.facts("host", List.of(r)))));
        assertThat(d.topCause()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(cause));
        assertThat(d.layers()).anySatisfy(l -> {
            assertThat(l.layer()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(l.status()).isEqualTo(dev.vpndiag.api.LayerStatus.FAILED);
        });
    }
}
