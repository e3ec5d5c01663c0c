package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Citation;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.api.fact.RegistryValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registry values read as absent (NAT traversal toward a server behind NAT, IPsec offload) and NAT
 * traversal failing already in main mode.
 */
class RegistryAbsenceRulesTest {
    private static final String POLICY_AGENT = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent";
    private static final String IPSEC = "HKLM\\SYSTEM\\ControlSet001\\Services\\IPSEC";
    private static final String NAT_T = "AssumeUDPEncapsulationContextOnSendRule";
    private static final EvidenceRef KEY_REF = EvidenceRef.of("policyagent.reg", "lines 4-20");

    private static RegistryKey key(Side side, String key, boolean complete, String... names) {
        return new RegistryKey(KEY_REF, side, null, key, List.of(names), complete, null);
    }

    /** The client's capture: NAT-D shows a NAT after message 4, and the client never moves to UDP 4500. */
    private static IkeConversation stoppedAtNatDetection(Side side, String initiator, String responder) {
        return new IkeConversation(EvidenceRef.of(side.name().toLowerCase() + ".pcap", "frames 1-4"), side, T0, IkeVersion.IKEV1,
                initiator, responder, "1122334455667788", "99aabbccddeeff00", 2, 2, 0, 4, 0, 0, 0, true, false, T0.plusSeconds(1));
    }

    /** The server's IKE log of an unfinished main mode between these addresses. */
    private static IkeSaEvent serverLog(String local, String peer) {
        return new IkeSaEvent(EvidenceRef.of("server-charon.log", "line 40"), Side.SERVER, T0, IkeVersion.IKEV1,
                Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.OTHER, AuthMethod.CERTIFICATE, local, peer,
                "main mode incomplete");
    }

    private static List<Citation> evidenceFor(Diagnosis d, String id) {
        return d.causes().stream().filter(c -> c.id().equals(id)).findFirst().map(RankedCause::evidence).orElse(List.of());
    }

    private static boolean citesKey(Diagnosis d, String id) {
        return evidenceFor(d, id).stream().anyMatch(c -> c.source().equals(KEY_REF.source()));
    }

    private static Diagnosis diagnose(List<? extends Fact> facts) {
        return EngineHolder.ENGINE.diagnose(bundle(facts));
    }

    @Test
    void mainModeStoppingAtNatDetectionWithTheSettingAbsentIsNatTraversalAtMainMode() {
        Diagnosis d = diagnose(List.of(stoppedAtNatDetection(Side.CLIENT, "10.0.0.23", SERVER), ras(809),
                key(Side.CLIENT, POLICY_AGENT, true, "DisplayName", "Start", "Type")));
        assertThatDiagnosis(d).hasLayer(Layer.PATH, LayerStatus.PASSED).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED)
                .hasTopCause("NAT_TRAVERSAL_UNSUPPORTED").doesNotRank("UDP4500_BLOCKED").doesNotRank("ESP_BLOCKED");
        assertThat(citesKey(d, "NAT_TRAVERSAL_UNSUPPORTED")).isTrue();
    }

    @Test
    void theSettingAbsentSaysNothingWithoutANat() {
        List<Fact> facts = new ArrayList<>(ipsecUp());
        facts.add(esp(Side.CLIENT, CLIENT, SERVER, 0x1001, 20));
        facts.add(key(Side.CLIENT, POLICY_AGENT, true, "DisplayName", "Start"));
        Diagnosis d = diagnose(facts);
        assertThat(citesKey(d, "NAT_TRAVERSAL_UNSUPPORTED")).isFalse();
    }

    @Test
    void aListingThatMayBeCutTheServersKeyOrASubkeyProveNothing() {
        for (RegistryKey k : List.of(key(Side.CLIENT, POLICY_AGENT, false, "DisplayName"),
                key(Side.SERVER, POLICY_AGENT, true, "DisplayName", "Start"),
                key(Side.CLIENT, POLICY_AGENT + "\\Parameters", true, "ServiceDll"))) {
            Diagnosis d = diagnose(List.of(stoppedAtNatDetection(Side.CLIENT, "10.0.0.23", SERVER), ras(809), k));
            assertThat(citesKey(d, "NAT_TRAVERSAL_UNSUPPORTED")).as("%s", k).isFalse();
        }
    }

    @Test
    void aValueReadElsewhereOutweighsTheListing() {
        RegistryValue two = new RegistryValue(EvidenceRef.of("netsh.txt", "line 9"), Side.CLIENT, null, POLICY_AGENT, NAT_T, "2");
        Diagnosis d = diagnose(List.of(stoppedAtNatDetection(Side.CLIENT, "10.0.0.23", SERVER), ras(809),
                key(Side.CLIENT, POLICY_AGENT, true, "DisplayName"), two));
        assertThat(citesKey(d, "NAT_TRAVERSAL_UNSUPPORTED")).isFalse();
    }

    @Test
    void ras809WithTheServerLoggingAPrivateAddressPointsAtTheNat() {
        Diagnosis d = diagnose(List.of(serverLog("192.168.50.10", "198.51.100.7"), ras(809)));
        assertThat(evidenceFor(d, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary)
                .anyMatch(s -> s.contains("private address 192.168.50.10"))
                .anyMatch(s -> s.startsWith("RAS error 809 with the server behind a NAT"));
    }

    @Test
    void twoPrivateAddressesAreALanNotANat() {
        Diagnosis d = diagnose(List.of(serverLog("10.1.0.5", "10.2.0.9"), ras(809)));
        assertThat(evidenceFor(d, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary)
                .noneMatch(s -> s.contains("behind a NAT"));
    }

    @Test
    void theSidesDisagreeingOnTheServersAddressShowsTheNatAndTheRegistryAbsenceCounts() {
        IkeConversation server = stoppedAtNatDetection(Side.SERVER, "198.51.100.7", "172.20.0.4");
        Diagnosis d = diagnose(List.of(stoppedAtNatDetection(Side.CLIENT, "198.51.100.7", SERVER), server, ras(809),
                key(Side.CLIENT, POLICY_AGENT, true, "DisplayName")));
        assertThatDiagnosis(d).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED).hasTopCause("NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(evidenceFor(d, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary)
                .anyMatch(s -> s.contains("arriving at") && s.contains("172.20.0.4"));
        assertThat(citesKey(d, "NAT_TRAVERSAL_UNSUPPORTED")).isTrue();
    }

    @Test
    void enableOffloadAbsentOnASideWithAnOffloadCapableAdapterAllowsOffload() {
        EspDrop drops = new EspDrop(ref("record 90"), Side.SERVER, T0, EspDropKind.INTEGRITY_FAILURE, 40, null, CLIENT, null);
        OffloadState nic = new OffloadState(ref("line 3"), Side.SERVER, T0, "Ethernet 2", true, null);
        Diagnosis d = diagnose(List.of(ipsecUp().get(0), ipsecUp().get(1), ipsecUp().get(2), drops, nic,
                key(Side.SERVER, IPSEC, true, "Start", "Type")));
        assertThatDiagnosis(d).hasTopCause("NIC_IPSEC_OFFLOAD_FAULT");
        assertThat(evidenceFor(d, "NIC_IPSEC_OFFLOAD_FAULT")).extracting(Citation::summary)
                .contains("EnableOffload is not set under " + IPSEC + " on the server side, so IPsec offload is allowed (the default)");
    }

    @Test
    void enableOffloadAbsentSaysNothingWithoutAnOffloadCapableAdapterOnThatSide() {
        EspDrop drops = new EspDrop(ref("record 90"), Side.SERVER, T0, EspDropKind.INTEGRITY_FAILURE, 40, null, CLIENT, null);
        OffloadState clientNic = new OffloadState(ref("line 3"), Side.CLIENT, T0, "Ethernet", true, null);
        Diagnosis d = diagnose(List.of(ipsecUp().get(0), drops, clientNic, key(Side.SERVER, IPSEC, true, "Start")));
        assertThat(citesKey(d, "NIC_IPSEC_OFFLOAD_FAULT")).isFalse();
    }

    @Test
    void natDHashesShowingTheResponderTranslatedPutTheServerBehindANat() {
        IkeConversation c = stoppedAtNatDetection(Side.CLIENT, "10.0.0.23", SERVER);
        IkeConversation translated = new IkeConversation(c.ref(), c.side(), c.time(), c.version(), c.initiator(), c.responder(),
                c.initiatorSpi(), c.responderSpi(), c.initiatorMessages(), c.responderMessages(), c.retransmissions(),
                c.mainModeStep(), c.quickModeStep(), 0, 0, true, false, c.lastSeen(), true);
        Diagnosis d = diagnose(List.of(translated, ras(809)));
        assertThatDiagnosis(d).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.FAILED).hasTopCause("NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(evidenceFor(d, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary)
                .contains("the NAT-D hashes show the address of " + SERVER + " translated on the way");
        Diagnosis plain = diagnose(List.of(c, ras(809)));
        assertThat(evidenceFor(plain, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary)
                .noneMatch(s -> s.contains("behind a NAT"));
    }

    @Test
    void privateAddressesAreToldFromPublicOnesByTheirPrefix() {
        for (String[] pair : new String[][] {{"172.16.0.1", "yes"}, {"172.31.255.9", "yes"}, {"172.32.0.1", "no"},
                {"172.15.0.1", "no"}, {"100.64.1.1", "yes"}, {"100.127.0.1", "yes"}, {"100.128.0.1", "no"},
                {"192.168.1.1", "yes"}, {"192.169.1.1", "no"}, {"10.9.8.7", "yes"}, {"110.1.1.1", "no"}, {"172.1x.0.1", "no"}}) {
            Diagnosis d = diagnose(List.of(serverLog(pair[0], "198.51.100.7"), ras(809)));
            assertThat(evidenceFor(d, "NAT_TRAVERSAL_UNSUPPORTED")).extracting(Citation::summary).as(pair[0])
                    .matches(l -> l.stream().anyMatch(s -> s.contains("behind a NAT")) == pair[1].equals("yes"));
        }
    }
}
