package dev.vpndiag.plugin.eventlog.linux;

import static dev.vpndiag.plugin.eventlog.linux.LinuxLogRuns.failures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LinuxLogProviderTest {
    private static final Path LAB = Path.of("src/test/resources/linux/lab");
    private static final Path FIX = Path.of("src/test/resources/linux/fixtures");
    private final LinuxLogProvider provider = new LinuxLogProvider();

    static Stream<Path> labLogs() throws IOException {
        try (Stream<Path> s = Files.walk(LAB)) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    private ProviderRun run(Path p) {
        return ProviderRun.of(provider, Evidence.file(p).withSide(Side.CLIENT));
    }

    private ProviderRun lab(String file) {
        return run(LAB.resolve(file));
    }

    @ParameterizedTest
    @MethodSource("labLogs")
    void everyLabLogIsClaimedAndParsesWithoutProblems(Path log) {
        ProviderRun r = run(log);
        assertThat(r.sniffScore()).isGreaterThan(FactProvider.NO_MATCH);
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsBesidesPlatform()).allSatisfy(f -> {
            assertThat(f.ref().source()).isEqualTo(log.getFileName().toString());
            assertThat(f.ref().locator()).matches("line \\d+");
            assertThat(f.side()).isEqualTo(Side.CLIENT);
        });
    }

    @Test
    void providerIsRegistered() {
        assertThat(ServiceLoader.load(FactProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(LinuxLogProvider.class);
    }

    @Test
    void udp500BlockedClientGivesUpInMainModeWithoutResponse() {
        ProviderRun r = lab("udp500-blocked/client-charon.log");
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.peerAddress()).isEqualTo("203.0.113.2");
            assertThat(e.ref().locator()).isEqualTo("line 74");
            assertThat(e.time()).isEqualTo(Instant.parse("2026-11-23T13:26:23Z"));
            assertThat(e.authMethod()).isEqualTo(AuthMethod.CERTIFICATE);
        });
        assertThat(r.factsOf(IkeSaEvent.class)).filteredOn(e -> e.outcome() == IkeOutcome.RETRANSMITTED).hasSize(3);
        assertThat(run(LAB.resolve("udp500-blocked/server-charon.log")).factsBesidesPlatform()).isEmpty();
        assertThat(failures(lab("udp500-blocked/client-ipsec-up.txt")))
                .extracting(IkeSaEvent::reason).containsExactly(IkeFailureReason.NO_RESPONSE);
    }

    @Test
    void aValidityFailureIsReadBeforeTheNoTrustedKeyItCauses() {
        // "subject certificate invalid (valid from .. to ..)" then "no trusted RSA public key found": the first says why
        assertThat(failures(lab("server-cert-expired/client-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.CERT_EXPIRED);
            assertThat(e.detail()).contains("subject certificate invalid (valid from");
            assertThat(e.authMethod()).isEqualTo(AuthMethod.CERTIFICATE);
        });
        assertThat(failures(lab("client-clock-ahead/client-charon.log"))).extracting(IkeSaEvent::reason)
                .containsExactly(IkeFailureReason.CERT_EXPIRED);
    }

    @Test
    void aResponderWithoutAConnectionForThePeerHasNoPolicy() {
        assertThat(failures(lab("server-no-policy/server-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.POLICY_MISMATCH);
            assertThat(e.detail()).startsWith("no IKE config found for 203.0.113.2...198.51.100.2");
        });
    }

    @Test
    void noSharedKeyForACertificateIdentityIsAnAuthenticationMethodMismatch() {
        assertThat(failures(lab("auth-method-mismatch/server-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTH_METHOD_MISMATCH);
            assertThat(e.detail()).contains("no shared key found for 'C=XX, O=L2TP Lab, CN=vpn.lab.example'");
        });
    }

    @Test
    void aResponderWhosePeerDeletesTheSaRightAfterMainModeWasRefused() {
        ProviderRun server = lab("server-cert-untrusted/server-charon.log");
        assertThat(server.factsOf(IkeSaEvent.class)).filteredOn(e -> e.outcome() == IkeOutcome.ESTABLISHED).hasSize(1);
        assertThat(failures(server)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.PEER_DELETED);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.2");
        });
        // a healthy run's tunnel is deleted only after quick mode: no failure
        assertThat(failures(lab("healthy-psk-nat/server-charon.log"))).isEmpty();
    }

    @Test
    void aResponderWhosePeerKeepsRepeatingItsRequestAfterTheAnswerWasNotHeard() {
        assertThat(failures(lab("udp4500-replies-dropped/server-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.ANSWER_UNHEARD);
            assertThat(e.detail()).startsWith("the peer repeated its last main mode request 3 times");
        });
    }

    @Test
    void aMainModeTimeoutSaysHowFarThePeerAnswered() {
        // MM1-MM4 answered on UDP 500, MM5 on UDP 4500 never is
        assertThat(failures(lab("udp4500-blocked-psk/client-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.detail()).contains("giving up after 3 retransmits (after 2 answers from the peer)");
        });
        assertThat(failures(lab("udp500-blocked/client-charon.log"))).singleElement()
                .satisfies(e -> assertThat(e.detail()).doesNotContain("answers from the peer"));
    }

    @Test
    void libipsecIntegrityFailuresAreEspDrops() {
        List<EspDrop> drops = lab("esp-corrupted/server-charon.log").factsOf(EspDrop.class);
        assertThat(drops).hasSize(8).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(EspDropKind.INTEGRITY_FAILURE);
            assertThat(d.detail()).isEqualTo("ESP decryption or ICV verification failed");
        });
    }

    @Test
    void pppdsMessageOverSeveralLinesInAnXl2tpdLogIsOneMessage() {
        ProviderRun r = lab("healthy-psk-nat/server-xl2tpd.log");
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(PppNegotiation.class)).anySatisfy(p -> {
            assertThat(p.outcome()).isEqualTo(PppOutcome.TERMINATED);
            assertThat(p.detail()).startsWith("pppd could not start: You need to create the /dev/ppp device node");
        });
    }

    @Test
    void proposalMismatchFailsMainModeOnBothSides() {
        assertThat(failures(lab("ike-proposal-mismatch/client-charon.log"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
                    assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
                });
        ProviderRun server = lab("ike-proposal-mismatch/server-charon.log");
        assertThat(failures(server)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.2");
        });
        List<IkeProposal> proposals = server.factsOf(IkeProposal.class);
        assertThat(proposals).filteredOn(p -> !p.fromResponder())
                .extracting(IkeProposal::encryption, IkeProposal::integrity, IkeProposal::dhGroup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3DES_CBC", "HMAC_MD5_96", "MODP_1024"));
        assertThat(proposals).filteredOn(IkeProposal::fromResponder).extracting(IkeProposal::dhGroup)
                .containsOnly("MODP_2048");
    }

    @Test
    void untrustedClientCertificateIsSeenByTheServerAndRejectedAtTheClient() {
        assertThat(failures(lab("client-cert-untrusted-ca/server-charon.log"))).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.CERT_UNTRUSTED);
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.CERTIFICATE);
            assertThat(e.detail()).contains("no issuer certificate found");
        });
        assertThat(failures(lab("client-cert-untrusted-ca/client-charon.log")))
                .extracting(IkeSaEvent::reason).containsExactly(IkeFailureReason.AUTHENTICATION_FAILED);
    }

    @Test
    void healthyRunEstablishesBothPhasesOnBothSides() {
        for (String f : List.of("healthy-null/client-charon.log", "healthy-null/server-charon.log")) {
            ProviderRun r = lab(f);
            assertThat(failures(r)).isEmpty();
            assertThat(r.factsOf(IkeSaEvent.class)).filteredOn(e -> e.outcome() == IkeOutcome.ESTABLISHED)
                    .extracting(IkeSaEvent::phase).containsExactly(Layer.IKE_MAIN_MODE, Layer.IKE_QUICK_MODE);
        }
        ProviderRun status = lab("healthy-null/client-statusall.txt");
        assertThat(status.factsOf(EspFlow.class)).extracting(EspFlow::spi, EspFlow::packets, EspFlow::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0xf6e827d5L, 7L, 409L),
                        org.assertj.core.groups.Tuple.tuple(0x4b96473eL, 6L, 435L));
        ProviderRun l2tp = lab("healthy-null/client-xl2tpd.log");
        assertThat(l2tp.factsOf(L2tpTunnelAttempt.class)).singleElement().satisfies(a -> {
            assertThat(a.tunnelEstablished()).isTrue();
            assertThat(a.callEstablished()).isTrue();
            assertThat(a.cdnResult()).isEqualTo(1);
            assertThat(a.tunnelId()).isEqualTo(25051);
        });
        assertThat(lab("healthy-null/client-pppd.log").factsOf(PppNegotiation.class))
                .extracting(PppNegotiation::stage, PppNegotiation::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PppStage.LCP, PppOutcome.TERMINATED));
    }

    @Test
    void espBlockedOutboundShowsCountersOneWay() {
        List<EspFlow> client = lab("esp-blocked-outbound/client-statusall.txt").factsOf(EspFlow.class);
        assertThat(client).extracting(EspFlow::source, EspFlow::spi, EspFlow::packets, EspFlow::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.2", 0x10c4c3ffL, 0L, 0L),
                        org.assertj.core.groups.Tuple.tuple("198.51.100.2", 0xa33a9c50L, 8L, 854L));
        assertThat(client).allSatisfy(f -> {
            assertThat(f.udpEncapsulated()).isTrue();
            assertThat(f.time()).isEqualTo(Instant.parse("2026-11-23T13:28:05Z"));
        });
        assertThat(lab("esp-blocked-outbound/server-statusall.txt").factsOf(EspFlow.class))
                .extracting(EspFlow::packets).containsExactly(0L, 0L);
    }

    @Test
    void l2tpServerDownRetriesWithoutReply() {
        assertThat(lab("l2tp-server-down/client-xl2tpd.log").factsOf(L2tpTunnelAttempt.class)).singleElement()
                .satisfies(a -> {
                    assertThat(a.peerAddress()).isEqualTo("203.0.113.2");
                    assertThat(a.sccrpSeen()).isFalse();
                    assertThat(a.tunnelEstablished()).isFalse();
                    assertThat(a.sccrqCount()).isEqualTo(6);
                    assertThat(a.detail()).contains("Maximum retries exceeded");
                    assertThat(a.ref().locator()).isEqualTo("line 19");
                });
        assertThat(failures(lab("l2tp-server-down/client-charon.log"))).isEmpty();
    }

    /**
     * The same lab log as xl2tpd writes it without its debug options (no "sending SCCRQ", no retry limit):
     * giving up on a tunnel this end asked for, before any reply, still means the request went out at least
     * twice, as the L2TP rules need to call it unanswered.
     */
    @Test
    void l2tpGivingUpWithoutDebugLinesStillCountsARetransmittedRequest() throws IOException {
        String log = Files.readAllLines(LAB.resolve("l2tp-server-down/client-xl2tpd.log")).stream()
                .filter(line -> !line.contains("control_finish:") && !line.contains("network_thread:"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("client-xl2tpd.log", log.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.factsOf(L2tpTunnelAttempt.class)).singleElement().satisfies(a -> {
            assertThat(a.sccrpSeen()).isFalse();
            assertThat(a.sccrqCount()).isEqualTo(2);
            assertThat(a.detail()).contains("Maximum retries exceeded");
        });
    }

    @Test
    void journalShortKeepsInterleavedIkev2SasApart() {
        ProviderRun r = run(FIX.resolve("journal-short-charon-ikev2.log"));
        assertThat(failures(r)).extracting(IkeSaEvent::peerAddress, IkeSaEvent::phase, IkeSaEvent::reason,
                IkeSaEvent::authMethod).containsExactly(
                org.assertj.core.groups.Tuple.tuple("192.0.2.10", Layer.IKE_MAIN_MODE,
                        IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY),
                org.assertj.core.groups.Tuple.tuple("198.51.100.7", Layer.IKE_QUICK_MODE,
                        IkeFailureReason.TS_UNACCEPTABLE, AuthMethod.PRE_SHARED_KEY));
        assertThat(r.factsOf(EspDrop.class)).extracting(EspDrop::kind).containsExactly(EspDropKind.INTEGRITY_FAILURE);
        assertThat(r.factsOf(IkeSaEvent.class).get(0).time()).isEqualTo(Instant.parse("2026-11-23T09:10:00Z"));
        // the cut last line is one counted problem, the foreign kernel line is not
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.locator()).isEqualTo("line 28"));
    }

    @Test
    void untaggedCharonLinesGoToAnSaOnlyWhenItIsTheOnlyOneInProgress() {
        ProviderRun r = run(FIX.resolve("charon-untagged-interleaved.log"));
        assertThat(r.problems()).isEmpty();
        // line 4: two SAs in progress, the notify belongs to neither; line 6: only home[1] is left
        assertThat(failures(r)).extracting(e -> e.ref().locator(), IkeSaEvent::reason, IkeSaEvent::peerAddress)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("line 4", IkeFailureReason.AUTHENTICATION_FAILED, null),
                        org.assertj.core.groups.Tuple.tuple("line 6", IkeFailureReason.NO_PROPOSAL_CHOSEN,
                                "192.0.2.10"));
        // home[1] destroyed, home[3] is the only SA: the untagged NAT line is its own
        assertThat(r.factsOf(IkeSaEvent.class)).filteredOn(e -> e.outcome() == IkeOutcome.ESTABLISHED)
                .singleElement().satisfies(e -> {
                    assertThat(e.ref().locator()).isEqualTo("line 10");
                    assertThat(e.detail()).endsWith("; NAT detected: remote host is behind NAT");
                });
    }

    @Test
    void natDetectionIsNotedOnEstablishedAndFailedEvents() {
        assertThat(lab("healthy-null/client-charon.log").factsOf(IkeSaEvent.class))
                .filteredOn(e -> e.outcome() == IkeOutcome.ESTABLISHED).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).contains("NAT detected: remote host is behind NAT"));
        assertThat(failures(lab("client-cert-untrusted-ca/server-charon.log"))).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("no issuer certificate found")
                        .endsWith("; NAT detected: remote host is behind NAT"));
    }

    @Test
    void journalJsonMixesPrograms() {
        ProviderRun r = run(FIX.resolve("journal-json-mixed.log"));
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(failures(r)).extracting(IkeSaEvent::reason).containsExactly(IkeFailureReason.AUTHENTICATION_FAILED);
        assertThat(r.factsOf(L2tpTunnelAttempt.class)).singleElement().satisfies(a -> {
            assertThat(a.stopCcnResult()).isEqualTo(2);
            assertThat(a.errorCode()).isEqualTo(6);
            assertThat(a.time()).isEqualTo(Instant.parse("2026-11-23T09:25:50Z"));
        });
        assertThat(r.factsOf(PppNegotiation.class)).extracting(PppNegotiation::detail)
                .containsExactly("MPPE required but not available");
        assertThat(r.problems()).hasSize(1);
    }

    @Test
    void plutoStatesAreKeptApart() {
        ProviderRun r = run(FIX.resolve("pluto-libreswan-3.32.log"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(IkeSaEvent.class)).filteredOn(e -> e.outcome() == IkeOutcome.ESTABLISHED)
                .extracting(IkeSaEvent::phase).containsExactly(Layer.IKE_MAIN_MODE, Layer.IKE_QUICK_MODE);
        assertThat(failures(r)).extracting(IkeSaEvent::peerAddress, IkeSaEvent::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("192.0.2.77", IkeFailureReason.NO_PROPOSAL_CHOSEN),
                org.assertj.core.groups.Tuple.tuple(null, IkeFailureReason.NO_RESPONSE),
                org.assertj.core.groups.Tuple.tuple("192.0.2.99", IkeFailureReason.POLICY_MISMATCH));
    }

    @Test
    void pppdFailuresCarryProtocolAndCode() {
        ProviderRun r = run(FIX.resolve("pppd-2.4.9-mschap.log"));
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(PppNegotiation.class)).extracting(PppNegotiation::stage, PppNegotiation::outcome,
                PppNegotiation::protocol, PppNegotiation::errorCode).containsExactly(
                // pppd logs no "LCP opened": the Configure-Acks sent and received say it
                org.assertj.core.groups.Tuple.tuple(PppStage.LCP, PppOutcome.OPENED, null, null),
                org.assertj.core.groups.Tuple.tuple(PppStage.AUTH, PppOutcome.FAILED, "MS-CHAPv2", 691),
                org.assertj.core.groups.Tuple.tuple(PppStage.LCP, PppOutcome.TIMED_OUT, null, null),
                org.assertj.core.groups.Tuple.tuple(PppStage.CCP, PppOutcome.REJECTED, "MPPE", null),
                org.assertj.core.groups.Tuple.tuple(PppStage.AUTH, PppOutcome.REJECTED, null, null));
    }

    @Test
    void anAuthenticatorWithoutTheUsersSecretFailsTheUserAndAPeerDemandingAuthIsARefusal() {
        ProviderRun r = run(FIX.resolve("pppd-2.5-lns-no-secret.log"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(PppNegotiation.class)).extracting(PppNegotiation::stage, PppNegotiation::outcome,
                PppNegotiation::protocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PppStage.LCP, PppOutcome.OPENED, null),
                org.assertj.core.groups.Tuple.tuple(PppStage.AUTH, PppOutcome.FAILED, "MS-CHAPv2"),
                org.assertj.core.groups.Tuple.tuple(PppStage.AUTH, PppOutcome.REJECTED, null));
    }

    @ParameterizedTest
    @MethodSource("labLogs")
    void aLogWithoutASideIsGivenTheSideItsOwnWordsShow(Path log) {
        String name = log.getFileName().toString();
        ProviderRun r = ProviderRun.of(provider, Evidence.file(log));
        java.util.Set<Side> sides = r.factsBesidesPlatform().stream().map(dev.vpndiag.api.fact.Fact::side)
                .collect(java.util.stream.Collectors.toSet());
        // statusall and ipsec-up output name no role, nor a pppd that could not start; daemons that negotiated do
        Side expected = name.startsWith("client-") ? Side.CLIENT : Side.SERVER;
        if (name.endsWith("charon.log") || name.endsWith("xl2tpd.log")) {
            assertThat(sides).as(name).isSubsetOf(expected);
        } else {
            assertThat(sides).as(name).isSubsetOf(expected, Side.UNKNOWN);
        }
    }

    @Test
    void bothEndsPastedTogetherStayWithoutASide() throws IOException {
        Path both = Files.createTempFile("both-ends", ".log");
        try {
            Files.write(both, Files.readAllBytes(LAB.resolve("healthy-null/client-charon.log")));
            Files.write(both, Files.readAllBytes(LAB.resolve("healthy-null/server-charon.log")),
                    java.nio.file.StandardOpenOption.APPEND);
            ProviderRun r = ProviderRun.of(provider, Evidence.file(both));
            assertThat(r.factsBesidesPlatform()).isNotEmpty().allSatisfy(f -> assertThat(f.side()).isEqualTo(Side.UNKNOWN));
        } finally {
            Files.delete(both);
        }
    }

    @Test
    void theStarterAndSystemdSayWhenTheDaemonsRanAndDied() {
        // strongSwan 5.x starter (src/starter/starter.c) and systemd unit messages as syslog writes them
        String log = String.join("\n",
                "Mar  4 10:00:00 gw systemd[1]: Started strongSwan IPsec IKEv1/IKEv2 daemon using ipsec.conf.",
                "Mar  4 10:00:00 gw ipsec_starter[10997]: charon (18019) started after 40 ms",
                "Mar  4 10:00:05 gw ipsec_starter[10997]: charon has died -- restart scheduled (5sec)",
                "Mar  4 10:00:06 gw systemd[1]: xl2tpd.service: Main process exited, code=exited, status=1/FAILURE",
                "Mar  4 10:00:06 gw systemd[1]: Started Session 12 of user root.",
                "");
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("syslog", log.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(dev.vpndiag.api.fact.ServiceState.class))
                .extracting(dev.vpndiag.api.fact.ServiceState::service, dev.vpndiag.api.fact.ServiceState::running)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ipsec", true),
                        org.assertj.core.groups.Tuple.tuple("ipsec", true),
                        org.assertj.core.groups.Tuple.tuple("ipsec", false),
                        org.assertj.core.groups.Tuple.tuple("xl2tpd", false));
    }

    @Test
    void networkManagerRepeatingCharonCountsOnlyWithoutCharonsOwnLines() {
        // NetworkManager-l2tp relays 'ipsec up' output as its own lines (journalctl -o short)
        String relayed = String.join("\n",
                "Apr 23 13:05:45 host NetworkManager[10547]: initiating Main Mode IKE_SA conn[1] to 192.0.2.1",
                "Apr 23 13:05:45 host NetworkManager[10547]: generating ID_PROT request 0 [ SA V V V V V ]",
                "Apr 23 13:05:45 host NetworkManager[10547]: <info>  [1682247945.1234] vpn[0x55d]: starting l2tp",
                "Apr 23 13:05:46 host NetworkManager[10547]: received NO_PROPOSAL_CHOSEN error notify",
                "");
        ProviderRun alone = ProviderRun.of(provider, Evidence.bytes("journal", relayed.getBytes(StandardCharsets.UTF_8)));
        assertThat(failures(alone)).extracting(IkeSaEvent::reason).containsExactly(IkeFailureReason.NO_PROPOSAL_CHOSEN);
        String both = "Apr 23 13:05:45 host charon[10518]: 15[IKE] initiating Main Mode IKE_SA conn[1] to 192.0.2.1\n"
                + "Apr 23 13:05:46 host charon[10518]: 15[IKE] received NO_PROPOSAL_CHOSEN error notify\n" + relayed;
        ProviderRun twice = ProviderRun.of(provider, Evidence.bytes("journal", both.getBytes(StandardCharsets.UTF_8)));
        assertThat(failures(twice)).hasSize(1).allSatisfy(f -> assertThat(f.ref().locator()).isEqualTo("line 2"));
    }

    @Test
    void aHalfOpenIkeSaDeletedAfterTimeoutIsAnInitiatorThatNeverWentOn() {
        // charon 5.x responder (src/libcharon/sa/ike_sa_manager.c, "deleting half open IKE_SA ... after timeout")
        String log = String.join("\n",
                "Nov 27 12:43:59 vpn charon: 09[NET] received packet: from 192.0.2.10[500] to 203.0.113.2[500] (604 bytes)",
                "Nov 27 12:43:59 vpn charon: 09[ENC] parsed IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) ]",
                "Nov 27 12:43:59 vpn charon: 09[IKE] 192.0.2.10 is initiating an IKE_SA",
                "Nov 27 12:43:59 vpn charon: 09[IKE] remote host is behind NAT",
                "Nov 27 12:43:59 vpn charon: 09[ENC] generating IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) CERTREQ ]",
                "Nov 27 12:43:59 vpn charon: 09[NET] sending packet: from 203.0.113.2[500] to 192.0.2.10[500] (473 bytes)",
                "Nov 27 12:44:29 vpn charon: 16[JOB] deleting half open IKE_SA with 192.0.2.10 after timeout",
                "");
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("syslog", log.getBytes(StandardCharsets.UTF_8)));
        assertThat(failures(r)).singleElement().satisfies(f -> {
            assertThat(f.side()).isEqualTo(Side.SERVER);
            assertThat(f.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(f.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(f.detail()).contains("NAT detected");
        });
    }

    @Test
    void anIkev2UserRefusedByEapFailsTheUsersCredentials() {
        // charon 5.9 responder with EAP-MSCHAPv2 (src/libcharon/sa/ikev2/authenticators/eap_authenticator.c,
        // "EAP method %N failed for peer %Y"; the mschapv2 plugin's "verification failed, retry")
        String log = String.join("\n",
                "Dec  3 09:00:01 gw charon: 16[IKE] 198.51.100.7 is initiating an IKE_SA",
                "Dec  3 09:00:03 gw charon: 06[IKE] initiating EAP_MSCHAPV2 method (id 0x8E)",
                "Dec  3 09:00:04 gw charon: 07[IKE] EAP-MS-CHAPv2 verification failed, retry (1)",
                "Dec  3 09:00:08 gw charon: 09[IKE] EAP method EAP_MSCHAPV2 failed for peer 192.168.1.5",
                "Dec  3 09:00:08 gw charon: 09[ENC] generating IKE_AUTH response 5 [ EAP/FAIL ]",
                "");
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("syslog", log.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.factsOf(PppNegotiation.class)).singleElement().satisfies(p -> {
            assertThat(p.stage()).isEqualTo(PppStage.AUTH);
            assertThat(p.outcome()).isEqualTo(PppOutcome.FAILED);
            assertThat(p.protocol()).isEqualTo("EAP-MSCHAPv2");
            assertThat(p.side()).isEqualTo(Side.SERVER);
        });
    }

    @Test
    void macosPppLogOfAnL2tpServerThatNeverAnswers() {
        ProviderRun r = ProviderRun.of(provider, Evidence.file(FIX.resolve("macos-ppp-l2tp-no-sccrp.log")));
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(r.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::side)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, Side.CLIENT),
                        org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, Side.CLIENT),
                        org.assertj.core.groups.Tuple.tuple(Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, Side.CLIENT));
        assertThat(r.factsOf(L2tpTunnelAttempt.class)).singleElement().satisfies(a -> {
            assertThat(a.peerAddress()).isEqualTo("203.0.113.2");
            assertThat(a.sccrpSeen()).isFalse();
            assertThat(a.time()).isEqualTo(Instant.parse("2024-03-05T09:14:23Z"));
        });
    }

    @Test
    void macosPppLogOfIpsecUnansweredThenRefused() {
        ProviderRun r = ProviderRun.of(provider, Evidence.file(FIX.resolve("macos-ppp-ipsec-no-answer.log")));
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, "203.0.113.2"),
                        org.assertj.core.groups.Tuple.tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, "203.0.113.2"));
    }

    @Test
    void aRoutersNewestFirstLogIsReadInTheOrderThingsHappened() {
        ProviderRun r = ProviderRun.of(provider, Evidence.file(FIX.resolve("router-weblog-newest-first.log")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::outcome, f -> f.ref().locator())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IkeOutcome.STARTED, "line 6"),
                        org.assertj.core.groups.Tuple.tuple(IkeOutcome.FAILED, "line 1"));
        assertThat(failures(r)).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
            assertThat(f.time()).isEqualTo(Instant.parse("2024-05-02T18:20:31Z"));
            assertThat(f.version()).isEqualTo(dev.vpndiag.api.fact.IkeVersion.IKEV1);
        });
    }

    /** Every damage a paste does, applied at random to real lab lines: the reader neither fails nor invents lines. */
    @Test
    void randomlyDamagedPastesOfRealLogsAreReadWithoutFailure() throws IOException {
        List<String> real = new java.util.ArrayList<>();
        for (String f : List.of("l2tp-server-down/client-charon.log", "l2tp-server-down/client-xl2tpd.log",
                "healthy-null/server-pppd.log", "server-no-policy/server-charon.log")) {
            real.addAll(Files.readAllLines(LAB.resolve(f)));
        }
        Random random = new Random(20261203);
        for (int paste = 0; paste < 300; paste++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(40);
            for (int i = 0; i < lines; i++) {
                String l = real.get(random.nextInt(real.size()));
                switch (random.nextInt(10)) {
                    case 0 -> l = "> " + l;
                    case 1 -> l = "    " + l;
                    case 2 -> l = "**" + l + "**";
                    case 3 -> l = l.replace(' ', '\t');
                    case 4 -> l = l.substring(0, random.nextInt(l.length() + 1));
                    case 5 -> l = "\"" + l.replace("\"", "\"\"") + "\",";
                    case 6 -> l = l + " " + real.get(random.nextInt(real.size()));
                    case 7 -> l = "2026-12-03T10:00:00.123456789Z " + l;
                    case 8 -> l = l.replaceFirst(" ", "   ");
                    default -> { }
                }
                text.append(l).append(random.nextBoolean() ? "\n\n" : "\n");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            ProviderRun r = ProviderRun.of(provider, Evidence.bytes("paste-" + paste, bytes));
            long count = text.toString().lines().count();
            assertThat(r.failure()).as("paste %d", paste).isEmpty();
            assertThat(r.factsBesidesPlatform()).allSatisfy(f -> {
                assertThat(f.ref().locator()).matches("line \\d+");
                assertThat(Long.parseLong(f.ref().locator().substring(5))).isBetween(1L, count);
            });
        }
    }

    @Test
    void swanctlListSasGivesFlowsPerDirection() {
        ProviderRun r = run(FIX.resolve("swanctl-5.9.8-list-sas.txt"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.factsOf(EspFlow.class)).extracting(EspFlow::source, EspFlow::spi, EspFlow::packets)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.2", 0xc8c1e3a5L, 0L),
                        org.assertj.core.groups.Tuple.tuple("198.51.100.2", 0xc2a6f4d3L, 8L));
    }

    // ---- bad input

    @Test
    void binaryContentIsDeclinedBySniff() {
        byte[] pcap = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0};
        assertThat(new LinuxLogProvider().sniff(new ContentHead("x", pcap, pcap.length))).isEqualTo(FactProvider.NO_MATCH);
        byte[] prose = "Dear team,\nthe VPN is down again.\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new LinuxLogProvider().sniff(new ContentHead("x", prose, prose.length))).isEqualTo(FactProvider.NO_MATCH);
    }

    @Test
    void garbageLinesAreCountedNotFatal() throws IOException {
        byte[] good = Files.readAllBytes(LAB.resolve("udp500-blocked/client-charon.log"));
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        byte[] mixed = concat(good, garbage, "\n".getBytes(StandardCharsets.US_ASCII), good);
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("mixed.log", mixed));
        assertThat(r.failure()).isEmpty();
        assertThat(failures(r)).hasSize(2);
        assertThat(r.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).contains("binary"));
    }

    @Test
    void truncatedAndOverlongLinesAreSkipped() throws IOException {
        byte[] good = Files.readAllBytes(LAB.resolve("ike-proposal-mismatch/client-charon.log"));
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2 + 7);
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("cut.log", cut));
        assertThat(r.failure()).isEmpty();
        byte[] longLine = new byte[100_000];
        java.util.Arrays.fill(longLine, (byte) 'a');
        ProviderRun r2 = ProviderRun.of(provider, Evidence.bytes("long.log", concat(longLine, "\n".getBytes(), good)));
        assertThat(failures(r2)).extracting(IkeSaEvent::reason).containsExactly(IkeFailureReason.NO_PROPOSAL_CHOSEN);
        assertThat(r2.problems()).singleElement().satisfies(p -> {
            assertThat(p.locator()).isEqualTo("line 1");
            assertThat(p.message()).contains("longer than");
        });
    }

    @Test
    void malformedTimestampedLinesAreSummarisedOnce() {
        String text = "2026-11-23 13:26:31 14[IKE] <l2tp|1> initiating Main Mode IKE_SA l2tp[1] to 203.0.113.2\n"
                + "2026-11-23 13:26:31 garbage\n"
                + "2026-11-23 13:26:31 more garbage here\n"
                + "2026-11-23 13:26:31 10[IKE] <l2tp|1> received NO_PROPOSAL_CHOSEN error notify\n";
        ProviderRun r = ProviderRun.of(provider, Evidence.bytes("m.log", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(failures(r)).hasSize(1);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.locator()).isEqualTo("line 2");
            assertThat(p.message()).startsWith("2 lines").contains("2, 3");
        });
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
