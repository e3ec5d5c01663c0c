package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.EvidenceOutcome;
import dev.vpndiag.api.EvidenceRequest;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerResult;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What to collect next: the evidence whose outcomes best separate the causes still in question. */
class NextEvidenceTest {
    private static final String SERVER_CAPTURE = "a packet capture on the server's outside interface during the same attempt";

    private static Diagnosis diagnose(EvidenceBundle bundle) {
        return EngineHolder.ENGINE.diagnose(bundle);
    }

    @Test
    void oneWayEspFromAClientCaptureAsksForTheServerCaptureFirst() {
        Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 0xc1000001L, 25)));
        assertThat(d.causes()).extracting(RankedCause::id).containsExactly("ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED");

        // From the sender's capture alone, a receiver dropping altered ESP looks like ESP lost on the way.
        EvidenceRequest first = d.nextEvidence().get(0);
        assertThat(first.side()).isEqualTo(Side.SERVER);
        assertThat(first.what()).isEqualTo(SERVER_CAPTURE);
        assertThat(first.separates()).containsExactly("ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(first.reason()).isEqualTo("tells ESP_BLOCKED, ESP_CORRUPTED_IN_PATH and NAT_TRAVERSAL_UNSUPPORTED apart");
        assertThat(first.outcomes()).hasSize(4);
        assertThat(first.outcomes().get(0)).isEqualTo(new EvidenceOutcome("the client's ESP (its SPI) never arrives at the server",
                List.of("ESP_BLOCKED"), List.of("ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED")));
        assertThat(first.outcomes().get(1).confirms()).containsExactly("ESP_CORRUPTED_IN_PATH");
        assertThat(first.outcomes().get(2).confirms()).containsExactly("NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(first.outcomes().get(2).rulesOut()).containsExactly("ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH");
        assertThat(first.outcomes().get(2).observation()).contains("UDP 4500");
        assertThat(first.outcomes().get(3)).isEqualTo(new EvidenceOutcome(
                "none of the above", List.of(), List.of("ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED")));
    }

    @Test
    void anUnansweredClientCaptureAsksTheServerWhetherIkeArrived() {
        Diagnosis d = diagnose(bundle(ike(Side.CLIENT, 5, 0, 1, 0)));
        assertThat(d.causes()).extracting(RankedCause::id).contains("IKE_UDP500_BLOCKED", "SERVER_NO_IPSEC_POLICY");

        EvidenceRequest first = d.nextEvidence().get(0);
        assertThat(first.side()).isEqualTo(Side.SERVER);
        assertThat(first.what()).isEqualTo(SERVER_CAPTURE);
        assertThat(first.separates()).containsExactly("IKE_UDP500_BLOCKED", "SERVER_NO_IPSEC_POLICY");
        assertThat(first.reason())
                .isEqualTo("tells IKE_UDP500_BLOCKED and SERVER_NO_IPSEC_POLICY apart; says nothing about IPSEC_SERVICE_STOPPED");
        assertThat(first.outcomes()).extracting(EvidenceOutcome::confirms)
                .containsExactly(List.of("IKE_UDP500_BLOCKED"), List.of("SERVER_NO_IPSEC_POLICY"), List.of());
        assertThat(first.outcomes()).extracting(EvidenceOutcome::rulesOut).containsExactly(List.of("SERVER_NO_IPSEC_POLICY"),
                List.of("IKE_UDP500_BLOCKED"), List.of("IKE_UDP500_BLOCKED", "SERVER_NO_IPSEC_POLICY"));
        assertThat(first.outcomes().get(0).observation()).isEqualTo("none of the client's IKE packets arrive at the server");
        assertThat(first.outcomes().get(1).observation()).contains("sends nothing back");
    }

    @Test
    void evidenceThatShowsTwoCausesAlikeDoesNotClaimToTellThemApart() {
        // Integrity failures in the driver log fit both a corrupting path and a faulty offload NIC;
        // the offload state is what tells them apart, so it comes before the driver log.
        String drl = """
                package com.example.rules;
                import dev.vpndiag.api.Layer;
                import dev.vpndiag.api.Side;
                import dev.vpndiag.api.fact.*;
                import dev.vpndiag.api.rule.*;
                rule "ESP_CORRUPTED_IN_PATH test probe"
                when
                    $r : RasError( code == 4242 )
                then
                    insert(new LayerFailed(Layer.ESP, "probe", $r.ref()));
                    insert(new CauseSupport("ESP_CORRUPTED_IN_PATH", "not-decrypted", "probe", $r.ref()));
                    insert(new CauseSupport("NIC_IPSEC_OFFLOAD_FAULT", "not-decrypted", "probe", $r.ref()));
                    insert(new EvidenceWanted("the probe's own trace", Side.PATH, java.util.List.of("ESP_CORRUPTED_IN_PATH"), "host rule"));
                end
                """;
        DiagnosticEngine engine = VpnDiag.engineBuilder().discoverPlugins(false).addRules("probe", drl).build();
        Diagnosis d = engine.diagnose(bundle(ipsecUp(), ras(4242)));
        assertThat(d.causes()).extracting(RankedCause::id).contains("ESP_CORRUPTED_IN_PATH", "NIC_IPSEC_OFFLOAD_FAULT");

        // The rule's own request stays first, without outcomes.
        assertThat(d.nextEvidence().get(0).what()).isEqualTo("the probe's own trace");
        assertThat(d.nextEvidence().get(0).outcomes()).isEmpty();

        EvidenceRequest driverLog = request(d,
                "the server's System event log (IPsec driver events 4285, 4268) or Security events 4960-4965", Side.SERVER);
        assertThat(driverLog.reason()).contains("without telling them apart");
        EvidenceOutcome rising = driverLog.outcomes().stream().filter(o -> o.confirms().contains("NIC_IPSEC_OFFLOAD_FAULT"))
                .findFirst().orElseThrow();
        assertThat(rising.confirms()).contains("ESP_CORRUPTED_IN_PATH");
        assertThat(rising.rulesOut()).doesNotContain("ESP_CORRUPTED_IN_PATH", "NIC_IPSEC_OFFLOAD_FAULT");

        List<EvidenceRequest> computed = d.nextEvidence().subList(1, d.nextEvidence().size());
        EvidenceRequest offload = computed.stream().filter(r -> r.separates().contains("NIC_IPSEC_OFFLOAD_FAULT")
                && !r.separates().contains("ESP_CORRUPTED_IN_PATH")).findFirst().orElseThrow();
        assertThat(computed.indexOf(offload)).isLessThan(computed.indexOf(driverLog));
    }

    @Test
    void evidenceAlreadyInTheBundleIsNeverRequested() {
        Diagnosis d = diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 0xc1000001L, 25), capture(Side.SERVER, 10, 0),
                ras(809)));
        assertThat(d.causes()).isNotEmpty();
        assertThat(d.nextEvidence()).isNotEmpty()
                .noneMatch(r -> r.what().contains("packet capture"))
                .noneMatch(r -> r.what().contains("Application log"));
    }

    @Test
    void withNoLiveCauseTheFirstUnknownLayersCausesAreWeighedEqually() {
        Diagnosis d = diagnose(bundle());
        List<String> path = EngineHolder.ENGINE.catalogue().stream()
                .filter(e -> e.kind() == CatalogueEntry.Kind.CAUSE && e.failsAt() == Layer.PATH).map(CatalogueEntry::id).toList();
        assertThat(d.causes()).isEmpty();
        assertThat(d.nextEvidence()).hasSizeBetween(1, 5);
        // The server capture and the server's service state each split all three path causes three ways.
        EvidenceRequest first = d.nextEvidence().get(0);
        assertThat(first.side()).isEqualTo(Side.SERVER);
        assertThat(first.outcomes()).hasSize(3);
        assertThat(path).containsAll(first.separates());
    }

    static Stream<EvidenceBundle> bundles() {
        return Stream.of(
                bundle(),
                bundle(ike(Side.CLIENT, 5, 0, 1, 0)),
                bundle(ike(Side.CLIENT, 5, 0, 1, 0), ike(Side.SERVER, 5, 0, 1, 0)),
                bundle(ike(Side.CLIENT, 1, 1, 2, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE)),
                bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10)),
                bundle(ipsecUp(), l2tp(5, false, false, null, null)),
                bundle(ras(742)),
                bundle(ras(809)),
                bundle(ipsecUp(), l2tp(1, true, true, null, null), ppp(PppStage.LCP, PppOutcome.OPENED, null, null),
                        ppp(PppStage.AUTH, PppOutcome.FAILED, "MS-CHAPv2", "E=691")));
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyOutcomeNamesOnlyCausesStillInQuestion(EvidenceBundle bundle) {
        Diagnosis d = diagnose(bundle);
        Set<String> inQuestion = new HashSet<>(d.causes().stream().map(RankedCause::id).toList());
        if (inQuestion.isEmpty()) {
            Layer focus = d.failedLayer().orElseGet(() -> d.layers().stream().filter(l -> l.status() == LayerStatus.UNKNOWN)
                    .map(LayerResult::layer).findFirst().orElseThrow());
            EngineHolder.ENGINE.catalogue().stream().filter(e -> e.kind() == CatalogueEntry.Kind.CAUSE && e.failsAt() == focus)
                    .forEach(e -> inQuestion.add(e.id()));
        }
        assertThat(d.nextEvidence()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        for (EvidenceRequest r : d.nextEvidence()) {
            assertThat(r.separates()).isNotEmpty().isSubsetOf(inQuestion);
            assertThat(r.reason()).isNotBlank();
            assertThat(r.outcomes()).hasSizeGreaterThanOrEqualTo(2);
            for (EvidenceOutcome o : r.outcomes()) {
                assertThat(o.observation()).isNotBlank();
                assertThat(o.confirms()).isSubsetOf(r.separates());
                assertThat(o.rulesOut()).isSubsetOf(r.separates());
                assertThat(o.confirms()).noneMatch(o.rulesOut()::contains);
            }
            // The last outcome is "shows none of these", which rules out everything the evidence covers.
            EvidenceOutcome none = r.outcomes().get(r.outcomes().size() - 1);
            assertThat(none.confirms()).isEmpty();
            assertThat(none.rulesOut()).containsExactlyElementsOf(r.separates());
        }
        List<String> asked = d.nextEvidence().stream().map(r -> r.what() + "|" + r.side()).toList();
        assertThat(asked).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void theSameEvidenceInAnyOrderGivesTheSameRequests(EvidenceBundle bundle) {
        List<Fact> facts = new ArrayList<>(EngineHolder.ENGINE.extractFacts(bundle).facts());
        Collections.reverse(facts);
        Diagnosis a = diagnose(bundle);
        Diagnosis b = diagnose(EvidenceBundle.of(Evidence.facts("reversed", facts)));
        assertThat(b.nextEvidence()).isEqualTo(a.nextEvidence());
        assertThat(diagnose(bundle).nextEvidence()).isEqualTo(a.nextEvidence());
    }

    private static EvidenceRequest request(Diagnosis d, String what, Side side) {
        return d.nextEvidence().stream().filter(r -> r.what().equals(what) && r.side() == side).findFirst()
                .orElseThrow(() -> new AssertionError("no request for " + what + " in " + d.nextEvidence()));
    }
}
