package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gateway's evidence with a working and a failing client: each is diagnosed on its own evidence. */
class ConnectionAttemptsTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final String GATEWAY = "203.0.113.5";
    private static final String WORKING = "198.51.100.20";
    private static final String FAILING = "192.0.2.44";

    private static IkeSaEvent event(String peer, Layer phase, IkeOutcome outcome, IkeFailureReason reason, int second) {
        return new IkeSaEvent(EvidenceRef.of("charon.log", "line " + second), Side.SERVER, T.plusSeconds(second),
                IkeVersion.IKEV1, phase, outcome, reason, AuthMethod.PRE_SHARED_KEY, GATEWAY, peer, outcome.name());
    }

    private static EvidenceBundle gateway() {
        List<Fact> facts = List.of(
                event(WORKING, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, 1),
                event(WORKING, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, 2),
                new EspFlow(EvidenceRef.of("statusall.txt", "line 19"), Side.SERVER, T.plusSeconds(60), WORKING, GATEWAY,
                        0xc0000001L, 20, 2800, false, false, null),
                new EspFlow(EvidenceRef.of("statusall.txt", "line 19"), Side.SERVER, T.plusSeconds(60), GATEWAY, WORKING,
                        0xc0000002L, 20, 2800, false, false, null),
                new L2tpTunnelAttempt(EvidenceRef.of("xl2tpd.log", "line 7"), Side.SERVER, T.plusSeconds(5), GATEWAY,
                        WORKING, 7, 1, true, true, true, null, null, null, null),
                event(FAILING, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, 200));
        return Facts.bundle(facts.toArray(Fact[]::new));
    }

    @Test
    void theFailingAttemptIsDiagnosedAndEveryAttemptIsListed() {
        Diagnosis d = EngineHolder.ENGINE.diagnose(gateway());
        assertThat(d.verdict()).isEqualTo(Verdict.FAULT_FOUND);
        assertThat(d.statusOf(Layer.IKE_MAIN_MODE)).isEqualTo(LayerStatus.FAILED);
        assertThat(d.topCause().orElseThrow().id()).isEqualTo("PSK_MISMATCH");
        assertThat(d.attempts()).extracting(ConnectionAttempt::id).containsExactly("attempt-1", "attempt-2");
        assertThat(d.attempts().get(0).clients()).containsExactly(WORKING);
        assertThat(d.attempts().get(0).failedLayer()).isNull();
        assertThat(d.attempts().get(1).clients()).containsExactly(FAILING);
        assertThat(d.attempts().get(1).servers()).containsExactly(GATEWAY);
        assertThat(d.attempts().get(1).topCause()).isEqualTo("PSK_MISMATCH");
        assertThat(d.diagnosedAttempt()).hasValueSatisfying(a -> assertThat(a.id()).isEqualTo("attempt-2"));
        assertThat(d.stats().facts()).isEqualTo(6);
    }

    @Test
    void anAttemptCanBeChosenByIdOrAddress() {
        Diagnosis working = EngineHolder.ENGINE.diagnose(gateway(), WORKING, ProgressListener.NONE);
        assertThat(working.diagnosedAttempt().orElseThrow().id()).isEqualTo("attempt-1");
        assertThat(working.statusOf(Layer.L2TP)).isEqualTo(LayerStatus.PASSED);
        assertThat(working.causes()).isEmpty();
        assertThat(working.ruledOut()).extracting(r -> r.id()).contains("PSK_MISMATCH");

        Diagnosis byId = EngineHolder.ENGINE.diagnose(gateway(), "attempt-2", ProgressListener.NONE);
        assertThat(byId).isEqualTo(EngineHolder.ENGINE.diagnose(gateway()).withAttempts(byId.attempts(), byId.stats()));
        assertThat(byId.diagnosedAttempt().orElseThrow().chosenBecause()).isEqualTo("it is the attempt asked for (attempt-2)");
    }

    @Test
    void anUnknownChoiceSaysWhichAttemptsThereAre() {
        assertThatThrownBy(() -> EngineHolder.ENGINE.diagnose(gateway(), "10.9.9.9", ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.9.9.9").hasMessageContaining("attempt-1 (" + WORKING + " -> " + GATEWAY + ")");
    }
}
