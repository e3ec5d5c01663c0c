package dev.vpndiag.plugin.eventlog.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

/**
 * An LCP Terminate-Request carries pppd's reason for closing the link (pppd/auth.c): "Authentication
 * failed" when this end rejected the peer, "Failed to authenticate ourselves to peer" when the peer
 * rejected this end. Pasted alone, it still says the authentication layer failed; other reasons do not.
 */
class PppTerminationTest {
    private static java.util.List<PppNegotiation> auth(String text) {
        ProviderRun r = LinuxLogRuns.read("pppd.log", text);
        return r.factsOf(PppNegotiation.class).stream().filter(n -> n.stage() == PppStage.AUTH).toList();
    }

    @Test
    void aTerminationForFailedAuthenticationIsAnAuthenticationFailure() {
        for (String line : new String[] {
            "Mar  3 10:00:00 lns pppd[42]: sent [LCP TermReq id=0x2 \"Authentication failed\"]",
            "Mar  3 10:00:00 lac pppd[42]: rcvd [LCP TermReq id=0x2 \"Authentication failed\"]",
            "Mar  3 10:00:00 lac pppd[42]: sent [LCP TermReq id=0x3 \"Failed to authenticate ourselves to peer\"]"}) {
            assertThat(auth(line + "\n")).as(line).singleElement()
                    .satisfies(n -> assertThat(n.outcome()).isEqualTo(PppOutcome.FAILED));
        }
    }

    @Test
    void aFailureAlreadyReadIsNotCountedTwice() {
        assertThat(auth("""
                Mar  3 10:00:00 lac pppd[42]: MS-CHAP authentication failed: E=691 Authentication failure
                Mar  3 10:00:00 lac pppd[42]: rcvd [LCP TermReq id=0x2 "Authentication failed"]
                """)).hasSize(1);
    }

    @Test
    void otherReasonsSayNothingOfAuthentication() {
        assertThat(auth("Mar  3 10:00:00 lac pppd[42]: sent [LCP TermReq id=0x2 \"User request\"]\n")).isEmpty();
        assertThat(auth("Mar  3 10:00:00 lac pppd[42]: rcvd [LCP TermReq id=0x2 \"Link inactive\"]\n")).isEmpty();
    }
}
