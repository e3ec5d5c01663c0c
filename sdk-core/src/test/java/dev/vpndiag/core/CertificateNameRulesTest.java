package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.core.internal.PeerNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CERT_NAME_MISMATCH from the client's connection settings against the names on the server's certificate. */
class CertificateNameRulesTest {
    private static final String ID = "CERT_NAME_MISMATCH";

    static StoredCertificate serverCert(String subject, String... altNames) {
        return cert(Side.SERVER, CertificateStore.MACHINE_PERSONAL, subject, List.of("serverAuth"), altNames);
    }

    static StoredCertificate cert(Side side, CertificateStore store, String subject, List<String> eku, String... altNames) {
        return new StoredCertificate(EvidenceRef.of(side.name().toLowerCase() + "-store.p12", "entry 1: certificate " + subject),
                side, null, store, subject, "CN=Corp Issuing CA", "1a2b", "ab12", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), List.of("digitalSignature"), eku, List.of(altNames), false, false,
                true, "RSA", 2048, "SHA256withRSA", null);
    }

    static ConnectionProfile profile(String name, String address, String peerId, AuthMethod auth) {
        return new ConnectionProfile(EvidenceRef.of("rasphone.pbk", "lines 2-140"), Side.CLIENT, null, name, "L2TP", address,
                peerId, null, auth, auth);
    }

    private static Diagnosis diagnose(Fact... facts) {
        return EngineHolder.ENGINE.diagnose(bundle(facts));
    }

    private static List<String> causes(Diagnosis d) {
        return d.causes().stream().map(RankedCause::id).toList();
    }

    private static boolean ruledOut(Diagnosis d) {
        return d.ruledOut().stream().map(RuledOutCause::id).anyMatch(ID::equals);
    }

    // ---- matching names

    @Test
    void hostNamesMatchWithoutCaseAndTrailingDotAndLeftmostWildcardOnly() {
        StoredCertificate exact = serverCert("CN=VPN.Example.com", "DNS:gw.example.com");
        assertThat(PeerNames.carries(exact, "vpn.example.com.")).isTrue();
        assertThat(PeerNames.carries(exact, "@gw.example.com")).isTrue();
        assertThat(PeerNames.carries(exact, "fqdn:gw.example.com")).isTrue();
        assertThat(PeerNames.carries(exact, "other.example.com")).isFalse();
        StoredCertificate wildcard = serverCert("CN=Corp VPN", "DNS:*.example.com");
        assertThat(PeerNames.carries(wildcard, "vpn.example.com")).isTrue();
        assertThat(PeerNames.carries(wildcard, "a.b.example.com")).isFalse();
        assertThat(PeerNames.carries(wildcard, "example.com")).isFalse();
        assertThat(PeerNames.carries(serverCert("CN=*.com"), "example.com")).isFalse();
        assertThat(PeerNames.carries(serverCert("CN=vpn*.example.com"), "vpn1.example.com")).isFalse();
    }

    @Test
    void ipAddressesMatchIpAlternativeNamesInAnyNotation() {
        StoredCertificate c = serverCert("CN=gw", "IP:203.0.113.5", "IP:2001:db8:0:0:0:0:0:5");
        assertThat(PeerNames.carries(c, "203.0.113.5")).isTrue();
        assertThat(PeerNames.carries(c, "2001:db8::5")).isTrue();
        assertThat(PeerNames.carries(c, "203.0.113.6")).isFalse();
        // a host name in the DNS names is not an address
        assertThat(PeerNames.carries(serverCert("CN=gw", "DNS:203.0.113.5.example.com"), "203.0.113.5")).isFalse();
        assertThat(PeerNames.carries(serverCert("CN=203.0.113.5"), "203.0.113.5")).isTrue();
    }

    @Test
    void distinguishedNamesMatchInAnyOrderAndWithWildcards() {
        StoredCertificate c = serverCert("CN=vpn.lab.example,O=L2TP Lab,C=XX");
        assertThat(PeerNames.carries(c, "C=XX, O=L2TP Lab, CN=vpn.lab.example")).isTrue();
        assertThat(PeerNames.carries(c, "\"C=xx, O=l2tp  lab, CN=VPN.lab.example\"")).isTrue();
        assertThat(PeerNames.carries(c, "C=XX, O=L2TP Lab, CN=*")).isTrue();
        assertThat(PeerNames.carries(c, "C=XX, O=L2TP Lab, CN=gw.lab.example")).isFalse();
        assertThat(PeerNames.carries(c, "C=XX, CN=vpn.lab.example")).isFalse();
        assertThat(PeerNames.carries(serverCert("CN=x", "DN:CN=gw,O=Corp"), "O=Corp, CN=gw")).isTrue();
    }

    @Test
    void identitiesThatCannotBeJudged() {
        assertThat(PeerNames.judgeable(null)).isFalse();
        assertThat(PeerNames.judgeable(ConnectionProfile.ANY)).isFalse();
        assertThat(PeerNames.judgeable("alice@example.com")).isFalse();
        assertThat(PeerNames.judgeable("@#0123abcd")).isFalse();
        assertThat(PeerNames.judgeable("keyid:#0123")).isFalse();
        assertThat(PeerNames.judgeable("vpn.example.com")).isTrue();
        assertThat(PeerNames.judgeable("10.0.0.1")).isTrue();
        assertThat(PeerNames.judgeable("CN=gw")).isTrue();
    }

    @Test
    void onlyTheServersOwnIkeCertificatesCount() {
        assertThat(PeerNames.serverCertificate(serverCert("CN=gw"))).isTrue();
        assertThat(PeerNames.serverCertificate(cert(Side.CLIENT, CertificateStore.MACHINE_PERSONAL, "CN=c", List.of()))).isFalse();
        assertThat(PeerNames.serverCertificate(cert(Side.CLIENT, CertificateStore.PEER_PRESENTED, "CN=gw", List.of()))).isTrue();
        assertThat(PeerNames.serverCertificate(cert(Side.SERVER, CertificateStore.MACHINE_PERSONAL, "CN=gw",
                List.of("codeSigning")))).isFalse();
        assertThat(PeerNames.serverCertificate(cert(Side.SERVER, CertificateStore.TRUSTED_ROOT, "CN=gw", List.of()))).isFalse();
    }

    // ---- the rules

    @Test
    void dialledNameMissingFromTheServerCertificateExplains13801() {
        ConnectionProfile p = profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE);
        Diagnosis d = diagnose(ras(13801), p, serverCert("CN=gw2.example.com", "DNS:gw2.example.com"));
        assertThatDiagnosis(d).hasTopCause(ID);
        RankedCause top = d.causes().get(0);
        assertThat(top.explanation()).contains("vpn.example.com").contains("gw2.example.com");
        assertThat(top.evidence()).extracting(c -> c.source()).contains("rasphone.pbk", "server-store.p12");
    }

    @Test
    void dialledNameOnTheCertificateRulesTheCauseOut() {
        Diagnosis d = diagnose(ras(13801), profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE),
                serverCert("CN=Corp VPN,O=Corp", "DNS:*.example.com"));
        assertThat(ruledOut(d)).isTrue();
        assertThat(causes(d)).doesNotContain(ID);
    }

    @Test
    void preSharedKeyConnectionsAreNotCompared() {
        Diagnosis d = diagnose(profile("Work VPN", "vpn.example.com", null, AuthMethod.PRE_SHARED_KEY),
                serverCert("CN=gw2.example.com"));
        assertThat(causes(d)).doesNotContain(ID);
        assertThat(ruledOut(d)).isFalse();
    }

    @Test
    void aClientThatAcceptsAnyNameIsNotCompared() {
        Diagnosis d = diagnose(ras(13801), profile("Work VPN", "vpn.example.com", ConnectionProfile.ANY, AuthMethod.CERTIFICATE),
                serverCert("CN=gw2.example.com"));
        assertThat(d.causes().stream().filter(c -> c.id().equals(ID)).findFirst().orElseThrow().explanation())
                .doesNotContain("expects the server");
    }

    @Test
    void theConnectionTheRasErrorNamesIsTheOneCompared() {
        // "Work VPN" (named by the RAS error) dials a name the certificate carries; "Home lab" does not
        Diagnosis d = diagnose(ras(13801), profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE),
                profile("Home lab", "10.9.9.9", null, AuthMethod.CERTIFICATE), serverCert("CN=vpn.example.com"));
        assertThat(ruledOut(d)).isTrue();
        // without the RAS error it is not known which connection failed: nothing is concluded from either
        Diagnosis unknown = diagnose(profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE),
                profile("Home lab", "10.9.9.9", null, AuthMethod.CERTIFICATE), serverCert("CN=vpn.example.com"));
        assertThat(ruledOut(unknown)).isFalse();
        assertThat(causes(unknown)).doesNotContain(ID);
    }

    @Test
    void configuredPeerIdentityIsWhatTheCertificateMustCarry() {
        // strongSwan: right=203.0.113.5, rightid is the DN; the certificate carries the DN, not the address
        Diagnosis match = diagnose(ras(13801), profile("Work VPN", "203.0.113.5", "C=XX, O=L2TP Lab, CN=vpn.lab.example",
                AuthMethod.CERTIFICATE), serverCert("CN=vpn.lab.example,O=L2TP Lab,C=XX", "DNS:vpn.lab.example"));
        assertThat(ruledOut(match)).isTrue();
        Diagnosis differs = diagnose(ras(13801), profile("Work VPN", "vpn.lab.example", "@gw.lab.example",
                AuthMethod.CERTIFICATE), serverCert("CN=vpn.lab.example", "DNS:vpn.lab.example"));
        assertThatDiagnosis(differs).hasTopCause(ID);
    }

    @Test
    void aLoggedIdentityFailureIsNotRuledOutByACertificateThatCarriesTheName() {
        Diagnosis d = diagnose(ikeEvent(Side.CLIENT, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.ID_MISMATCH,
                        AuthMethod.CERTIFICATE), profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE),
                serverCert("CN=vpn.example.com"), serverCert("CN=gw2.example.com"));
        assertThatDiagnosis(d).hasTopCause(ID);
        assertThat(d.causes().get(0).contradicting()).isNotEmpty();
    }

    @Test
    void aServerThatRequiresAClientIdentityKeepsTheCauseOpen() {
        ConnectionProfile server = new ConnectionProfile(EvidenceRef.of("ipsec.conf", "lines 4-20"), Side.SERVER, null, "l2tp",
                "L2TP", null, "CN=client01.corp.example", null, AuthMethod.CERTIFICATE, AuthMethod.CERTIFICATE);
        Diagnosis d = diagnose(ras(13801), profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE), server,
                serverCert("CN=vpn.example.com"));
        assertThat(ruledOut(d)).isFalse();
    }

    @Test
    void connectionWithoutAStatedMethodIsComparedWhenMainModeUsedCertificates() {
        List<Fact> facts = new ArrayList<>(List.of(profile("Work VPN", "vpn.example.com", null, AuthMethod.UNKNOWN),
                serverCert("CN=gw2.example.com"),
                ikeEvent(Side.CLIENT, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED,
                        AuthMethod.CERTIFICATE)));
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle(facts));
        assertThat(d.causes()).filteredOn(c -> c.id().equals(ID)).singleElement()
                .satisfies(c -> assertThat(c.explanation()).contains("expects the server to be vpn.example.com"));
    }

    @Test
    void theProfileIsAskedForWhenTheNameIsInQuestion() {
        Diagnosis d = diagnose(ras(13801));
        assertThat(d.nextEvidence()).anySatisfy(r -> assertThat(r.what()).contains("rasphone.pbk"));
        Diagnosis withProfile = diagnose(ras(13801), profile("Work VPN", "vpn.example.com", null, AuthMethod.CERTIFICATE));
        assertThat(withProfile.nextEvidence()).noneSatisfy(r -> assertThat(r.what()).contains("rasphone.pbk"));
        assertThat(d.notEvaluated()).extracting(NotEvaluatedCause::id).doesNotContain(ID);
    }
}
