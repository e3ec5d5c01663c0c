package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.api.fact.TimeBasis;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The finer points of the rules for the later catalogue ids: what must not be blamed, what a passed
 * step or a decisive observation rules out. The scenario suite checks the ranking as a whole.
 */
class CatalogueRulesTest {

    private static Diagnosis diagnose(EvidenceBundle bundle) {
        return EngineHolder.ENGINE.diagnose(bundle);
    }

    private static List<dev.vpndiag.api.fact.Fact> upToL2tp() {
        List<dev.vpndiag.api.fact.Fact> all = new java.util.ArrayList<>(ipsecUp());
        all.add(l2tp(1, true, true, null, null));
        return all;
    }

    @Test
    void pppdThatCouldNotStartOnTheHostBlamesNoPeer() {
        Diagnosis d = diagnose(bundle(upToL2tp(), ppp(PppStage.LCP, PppOutcome.TERMINATED, null,
                "pppd could not start: Please load the ppp_generic kernel module.")));
        assertThatDiagnosis(d).hasLayer(Layer.L2TP, LayerStatus.PASSED).hasLayer(Layer.PPP_LCP, LayerStatus.FAILED)
                .doesNotRank("PPP_LCP_FAILED").hasVerdict(Verdict.INCONCLUSIVE);
    }

    @Test
    void lcpTerminatedByThePeerIsAnLcpFailure() {
        Diagnosis d = diagnose(bundle(upToL2tp(), ppp(PppStage.LCP, PppOutcome.TERMINATED, null, "LCP terminated by peer")));
        assertThatDiagnosis(d).hasTopCause("PPP_LCP_FAILED").hasLayer(Layer.PPP_LCP, LayerStatus.FAILED);
    }

    @Test
    void timeoutAfterNatDetectionIsUdp4500NotUdp500() {
        IkeSaEvent timeout = new IkeSaEvent(ref("line 80"), Side.CLIENT, T0, IkeVersion.IKEV1, Layer.IKE_MAIN_MODE,
                IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE, AuthMethod.CERTIFICATE, CLIENT, SERVER,
                "giving up after 5 retransmits; NAT detected: remote host is behind NAT");
        Diagnosis d = diagnose(bundle(timeout));
        assertThatDiagnosis(d).hasLayer(Layer.PATH, LayerStatus.PASSED).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED)
                .hasTopCause("UDP4500_BLOCKED").rulesOut("IKE_UDP500_BLOCKED");
    }

    @Test
    void certificateValidInTrueTimeButNotByTheHostClockIsClockSkew() {
        ChainValidation byHost = new ChainValidation(ref("certificate CN=gw"), Side.SERVER, T0, "CN=gw", Side.CLIENT, T0,
                TimeBasis.HOST_CLOCK, false, ChainFailure.NOT_YET_VALID, "not yet valid");
        ChainValidation trueTime = new ChainValidation(ref("certificate CN=gw"), Side.SERVER, T0, "CN=gw", Side.CLIENT, T0,
                TimeBasis.TRUE_TIME, true, ChainFailure.NONE, "valid");
        Diagnosis d = diagnose(bundle(byHost, trueTime, ras(13801)));
        assertThatDiagnosis(d).hasTopCause("CLOCK_SKEW").rulesOut("CERT_EXPIRED");
    }

    @Test
    void preSharedKeyAuthenticationRulesOutEveryCertificateCause() {
        Diagnosis d = diagnose(bundle(ikeEvent(Side.SERVER, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED,
                IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY)));
        assertThatDiagnosis(d).hasTopCause("PSK_MISMATCH");
        for (String id : List.of("CERT_MISSING", "CERT_NO_PRIVATE_KEY", "CERT_CHAIN_UNTRUSTED", "CERT_EXPIRED", "CLOCK_SKEW",
                "CERT_NAME_MISMATCH", "CERT_WRONG_PURPOSE")) {
            assertThatDiagnosis(d).rulesOut(id);
        }
    }

    @Test
    void integrityFailuresWithoutOffloadCapableAdaptersPointAtThePath() {
        EspDrop drops = new EspDrop(ref("record 90"), Side.SERVER, T0, EspDropKind.INTEGRITY_FAILURE, 40, null, CLIENT, null);
        OffloadState nic = new OffloadState(ref("line 3"), Side.SERVER, T0, "eth0", false, null);
        Diagnosis d = diagnose(bundle(ipsecUp(), drops, nic));
        assertThatDiagnosis(d).hasLayer(Layer.ESP, LayerStatus.FAILED).hasTopCause("ESP_CORRUPTED_IN_PATH")
                .rulesOut("NIC_IPSEC_OFFLOAD_FAULT");
    }

    @Test
    void integrityFailuresOnAnOffloadingAdapterPointAtTheNic() {
        EspDrop drops = new EspDrop(ref("record 90"), Side.SERVER, T0, EspDropKind.INTEGRITY_FAILURE, 40, null, CLIENT, null);
        OffloadState nic = new OffloadState(ref("line 3"), Side.SERVER, T0, "Ethernet 2", true, true);
        assertThatDiagnosis(diagnose(bundle(ipsecUp(), drops, nic))).hasTopCause("NIC_IPSEC_OFFLOAD_FAULT")
                .ranksWithinTop("ESP_CORRUPTED_IN_PATH", 2);
    }

    @Test
    void error649IsAPolicyDenialNotBadCredentials() {
        PppNegotiation failure = new PppNegotiation(ref("frames 70-72"), Side.CLIENT, T0, PppStage.AUTH, PppOutcome.FAILED,
                "MS-CHAPv2", 649, "E=649");
        Diagnosis d = diagnose(bundle(upToL2tp(), failure));
        assertThatDiagnosis(d).hasTopCause("REMOTE_ACCESS_POLICY_DENIED").doesNotRank("PPP_AUTH_FAILED")
                .rulesOut("PPP_AUTH_PROTOCOL_MISMATCH");
    }

    @Test
    void error691IsBadCredentials() {
        PppNegotiation failure = new PppNegotiation(ref("frames 70-72"), Side.CLIENT, T0, PppStage.AUTH, PppOutcome.FAILED,
                "MS-CHAPv2", 691, "E=691");
        assertThatDiagnosis(diagnose(bundle(upToL2tp(), failure))).hasTopCause("PPP_AUTH_FAILED")
                .hasLayer(Layer.PPP_AUTH, LayerStatus.FAILED);
    }

    @Test
    void mppeRefusedAfterPapIsMissingKeysAfterMsChapItIsNot() {
        Diagnosis pap = diagnose(bundle(upToL2tp(), ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "PAP", null),
                ppp(PppStage.CCP, PppOutcome.REJECTED, "MPPE", "MPPE required, but MS-CHAP[v2] auth not performed.")));
        assertThatDiagnosis(pap).hasTopCause("MPPE_KEYS_UNAVAILABLE");
        Diagnosis mschap = diagnose(bundle(upToL2tp(), ppp(PppStage.AUTH, PppOutcome.SUCCEEDED, "MS-CHAPv2", null),
                ppp(PppStage.CCP, PppOutcome.REJECTED, "MPPE", "MPPE required but not available")));
        assertThatDiagnosis(mschap).hasTopCause("MPPE_ENCRYPTION_MISMATCH").rulesOut("MPPE_KEYS_UNAVAILABLE");
    }
}
