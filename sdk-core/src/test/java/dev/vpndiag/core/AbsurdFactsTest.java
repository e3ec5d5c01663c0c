package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.RasError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Well-formed but absurd facts are stopped at the boundary, whoever wrote them, with a problem naming
 * the field; the rest of the evidence is used and the absurd attempt is never the one diagnosed.
 */
class AbsurdFactsTest {
    private static final EvidenceRef REF = EvidenceRef.of("host", "item 1");

    private static EspFlow flow(String source, long packets, Instant time) {
        return new EspFlow(REF, Side.CLIENT, time, source, Facts.SERVER, 0xc0ffee, packets, 100, false, false, null);
    }

    private static FactExtraction extract(List<? extends Fact> facts) {
        return EngineHolder.ENGINE.extractFacts(EvidenceBundle.of(List.of(Evidence.facts("host", facts))));
    }

    @Test
    void negativeCountsImpossibleAddressesAndTimesOutOfRangeAreDroppedWithAReason() {
        FactExtraction x = extract(List.of(
                flow("198.51.100.2", -4, Facts.T0),
                flow("999.1.1.1", 4, Facts.T0),
                flow("198.51.100.2", 4, Instant.MIN),
                flow("198.51.100.2", 4, Facts.T0)));
        assertThat(x.facts()).singleElement().satisfies(f -> assertThat(((EspFlow) f).packets()).isEqualTo(4));
        assertThat(x.problems()).extracting(p -> p.message()).containsExactly(
                "EspFlow dropped: packets is negative or not a number (-4)",
                "EspFlow dropped: source 999.1.1.1 is not an IPv4 address",
                "EspFlow dropped: time -1000000000-01-01T00:00:00Z lies outside 1970-2200");
        assertThat(x.problems()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("host");
            assertThat(p.locator()).isEqualTo("item 1");
        });
    }

    @Test
    void redactedAddressesHostNamesAndFarCertificateValidityPass() {
        FactExtraction x = extract(List.of(flow("xxx.xxx.xxx.xxx", 4, Facts.T0), flow("<ip>", 4, Facts.T0),
                flow("vpn.example.com", 4, Instant.parse("1970-01-01T00:00:05Z"))));
        assertThat(x.problems()).isEmpty();
        assertThat(x.facts()).hasSize(3);
    }

    @Test
    void negativeErrorCodesAreHresultsAndPass() {
        FactExtraction x = extract(List.of(new RasError(REF, Side.CLIENT, Facts.T0, -2146762495, "Work VPN", "CERT_E_EXPIRED")));
        assertThat(x.problems()).isEmpty();
        assertThat(x.facts()).hasSize(1);
    }

    @Test
    void anAbsurdJsonlLineIsNotTheAttemptDiagnosed() {
        String jsonl = Json.fact(new RasError(EvidenceRef.of("t", "line 1"), Side.CLIENT, Instant.parse("+999999-01-01T00:00:00Z"),
                789, "Work VPN", "RAS error 789")) + "\n"
                + Json.fact(new RasError(EvidenceRef.of("t", "line 2"), Side.CLIENT, Facts.T0, 691, "Work VPN", "RAS error 691")) + "\n";
        Diagnosis d = EngineHolder.ENGINE.diagnose(EvidenceBundle.of(List.of(
                Evidence.bytes("client-facts.jsonl", jsonl.getBytes(StandardCharsets.UTF_8)).withSide(Side.CLIENT))));
        assertThat(d.topCause()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("PPP_AUTH_FAILED"));
        assertThat(d.problems()).anySatisfy(p -> assertThat(p.message()).contains("RasError dropped: time"));
    }
}
