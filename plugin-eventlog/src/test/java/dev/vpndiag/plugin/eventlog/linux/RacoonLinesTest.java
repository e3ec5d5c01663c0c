package dev.vpndiag.plugin.eventlog.linux;

import static dev.vpndiag.plugin.eventlog.linux.LinuxLogRuns.failures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

/**
 * macOS's racoon in {@code system.log}. The messages are racoon's own: {@code vpn.c} ("IPSec
 * connecting to server %s"), {@code isakmp.c} ("IPSec Phase 1 started (Initiated by me).",
 * "Resend Phase 1 packet %s", "Phase 1 negotiation failed due to time up. %s", "IPSec Phase 1
 * established (Initiated by %s)."), {@code oakley.c} ("HASH mismatched"), {@code pfkey_racoon.c}
 * ("IPSec Phase 2 established (Initiated by %s)."), and the packet tracer of earlier releases ("IKE
 * Packet: receive success. (Initiator, Main-Mode message 2)."). The {@code %s} of the index is
 * racoon's "cookie:cookie:msgid".
 */
class RacoonLinesTest {
    private static ProviderRun run(String text) {
        return LinuxLogRuns.read("system.log", text);
    }

    @Test
    void phaseOneThatTimesOutWithoutAnyAnswerIsTheClientsUnansweredMainMode() {
        ProviderRun r = run("""
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IPSec connecting to server 198.51.100.1
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IPSec Phase 1 started (Initiated by me).
                Jan 20 21:14:12 MacBook-Pro racoon[412]: Resend Phase 1 packet 4f2b1c9a8d7e6f10:0000000000000000
                Jan 20 21:14:22 MacBook-Pro racoon[412]: Resend Phase 1 packet 4f2b1c9a8d7e6f10:0000000000000000
                Jan 20 21:14:32 MacBook-Pro racoon[412]: Phase 1 negotiation failed due to time up. 4f2b1c9a8d7e6f10:0000000000000000
                Jan 20 21:14:32 MacBook-Pro racoon[412]: IPSec disconnecting from server 198.51.100.1
                """);
        assertThat(r.factsOf(IkeSaEvent.class)).allSatisfy(e -> {
            assertThat(e.side()).isEqualTo(Side.CLIENT);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.1");
        });
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.detail()).doesNotContain("answers");
        });
    }

    @Test
    void answeredMainModeThatThenTimesOutSaysHowFarItGot() {
        ProviderRun r = run("""
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IPSec Phase1 started (Initiated by me).
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IKE Packet: transmit success. (Initiator, Main-Mode message 1).
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IKE Packet: receive success. (Initiator, Main-Mode message 2).
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IKE Packet: transmit success. (Initiator, Main-Mode message 3).
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IKE Packet: receive success. (Initiator, Main-Mode message 4).
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IKE Packet: transmit success. (Initiator, Main-Mode message 5).
                Jan 20 21:14:12 MacBook-Pro racoon[412]: IKE Packet: transmit success. (Phase1 Retransmit).
                Jan 20 21:14:32 MacBook-Pro racoon[412]: Phase1 negotiation failed due to time up. 4f2b1c9a8d7e6f10:8a1b2c3d4e5f6071
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.detail()).contains("after 2 answers from the peer");
        });
    }

    @Test
    void hashMismatchIsARefusedPreSharedKeyAndPhaseTwoIsReadToo() {
        ProviderRun bad = run("""
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IPSec Phase 1 started (Initiated by me).
                Jan 20 21:14:03 MacBook-Pro racoon[412]: HASH mismatched
                """);
        assertThat(failures(bad)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTHENTICATION_FAILED);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
        });
        ProviderRun good = run("""
                Jan 20 21:14:02 MacBook-Pro racoon[412]: IPSec Phase 1 established (Initiated by me).
                Jan 20 21:14:03 MacBook-Pro racoon[412]: IPSec Phase 2 started (Initiated by me).
                Jan 20 21:14:03 MacBook-Pro racoon[412]: IPSec Phase 2 established (Initiated by me).
                """);
        assertThat(good.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED),
                org.assertj.core.groups.Tuple.tuple(Layer.IKE_QUICK_MODE, IkeOutcome.STARTED),
                org.assertj.core.groups.Tuple.tuple(Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED));
    }
}
