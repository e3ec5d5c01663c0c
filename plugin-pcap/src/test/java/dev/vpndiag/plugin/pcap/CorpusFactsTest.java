package dev.vpndiag.plugin.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Facts read from the real corpus and lab captures. */
class CorpusFactsTest {
    /** Captures that are damaged on purpose (regression files for dissector bugs). */
    static final Set<String> KNOWN_BROKEN = Set.of("tcpdump__isakmp-delete-segfault.pcap",
            "zeekipsec__ipsec-ikev1-payload-bad-length.pcap", "zeekipsec__ipsec-ikev1-zero-length.pcap",
            "tcpdump__isakmp-no-none-np.pcapng", "ndpi__ipsec_isakmp_esp.pcap");

    private final PcapFactProvider provider = new PcapFactProvider();

    static Stream<Path> captures() {
        return Corpus.captures().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyCaptureIsSniffedAndReadWithoutProblems(Path capture) {
        ProviderRun run = ProviderRun.of(provider, capture);
        boolean empty = capture.toFile().length() <= 24;
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        if (KNOWN_BROKEN.contains(capture.getFileName().toString())) {
            assertThat(run.problems()).as("known broken file reports its damage").isNotEmpty();
        } else {
            assertThat(run.problems()).as(capture.toString()).isEmpty();
        }
        if (!empty) {
            assertThat(run.facts()).as(capture.toString()).isNotNull();
        }
    }

    private ProviderRun lab(String relative) {
        return ProviderRun.of(provider, Corpus.file("lab/" + relative));
    }

    @Test
    void healthyNullCompletesMainAndQuickModeAndCarriesReadableEsp() {
        ProviderRun run = lab("healthy-null/client-outer.pcap");
        IkeConversation ike = run.factsOf(IkeConversation.class).get(0);
        assertThat(ike.mainModeStep()).isEqualTo(6);
        assertThat(ike.quickModeStep()).isEqualTo(3);
        assertThat(ike.initiator()).isEqualTo("198.51.100.2");
        assertThat(ike.responder()).isEqualTo("203.0.113.2");
        assertThat(ike.responderAnswered()).isTrue();
        assertThat(ike.initiatorMessages4500()).isPositive();
        assertThat(ike.natDetected()).as("strongSwan forces NAT-T by faking NAT-D").isTrue();
        // The server's false hash of itself makes it look translated, as its peer's log says ("remote host is behind NAT").
        assertThat(ike.responderBehindNat()).isTrue();
        assertThat(run.factsOf(IkeProposal.class)).extracting(IkeProposal::fromResponder).contains(false, true);
        assertThat(run.factsOf(EspFlow.class)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(f -> assertThat(f.udpEncapsulated()).isTrue())
                .anySatisfy(f -> assertThat(f.payloadReadable()).isTrue());
        L2tpTunnelAttempt l2tp = run.factsOf(L2tpTunnelAttempt.class).get(0);
        assertThat(l2tp.sccrpSeen()).isTrue();
        assertThat(l2tp.tunnelEstablished()).isTrue();
        assertThat(l2tp.callEstablished()).isTrue();
        assertThat(l2tp.cdnResult()).isNotNull();
        assertThat(l2tp.ref().locator()).startsWith("frames ");
    }

    @Test
    void udp500BlockedShowsOnlyInitiatorMessages() {
        ProviderRun run = lab("udp500-blocked/client-outer.pcap");
        IkeConversation ike = run.factsOf(IkeConversation.class).get(0);
        assertThat(ike.responderAnswered()).isFalse();
        assertThat(ike.initiatorMessages()).isGreaterThan(1);
        assertThat(ike.retransmissions()).isEqualTo(ike.initiatorMessages() - 1);
        assertThat(ike.mainModeStep()).isEqualTo(1);
        assertThat(ike.responderSpi()).isEqualTo("0000000000000000");
    }

    @Test
    void l2tpServerDownRepeatsSccrqWithoutReply() {
        ProviderRun run = lab("l2tp-server-down/client-tun-inner.pcap");
        L2tpTunnelAttempt l2tp = run.factsOf(L2tpTunnelAttempt.class).get(0);
        assertThat(l2tp.sccrqCount()).isGreaterThan(1);
        assertThat(l2tp.sccrpSeen()).isFalse();
        assertThat(l2tp.tunnelEstablished()).isFalse();
    }

    @Test
    void proposalMismatchEndsAtMainModeOne() {
        ProviderRun run = lab("ike-proposal-mismatch/server-outer.pcap");
        IkeConversation ike = run.factsOf(IkeConversation.class).get(0);
        assertThat(ike.mainModeStep()).isLessThanOrEqualTo(2);
        assertThat(run.factsOf(IkeProposal.class)).isNotEmpty();
    }

    @Test
    void pppoeChapSucceedsAndLcpOpens() {
        ProviderRun run = ProviderRun.of(provider, Corpus.file("pcap/netlessons__pppoe-chap-server-client.pcapng"));
        assertThat(run.factsOf(PppNegotiation.class))
                .anySatisfy(n -> {
                    assertThat(n.stage()).isEqualTo(PppStage.LCP);
                    assertThat(n.outcome()).isEqualTo(PppOutcome.OPENED);
                })
                .anySatisfy(n -> {
                    assertThat(n.stage()).isEqualTo(PppStage.AUTH);
                    assertThat(n.outcome()).isEqualTo(PppOutcome.SUCCEEDED);
                });
    }

    @Test
    void fragmentedIkeAuthWithoutItsTailIsFlagged() {
        ProviderRun run = ProviderRun.of(provider, Corpus.file("pcap/zeekipsec__ipsec_client.pcap"));
        assertThat(run.factsOf(IkeConversation.class)).anySatisfy(c -> assertThat(c.mainModeStep()).isPositive());
    }
}
