package dev.vpndiag.plugin.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.CertificateProblemEvent;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.fact.TimeBasis;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;

import java.time.Instant;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

/** Scenario fixtures (built after the documented event schemas) to facts, per export layout. */
class WindowsEventLogProviderTest {
    private final WindowsEventLogProvider provider = new WindowsEventLogProvider();

    static ProviderRun run(FactProvider p, String resource, Side side) {
        return ProviderRun.of(p, Evidence.bytes(resource, Corpus.bytes(resource)).withSide(side));
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(FactProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(WindowsEventLogProvider.class);
    }

    @Test
    void vistaAuditEventsInAnEventViewerXmlExport() {
        ProviderRun run = run(provider, "scenario/client-security-vista.xml", Side.CLIENT);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::authMethod,
                        IkeSaEvent::version, IkeSaEvent::peerAddress)
                .containsExactly(
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.PRE_SHARED_KEY,
                                IkeVersion.IKEV1, "203.0.113.2"),
                        tuple(Layer.IKE_QUICK_MODE, IkeOutcome.FAILED, IkeFailureReason.POLICY_MISMATCH, AuthMethod.UNKNOWN,
                                IkeVersion.IKEV1, "203.0.113.2"),
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE, AuthMethod.UNKNOWN,
                                IkeVersion.IKEV1, "203.0.113.2"),
                        tuple(Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.UNKNOWN,
                                IkeVersion.IKEV1, "203.0.113.2"));
        IkeSaEvent first = run.factsOf(IkeSaEvent.class).get(0);
        assertThat(first.ref().locator()).isEqualTo("line 6");
        assertThat(first.side()).isEqualTo(Side.CLIENT);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-03-04T10:12:13.100Z"));
        assertThat(first.localAddress()).isEqualTo("198.51.100.2");
        assertThat(run.factsOf(EspDrop.class)).extracting(EspDrop::kind, EspDrop::spi)
                .containsExactly(tuple(EspDropKind.INTEGRITY_FAILURE, "0xc8c6f0f1"), tuple(EspDropKind.BAD_SPI, "0x0badc0de"));
        assertThat(run.factsOf(ServiceState.class)).extracting(ServiceState::service, ServiceState::running)
                .containsExactly(tuple("IKEEXT", false), tuple("PolicyAgent", true));
        assertThat(run.factsBesidesPlatform()).hasSize(8);
    }

    @Test
    void legacyEventsInAWevtutilXmlExport() {
        ProviderRun run = run(provider, "scenario/server-wevtutil-legacy.xml", Side.SERVER);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::authMethod,
                        IkeSaEvent::peerAddress)
                .containsExactly(
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.PRE_SHARED_KEY, "198.51.100.2"),
                        tuple(Layer.IKE_QUICK_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE, AuthMethod.PRE_SHARED_KEY, "198.51.100.2"),
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.7"),
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.CERT_UNTRUSTED, AuthMethod.CERTIFICATE, "198.51.100.8"),
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.UNKNOWN, "198.51.100.9"));
        assertThat(run.factsOf(EspDrop.class)).extracting(EspDrop::kind, EspDrop::count)
                .containsExactly(tuple(EspDropKind.INTEGRITY_FAILURE, 12L), tuple(EspDropKind.BAD_SPI, 3L));
        assertThat(run.factsOf(ServiceState.class)).extracting(ServiceState::service, ServiceState::running)
                .containsExactly(tuple("PolicyAgent", true));
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code, RasError::connection)
                .containsExactly(tuple(809, "Office VPN"), tuple(691, null));
        assertThat(run.factsBesidesPlatform()).as("Oakley 541 gives no fact").hasSize(10);
    }

    @Test
    void eventViewerCsvExport() {
        ProviderRun run = run(provider, "scenario/eventviewer-system.csv", Side.CLIENT);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code, RasError::connection, f -> f.ref().locator())
                .containsExactly(tuple(789, "Office VPN", "line 2"), tuple(631, "Office VPN", "line 7"));
        assertThat(run.factsOf(RasError.class).get(0).time()).isEqualTo(Instant.parse("2026-03-04T10:30:01Z"));
        assertThat(run.factsOf(EspDrop.class)).extracting(EspDrop::kind, EspDrop::count, f -> f.ref().locator())
                .containsExactly(tuple(EspDropKind.INTEGRITY_FAILURE, 4L, "line 4"));
        assertThat(run.factsBesidesPlatform()).hasSize(3);
    }

    @Test
    void eventViewerTabDelimitedExportWithRenderedMessage() {
        ProviderRun run = run(provider, "scenario/eventviewer-security.txt", Side.CLIENT);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::authMethod,
                        IkeSaEvent::localAddress, IkeSaEvent::peerAddress)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED,
                        AuthMethod.PRE_SHARED_KEY, "198.51.100.2", "203.0.113.2"));
    }

    @Test
    void wevtutilTextExport() {
        ProviderRun run = run(provider, "scenario/wevtutil-text.txt", Side.CLIENT);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress, f -> f.ref().locator())
                .containsExactly(tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_RESPONSE, "203.0.113.2", "line 1"));
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code, f -> f.ref().locator())
                .containsExactly(tuple(812, "line 34"));
    }

    @Test
    void auditpolOutputGivesAuditCoverage() {
        ProviderRun run = run(provider, "scenario/auditpol-get.txt", Side.SERVER);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(AuditCoverage.class))
                .extracting(AuditCoverage::ikeFailuresRecorded, AuditCoverage::ikeSuccessesRecorded, f -> f.ref().locator())
                .containsExactly(tuple(false, false, "line 9"));
    }

    @Test
    void disableIkeAuditsInARegistryExport() {
        ProviderRun run = run(provider, "scenario/disableikeaudits.reg", Side.SERVER);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.factsOf(RegistryValue.class)).extracting(RegistryValue::name, RegistryValue::value, RegistryValue::key)
                .containsExactly(tuple("DisableIKEAudits", "1", "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Audit"));
        assertThat(run.factsOf(AuditCoverage.class)).extracting(AuditCoverage::ikeFailuresRecorded)
                .containsExactly(false);
    }

    @Test
    void capi2CertificateProblems() {
        ProviderRun run = run(provider, "scenario/capi2-operational.xml", Side.CLIENT);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(ChainValidation.class))
                .extracting(ChainValidation::subject, ChainValidation::valid, ChainValidation::failure, ChainValidation::basis)
                .containsExactly(tuple("vpn.example.net", false, ChainFailure.NO_PATH, TimeBasis.HOST_CLOCK),
                        tuple("vpn.example.net", false, ChainFailure.NO_PATH, TimeBasis.HOST_CLOCK));
        assertThat(run.factsOf(CertificateProblemEvent.class))
                .extracting(CertificateProblemEvent::subject, CertificateProblemEvent::problem, f -> f.ref().locator())
                .containsExactly(tuple("client.example.net", IkeFailureReason.PRIVATE_KEY_MISSING, "line 8"));
    }

    @Test
    void capi2FailuresOfOtherProcessesAreNotTheVpns() {
        ProviderRun run = run(provider, "scenario/capi2-other-processes.xml", Side.CLIENT);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).as("chain and key failures of a browser or an updater").isEmpty();
    }

    @Test
    void realCapi2LogWithoutFailuresGivesNoFacts() {
        String name = "evtx/omer__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2_Operational.evtx";
        ProviderRun run = run(provider, name, Side.CLIENT);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.failure()).isEmpty();
        assertThat(run.factsBesidesPlatform()).as("chain errors there are revocation-unknown only, policy results 0").isEmpty();
    }

    @Test
    void declinesOtherContent() {
        assertThat(provider.sniff(new ContentHead("x.log", "Mar  4 10:00:00 host charon: 05[IKE] giving up".getBytes(), 40)))
                .isEqualTo(FactProvider.NO_MATCH);
        assertThat(provider.sniff(new ContentHead("x.bin", new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0}, 8)))
                .isEqualTo(FactProvider.NO_MATCH);
    }
}
