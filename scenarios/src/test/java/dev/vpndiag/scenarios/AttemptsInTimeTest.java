package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.core.BundleReader;
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

    /**
     * Last year's good session and today's refusal in one log per end, with the stores of both ends
     * ({@code /time/valid-last-year-expired-today}, see {@code make.sh}): the client's certificate
     * expired between the two. Validated at the earliest record of the log (a year ago), it looked
     * valid, so the server's "certificate invalid" read as a wrong clock (CLOCK_SKEW 62 %); validated
     * at the failed attempt's own time it is expired.
     */
    @Test
    void aCertificateIsJudgedAtTheFailedAttemptsTimeNotAtTheLogsFirstLine() throws Exception {
        Path folder = TestResources.path("/time/valid-last-year-expired-today");
        EvidenceBundle evidence = EvidenceBundle.of(List.of());
        BundleReader reader = new BundleReader();
        for (String name : List.of("client-charon.log", "client-store", "server-charon.log", "server-store")) {
            evidence = evidence.plus(reader.open(folder.resolve(name), null));
        }
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(evidence);
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.attempts().get(0).failedLayer()).isNull();
        assertThat(d.diagnosedAttempt().orElseThrow().start()).isEqualTo(d.attempts().get(1).start());
        RankedCause top = d.topCause().orElseThrow();
        assertThat(top.id()).isEqualTo("CERT_EXPIRED");
        assertThat(top.evidence()).anySatisfy(e -> assertThat(e.summary()).contains("client certificate").contains("expired at the time of the attempt"));
        assertThat(d.causes()).filteredOn(c -> c.id().equals("CLOCK_SKEW")).allSatisfy(c -> assertThat(c.confidence()).isLessThan(0.1));
    }

    /**
     * A gateway's log of two peers (the lab's scanner run) and a client's error dialog pasted without time
     * ({@code /time/gateway-log-and-a-pasted-client-error}): nothing says which peer the client was, so its
     * RAS 691 is an attempt of its own. It used to be copied into every attempt, and the lab client's
     * attempt (an ESP failure seen from the server) read as rejected credentials.
     */
    @Test
    void anUntimedClientErrorNeverLandsOnAGatewayPeersAttempt() throws Exception {
        Path folder = TestResources.path("/time/gateway-log-and-a-pasted-client-error");
        BundleReader reader = new BundleReader();
        EvidenceBundle evidence = EvidenceBundle.of(List.of()).plus(reader.open(folder.resolve("server-charon.log"), null))
                .plus(reader.open(folder.resolve("client-dialog.txt"), null));
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(evidence);
        assertThat(d.attempts()).hasSize(3);
        assertThat(d.attempts()).filteredOn(a -> !a.clients().isEmpty())
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.topCause()).isNotEqualTo("PPP_AUTH_FAILED"));
        assertThat(d.attempts()).filteredOn(a -> a.clients().isEmpty()).singleElement().satisfies(a -> {
            assertThat(a.topCause()).isEqualTo("PPP_AUTH_FAILED");
            assertThat(a.facts()).isEqualTo(1);
            assertThat(a.chosenBecause()).isEqualTo("it is the failure the client's own evidence shows");
        });
    }

    /**
     * A good session and a redial four minutes later that fails ({@code /time/good-session-then-failed-redial}:
     * two lab runs made four minutes apart, stamps untouched). Within the ten minutes that join retransmissions,
     * the redial still starts a new IKE SA after one was set up, so it is its own attempt; before, the good
     * session's passed layers hid the failure (INCONCLUSIVE).
     */
    @Test
    void aRedialMinutesAfterAGoodSessionIsItsOwnAttempt() throws Exception {
        Diagnosis d = diagnose("good-session-then-failed-redial");
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.attempts().get(0).failedLayer()).isNull();
        assertThat(d.topCause().orElseThrow().id()).isEqualTo("PSK_MISMATCH");
        assertThat(d.diagnosedAttempt().orElseThrow().start()).isEqualTo(d.attempts().get(1).start());
        assertThat(d.diagnosedAttempt().orElseThrow().chosenBecause()).isEqualTo("it is the only one that failed");
        assertThat(d.attempts().get(0).chosenBecause()).isNull();
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
