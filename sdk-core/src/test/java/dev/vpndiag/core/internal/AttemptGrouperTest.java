package dev.vpndiag.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptGrouperTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final String GATEWAY = "203.0.113.5";

    private static IkeSaEvent event(Side side, String local, String peer, Instant time) {
        return new IkeSaEvent(EvidenceRef.of("charon.log", "line " + time.getEpochSecond() % 1000), side, time,
                IkeVersion.IKEV1, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE,
                AuthMethod.PRE_SHARED_KEY, local, peer, "established");
    }

    private static IkeConversation ike(Side side, String initiator, String responder, String cookie, Instant time) {
        return new IkeConversation(EvidenceRef.of(side + ".pcap", "frames 1-9"), side, time, IkeVersion.IKEV1, initiator,
                responder, cookie, "1122334455667788", 5, 4, 0, 6, 3, 0, 0, false, false, time.plusSeconds(2));
    }

    private static PppNegotiation ppp(Side side, Instant time) {
        return new PppNegotiation(EvidenceRef.of("pppd.log", "line " + (time == null ? 0 : time.getEpochSecond() % 1000)), side, time,
                PppStage.LCP, PppOutcome.OPENED, null, null, null);
    }

    private static OffloadState offload(Side side) {
        return new OffloadState(EvidenceRef.of("offload.txt", "line 1"), side, null, "eth0", true, true);
    }

    @Test
    void aGatewayServingTwoClientsGivesTwoAttemptsWithTheGatewayAsServer() {
        List<Fact> facts = List.of(event(Side.SERVER, GATEWAY, "192.0.2.10", T),
                event(Side.SERVER, GATEWAY, "198.51.100.20", T.plusSeconds(300)),
                event(Side.SERVER, GATEWAY + ":4500", "198.51.100.20:4500", T.plusSeconds(301)),
                offload(Side.SERVER));
        AttemptGrouper.Result r = AttemptGrouper.group(facts, Clocks.none());
        assertThat(r.groups()).hasSize(2);
        assertThat(r.groups().get(0).clients()).containsExactly("192.0.2.10");
        assertThat(r.groups().get(0).servers()).containsExactly(GATEWAY);
        assertThat(r.groups().get(1).clients()).containsExactly("198.51.100.20");
        assertThat(r.groups().get(1).own()).hasSize(2);
        // Host-wide facts belong to every attempt.
        assertThat(r.shared()).containsExactly(offload(Side.SERVER));
        assertThat(r.factsOf(r.groups().get(0))).contains(offload(Side.SERVER));
    }

    @Test
    void aClientDiallingSeveralServersGivesOneAttemptPerServerWithTheClientAsClient() {
        List<Fact> facts = List.of(ike(Side.CLIENT, "192.168.2.100", "109.237.187.129", "aa00000000000001", T),
                ike(Side.CLIENT, "192.168.2.100", "109.237.187.130", "aa00000000000002", T.plusSeconds(10)));
        AttemptGrouper.Result r = AttemptGrouper.group(facts, Clocks.none());
        assertThat(r.groups()).extracting(AttemptGrouper.Group::clients)
                .containsExactly(List.of("192.168.2.100"), List.of("192.168.2.100"));
        assertThat(r.groups()).extracting(AttemptGrouper.Group::servers)
                .containsExactly(List.of("109.237.187.129"), List.of("109.237.187.130"));
    }

    @Test
    void theIkeCookieJoinsTwoSidesThatANatMakesSeeDifferentAddresses() {
        List<Fact> facts = List.of(ike(Side.CLIENT, "192.168.1.10", GATEWAY, "a1b2c3d4e5f60718", T),
                ike(Side.SERVER, "198.51.100.7", "10.0.0.5", "a1b2c3d4e5f60718", T.plusSeconds(3600)),
                // another client of the same gateway, a different attempt
                ike(Side.SERVER, "198.51.100.99", "10.0.0.5", "0badc0ffee000001", T));
        AttemptGrouper.Result r = AttemptGrouper.group(facts, Clocks.none());
        assertThat(r.groups()).hasSize(2);
        AttemptGrouper.Group joined = r.groups().stream().filter(g -> g.sides().size() == 2).findFirst().orElseThrow();
        assertThat(joined.clients()).containsExactlyInAnyOrder("192.168.1.10", "198.51.100.7");
        assertThat(joined.servers()).containsExactlyInAnyOrder(GATEWAY, "10.0.0.5");
    }

    @Test
    void theEspSpiJoinsTwoSidesToo() {
        EspFlow client = new EspFlow(EvidenceRef.of("statusall.txt", "line 19"), Side.CLIENT, T, "192.168.1.10", GATEWAY,
                0xc1a2b3c4L, 5, 700, true, false, null);
        EspFlow server = new EspFlow(EvidenceRef.of("statusall.txt", "line 19"), Side.SERVER, T.plusSeconds(7200),
                "198.51.100.7", "10.0.0.5", 0xc1a2b3c4L, 5, 700, true, false, null);
        assertThat(AttemptGrouper.group(List.of(client, server), Clocks.none()).groups()).hasSize(1);
    }

    @Test
    void unlinkedSidesAreJoinedByTimeOnlyOnceTheKnownClockOffsetIsApplied() {
        List<Fact> client = List.of(event(Side.CLIENT, "192.168.1.10", GATEWAY, T));
        List<Fact> server = List.of(event(Side.SERVER, "10.0.0.5", "198.51.100.7", T.minus(Duration.ofMinutes(5))));
        List<Fact> both = new ArrayList<>(client);
        both.addAll(server);
        assertThat(AttemptGrouper.group(both, Clocks.none()).groups()).hasSize(2);
        assertThat(AttemptGrouper.group(both, Clocks.of(List.of(), Map.of(Side.SERVER, Duration.ofMinutes(-5))))
                .groups()).hasSize(1);
        // The same offset learnt from the server's clock reading.
        both.add(new HostClock(EvidenceRef.of("date.txt", "line 1"), Side.SERVER, T, T.minus(Duration.ofMinutes(5)), T));
        assertThat(AttemptGrouper.group(both, Clocks.of(both, Map.of())).groups()).hasSize(1);
    }

    @Test
    void factsWithoutAddressesGoToTheAttemptOfTheirSideNearestInTimeOrToEveryOneWhenTheyHaveNoTime() {
        Fact early = ppp(Side.SERVER, T.plusSeconds(8));
        Fact late = ppp(Side.SERVER, T.plusSeconds(305));
        Fact far = ppp(Side.SERVER, T.plusSeconds(5000));
        Fact between = ppp(Side.SERVER, T.plusSeconds(150));
        Fact untimed = ppp(Side.SERVER, null);
        List<Fact> facts = List.of(event(Side.SERVER, GATEWAY, "192.0.2.10", T),
                event(Side.SERVER, GATEWAY, "198.51.100.20", T.plusSeconds(300)), early, late, far, between, untimed);
        AttemptGrouper.Result r = AttemptGrouper.group(facts, Clocks.none());
        assertThat(r.groups().get(0).own()).contains(early, between).doesNotContain(late, far, untimed);
        assertThat(r.groups().get(1).own()).contains(late, far, between).doesNotContain(early, untimed);
        assertThat(r.shared()).containsExactly(untimed);
    }

    @Test
    void evidenceThatNamesNoEndpointIsOneAttemptWithUnknownAddresses() {
        AttemptGrouper.Result r = AttemptGrouper.group(List.of(ppp(Side.CLIENT, T), offload(Side.CLIENT)), Clocks.none());
        assertThat(r.groups()).singleElement().satisfies(g -> {
            assertThat(g.clients()).isEmpty();
            assertThat(g.servers()).isEmpty();
            assertThat(g.own()).containsExactly(ppp(Side.CLIENT, T));
        });
        assertThat(AttemptGrouper.group(List.of(offload(Side.CLIENT)), Clocks.none()).groups()).isEmpty();
    }

    @Test
    void aLongChainOfSharedIdentifiersIsOneAttemptWithoutExhaustingTheStack() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // drops for peer i under SPI i and SPI i+1: every peer is linked to the next through an SPI
            String peer = "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
            facts.add(new EspDrop(EvidenceRef.of("x", "line " + i), Side.SERVER, T, EspDropKind.INTEGRITY_FAILURE, 1,
                    Integer.toHexString(i + 1), peer, null));
            facts.add(new EspDrop(EvidenceRef.of("x", "line " + i), Side.SERVER, T, EspDropKind.INTEGRITY_FAILURE, 1,
                    Integer.toHexString(i + 2), peer, null));
        }
        assertThat(AttemptGrouper.group(facts, Clocks.none()).groups()).singleElement()
                .satisfies(g -> assertThat(g.clients()).hasSize(50_000));
    }

    @Test
    void addressesAreComparedWithoutPortsOrBrackets() {
        assertThat(AttemptGrouper.normalise("192.0.2.1:4500")).isEqualTo("192.0.2.1");
        assertThat(AttemptGrouper.normalise("[2001:DB8::1]:500")).isEqualTo("2001:db8::1");
        assertThat(AttemptGrouper.normalise("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(AttemptGrouper.normalise("%any")).isNull();
        assertThat(AttemptGrouper.normalise(" ")).isNull();
    }

    @Test
    void silenceFollowedByANewNegotiationWithTheSamePeerStartsAnotherAttempt() {
        Fact morning = event(Side.CLIENT, "192.168.1.10", GATEWAY, T);
        Fact afternoon = event(Side.CLIENT, "192.168.1.10", GATEWAY, T.plus(Duration.ofHours(6)));
        Fact redial = event(Side.CLIENT, "192.168.1.10", GATEWAY, T.plus(Duration.ofHours(6)).plusSeconds(90));
        AttemptGrouper.Result r = AttemptGrouper.group(List.of(morning, afternoon, redial), Clocks.none());
        assertThat(r.groups()).hasSize(2);
        assertThat(r.groups().get(0).own()).containsExactly(morning);
        assertThat(r.groups().get(1).own()).containsExactlyInAnyOrder(afternoon, redial);
    }

    @Test
    void oneCookieSeenHoursApartIsOneAttempt() {
        Fact first = ike(Side.CLIENT, "192.168.1.10", GATEWAY, "a1b2c3d4e5f60718", T);
        Fact again = ike(Side.CLIENT, "192.168.1.10", GATEWAY, "a1b2c3d4e5f60718", T.plus(Duration.ofHours(3)));
        assertThat(AttemptGrouper.group(List.of(first, again), Clocks.none()).groups()).hasSize(1);
    }

    @Test
    void anUntimedFactJoinsThePartOfTheTimedLineNearestToItInItsFile() {
        Fact morning = new IkeSaEvent(EvidenceRef.of("day.log", "line 10"), Side.CLIENT, T, IkeVersion.IKEV1,
                Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.PRE_SHARED_KEY,
                "192.168.1.10", GATEWAY, "established");
        Fact afternoon = new IkeSaEvent(EvidenceRef.of("day.log", "line 900"), Side.CLIENT, T.plus(Duration.ofHours(6)),
                IkeVersion.IKEV1, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED,
                AuthMethod.PRE_SHARED_KEY, "192.168.1.10", GATEWAY, "failed");
        Fact untimed = new IkeSaEvent(EvidenceRef.of("day.log", "line 12"), Side.CLIENT, null, IkeVersion.IKEV1,
                Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.PRE_SHARED_KEY,
                "192.168.1.10", GATEWAY, "child established");
        AttemptGrouper.Result r = AttemptGrouper.group(List.of(morning, afternoon, untimed), Clocks.none());
        assertThat(r.groups()).hasSize(2);
        assertThat(r.groups().get(0).own()).containsExactlyInAnyOrder(morning, untimed);
        assertThat(r.groups().get(1).own()).containsExactly(afternoon);
    }

    @Test
    void aNewPhaseOneAfterAFailedOneIsAnotherAttemptEvenMomentsLater() {
        Fact tried = new IkeSaEvent(EvidenceRef.of("ppp.log", "line 2"), Side.CLIENT, T, IkeVersion.IKEV1, Layer.IKE_MAIN_MODE,
                IkeOutcome.STARTED, IkeFailureReason.NONE, AuthMethod.UNKNOWN, null, GATEWAY, "IPSec connection started");
        Fact silent = new IkeSaEvent(EvidenceRef.of("ppp.log", "line 4"), Side.CLIENT, T.plusSeconds(30), IkeVersion.IKEV1,
                Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE, AuthMethod.UNKNOWN, null, GATEWAY, "failed");
        Fact again = new IkeSaEvent(EvidenceRef.of("ppp.log", "line 6"), Side.CLIENT, T.plusSeconds(90), IkeVersion.IKEV1,
                Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, AuthMethod.UNKNOWN, null, GATEWAY, "IPSec connection started");
        Fact refused = new IkeSaEvent(EvidenceRef.of("ppp.log", "line 8"), Side.CLIENT, T.plusSeconds(91), IkeVersion.IKEV1,
                Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.UNKNOWN, null, GATEWAY, "refused");
        AttemptGrouper.Result r = AttemptGrouper.group(List.of(tried, silent, again, refused), Clocks.none());
        assertThat(r.groups()).extracting(AttemptGrouper.Group::own)
                .containsExactly(List.of(tried, silent), List.of(again, refused));
    }
}
