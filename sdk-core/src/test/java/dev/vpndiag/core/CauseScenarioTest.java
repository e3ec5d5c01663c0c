package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.api.EvidenceBundle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Evidence in, expected layers and top cause out: one nested class per catalogue cause. */
class CauseScenarioTest {

    private static Diagnosis diagnose(EvidenceBundle bundle) {
        return EngineHolder.ENGINE.diagnose(bundle);
    }

    @Nested
    class IkeUdp500Blocked {
        @Test
        void clientCaptureWithRetransmittedMm1AndNoAnswerRanksItFirst() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 5, 0, 1, 0)));
            assertThatDiagnosis(d).hasVerdict(Verdict.FAULT_FOUND).hasTopCause("IKE_UDP500_BLOCKED")
                    .hasLayer(Layer.PATH, LayerStatus.FAILED).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.NOT_REACHED)
                    .hasFinding("ONE_SIDED_EVIDENCE");
        }

        @Test
        void serverCaptureThatNeverSawIkeMakesItDecisive() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 5, 0, 1, 0), capture(Side.SERVER, 0, 0)));
            assertThatDiagnosis(d).hasTopCause("IKE_UDP500_BLOCKED");
            org.assertj.core.api.Assertions.assertThat(d.causes().get(0).confidence()).isGreaterThan(0.8);
        }

        @Test
        void ikeArrivingAtTheServerRulesItOutAndPointsAtTheServer() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 5, 0, 1, 0), ike(Side.SERVER, 5, 0, 1, 0)));
            assertThatDiagnosis(d).rulesOut("IKE_UDP500_BLOCKED").hasTopCause("SERVER_NO_IPSEC_POLICY");
        }

        @Test
        void anyAnswerFromTheResponderRulesItOut() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 3, 2, 2, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE)));
            assertThatDiagnosis(d).rulesOut("IKE_UDP500_BLOCKED").hasLayer(Layer.PATH, LayerStatus.PASSED);
        }

        @Test
        void loggedNoResponseAloneAlsoShowsIt() {
            Diagnosis d = diagnose(bundle(ikeEvent(Side.CLIENT, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED,
                    IkeFailureReason.NO_RESPONSE, AuthMethod.PRE_SHARED_KEY), ras(809)));
            assertThatDiagnosis(d).hasTopCause("IKE_UDP500_BLOCKED").hasLayer(Layer.PATH, LayerStatus.FAILED);
        }
    }

    @Nested
    class EspBlocked {
        @Test
        void outboundEspWithoutInboundAfterQuickModeRanksItFirst() {
            Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 0xc1000001L, 25)));
            assertThatDiagnosis(d).hasTopCause("ESP_BLOCKED").hasLayer(Layer.IKE_QUICK_MODE, LayerStatus.PASSED)
                    .hasLayer(Layer.ESP, LayerStatus.FAILED).hasLayer(Layer.L2TP, LayerStatus.NOT_REACHED)
                    .rulesOut("IKE_UDP500_BLOCKED").rulesOut("PSK_MISMATCH");
        }

        @Test
        void espSentByTheServerWithoutAnswerIsStillBlockedEsp() {
            Diagnosis d = diagnose(bundle(established(Side.SERVER, Layer.IKE_QUICK_MODE),
                    esp(Side.SERVER, SERVER, CLIENT, 0x5e000001L, 9)));
            assertThatDiagnosis(d).hasTopCause("ESP_BLOCKED").hasLayer(Layer.ESP, LayerStatus.FAILED);
        }

        @Test
        void espBothWaysRulesItOut() {
            Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 0xc1000001L, 25),
                    esp(Side.CLIENT, SERVER, CLIENT, 0x5e000001L, 20), l2tp(5, false, false, null, null)));
            assertThatDiagnosis(d).rulesOut("ESP_BLOCKED").hasLayer(Layer.ESP, LayerStatus.PASSED)
                    .hasTopCause("L2TP_NOT_ANSWERING");
        }

        @Test
        void espReachingTheServerThatSendsNothingBackRulesItOut() {
            Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 0xc1000001L, 25),
                    ike(Side.SERVER, 6, 5, 6, 3), esp(Side.SERVER, CLIENT, SERVER, 0xc1000001L, 25),
                    l2tp(5, false, false, null, null)));
            assertThatDiagnosis(d).rulesOut("ESP_BLOCKED").hasTopCause("L2TP_NOT_ANSWERING")
                    .hasLayer(Layer.L2TP, LayerStatus.FAILED);
        }
    }

    @Nested
    class IkeProposalMismatch {
        @Test
        void noProposalChosenAnsweringMainModeRanksItFirst() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 1, 1, 2, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE)));
            assertThatDiagnosis(d).hasTopCause("IKE_PROPOSAL_MISMATCH").hasLayer(Layer.PATH, LayerStatus.PASSED)
                    .hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED);
        }

        @Test
        void loggedNoProposalChosenRanksItFirst() {
            Diagnosis d = diagnose(bundle(ikeEvent(Side.SERVER, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED,
                    IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.UNKNOWN)));
            assertThatDiagnosis(d).hasTopCause("IKE_PROPOSAL_MISMATCH");
        }

        @Test
        void establishedMainModeRulesItOut() {
            Diagnosis d = diagnose(bundle(ipsecUp()));
            assertThatDiagnosis(d).rulesOut("IKE_PROPOSAL_MISMATCH").doesNotRank("IKE_PROPOSAL_MISMATCH");
        }
    }

    @Nested
    class PskMismatch {
        @Test
        void authenticationFailureWithPreSharedKeyRanksItFirst() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 4, 3, 6, 0), ikeEvent(Side.SERVER, Layer.IKE_MAIN_MODE,
                    IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY), ras(789)));
            assertThatDiagnosis(d).hasTopCause("PSK_MISMATCH").hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED);
        }

        @Test
        void certificateAuthenticationRulesItOut() {
            Diagnosis d = diagnose(bundle(ikeEvent(Side.SERVER, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED,
                    IkeFailureReason.CERT_UNTRUSTED, AuthMethod.CERTIFICATE)));
            assertThatDiagnosis(d).rulesOut("PSK_MISMATCH").hasTopCause("CERT_CHAIN_UNTRUSTED");
        }
    }

    @Nested
    class CertChainUntrusted {
        @Test
        void failedPathValidationAgainstThePeersRootsRanksItFirst() {
            Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 6, 4, 6, 0),
                    ikeEvent(Side.CLIENT, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN),
                    chain(Side.CLIENT, Side.SERVER, false, ChainFailure.NO_PATH), chain(Side.SERVER, Side.CLIENT, true, ChainFailure.NONE)));
            assertThatDiagnosis(d).hasTopCause("CERT_CHAIN_UNTRUSTED");
        }

        @Test
        void validChainsBothWaysSpeakAgainstIt() {
            Diagnosis d = diagnose(bundle(
                    ikeEvent(Side.CLIENT, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN),
                    chain(Side.CLIENT, Side.SERVER, true, ChainFailure.NONE), chain(Side.SERVER, Side.CLIENT, true, ChainFailure.NONE)));
            org.assertj.core.api.Assertions.assertThat(d.causes()).isNotEmpty();
            org.assertj.core.api.Assertions.assertThat(d.causes().get(0).id()).isNotEqualTo("CERT_CHAIN_UNTRUSTED");
        }
    }

    @Nested
    class L2tpNotAnswering {
        @Test
        void sccrqRepeatedWithoutReplyAfterIpsecRanksItFirst() {
            Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10), esp(Side.CLIENT, SERVER, CLIENT, 2, 3),
                    l2tp(5, false, false, null, null)));
            assertThatDiagnosis(d).hasTopCause("L2TP_NOT_ANSWERING").hasLayer(Layer.ESP, LayerStatus.PASSED)
                    .hasLayer(Layer.L2TP, LayerStatus.FAILED).hasLayer(Layer.PPP_LCP, LayerStatus.NOT_REACHED);
        }

        @Test
        void aReplyFromTheL2tpServerRulesItOut() {
            Diagnosis d = diagnose(bundle(ipsecUp(), l2tp(1, true, false, 2, null)));
            assertThatDiagnosis(d).rulesOut("L2TP_NOT_ANSWERING").hasTopCause("L2TP_TUNNEL_REJECTED");
        }
    }

    @Nested
    class MppeEncryptionMismatch {
        @Test
        void rasError742RanksItFirst() {
            Diagnosis d = diagnose(bundle(ras(742)));
            assertThatDiagnosis(d).hasTopCause("MPPE_ENCRYPTION_MISMATCH").hasLayer(Layer.MPPE, LayerStatus.FAILED)
                    .hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.PASSED);
        }

        @Test
        void ccpRejectingMppeRanksItFirst() {
            Diagnosis d = diagnose(bundle(ppp(PppStage.LCP, PppOutcome.OPENED, null, null),
                    ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "MS-CHAPv2", null),
                    ppp(PppStage.CCP, PppOutcome.REJECTED, null, "MPPE 128-bit stateless")));
            assertThatDiagnosis(d).hasTopCause("MPPE_ENCRYPTION_MISMATCH");
        }

        @Test
        void ccpOpenedRulesItOutAndNothingIsWrong() {
            Diagnosis d = diagnose(bundle(ipsecUp(), l2tp(1, true, true, null, null),
                    ppp(PppStage.LCP, PppOutcome.OPENED, null, null), ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "MS-CHAPv2", null),
                    ppp(PppStage.CCP, PppOutcome.OPENED, null, "MPPE 128-bit stateless")));
            assertThatDiagnosis(d).hasVerdict(Verdict.NO_FAULT_FOUND).rulesOut("MPPE_ENCRYPTION_MISMATCH");
        }

        @Test
        void mppeWithoutMsChapPointsAtTheKeysInstead() {
            Diagnosis d = diagnose(bundle(ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "PAP", null),
                    ppp(PppStage.CCP, PppOutcome.FAILED, null, "MPPE required, but MS-CHAP[v2] auth not performed.")));
            assertThatDiagnosis(d).hasTopCause("MPPE_KEYS_UNAVAILABLE");
        }
    }
}
