package dev.vpndiag.plugin.eventlog.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

/**
 * The macOS/iOS VPN error sentences as users paste them, worded as in Apple's ppp project
 * ({@code Controller/en.lproj/Localizable.strings}).
 */
class AppleVpnDialogsTest {
    private static ProviderRun run(String text) {
        return LinuxLogRuns.read("dialog.txt", text);
    }

    @Test
    void aSentenceThatNamesOneFailureIsTheClientsFailure() {
        assertThat(run("The VPN Shared Secret is incorrect.\n").factsOf(IkeSaEvent.class)).singleElement().satisfies(e -> {
            assertThat(e.side()).isEqualTo(Side.CLIENT);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTHENTICATION_FAILED);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
        });
        assertThat(run("The server certificate\u2019s identity is incorrect. Contact your network administrator.\n")
                .factsOf(IkeSaEvent.class)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.ID_MISMATCH));
        assertThat(run("Your certificate has expired. Verify your settings and try reconnecting.\n").factsOf(IkeSaEvent.class))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.CERT_EXPIRED));
        assertThat(run("User Authentication failed.\n").factsOf(PppNegotiation.class)).singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(PppOutcome.FAILED));
    }

    /** Apple's L2TP plugin gives this one both when IPsec never came up and when L2TP got no reply. */
    @Test
    void theL2tpServerDidNotRespondNamesNoLayerAndGivesNoFact() {
        ProviderRun r = run("The L2TP-VPN server did not respond. Try reconnecting. If the problem continues, verify your settings "
                + "and contact your Administrator.\n");
        assertThat(r.facts()).isEmpty();
    }
}
