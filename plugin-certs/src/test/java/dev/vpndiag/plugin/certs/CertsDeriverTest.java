package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.PrivateKeyMatch;
import dev.vpndiag.api.fact.TimeBasis;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CertsDeriverTest {
    /** The lab ran on 2026-11-23; its certificates are valid from 13:06 UTC that day. */
    static final Clock LAB_TIME = Clock.fixed(Instant.parse("2026-11-23T13:30:00Z"), ZoneOffset.UTC);

    static List<Fact> bundle(String lab) throws IOException {
        List<Fact> facts = new ArrayList<>();
        Path base = Path.of("src/test/resources/lab", lab);
        for (String side : List.of("client", "server")) {
            Path store = base.resolve(side + "-store");
            try (Stream<Path> files = Files.walk(store)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Evidence e = Evidence.file(f, base.relativize(f).toString().replace('\\', '/'))
                            .withSide(side.equals("client") ? Side.CLIENT : Side.SERVER);
                    ProviderRun run = ProviderRun.of(new CertsProvider(), e);
                    assertThat(run.problems()).as(f.toString()).isEmpty();
                    facts.addAll(run.facts());
                }
            }
        }
        return facts;
    }

    static List<Fact> derive(List<Fact> facts) {
        return derive(facts, LAB_TIME);
    }

    /** Runs the deriver with the clock; any problem fails the test. */
    static List<Fact> derive(List<Fact> facts, Clock clock) {
        List<Fact> out = new ArrayList<>();
        new CertsDeriver(clock).derive(facts, new FactSink() {
            @Override
            public void accept(Fact fact) {
                out.add(fact);
            }

            @Override
            public void problem(String locator, String message) {
                throw new AssertionError(locator + ": " + message);
            }
        });
        return out;
    }

    @Test
    void healthyLabValidatesBothWaysAndFindsBothKeys() throws IOException {
        List<Fact> derived = derive(bundle("healthy-null"));
        List<ChainValidation> v = derived.stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast).toList();
        assertThat(v).hasSize(2).allSatisfy(c -> {
            assertThat(c.valid()).as(c.detail()).isTrue();
            assertThat(c.failure()).isEqualTo(ChainFailure.NONE);
            assertThat(c.detail()).contains("revocation not checked");
        });
        assertThat(v).extracting(ChainValidation::side, ChainValidation::trustedBy)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Side.CLIENT, Side.SERVER),
                        org.assertj.core.groups.Tuple.tuple(Side.SERVER, Side.CLIENT));
        assertThat(derived).filteredOn(PrivateKeyMatch.class::isInstance).hasSize(2)
                .allSatisfy(f -> assertThat(((PrivateKeyMatch) f).hasPrivateKey()).isTrue());
    }

    @Test
    void rogueClientCertificateIsNotTrustedByTheServer() throws IOException {
        List<Fact> derived = derive(bundle("client-cert-untrusted-ca"));
        ChainValidation client = derived.stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast)
                .filter(c -> c.side() == Side.CLIENT).findFirst().orElseThrow();
        assertThat(client.valid()).isFalse();
        assertThat(client.trustedBy()).isEqualTo(Side.SERVER);
        assertThat(client.failure()).isEqualTo(ChainFailure.NO_PATH);
        assertThat(client.detail()).contains("Rogue Root CA");
        assertThat(client.ref().source()).isEqualTo("client-store/certs/client-rogue.crt");
        assertThat(derived).filteredOn(ChainValidation.class::isInstance).filteredOn(f -> f.side() == Side.SERVER)
                .singleElement().satisfies(f -> assertThat(((ChainValidation) f).valid()).isTrue());
    }

    @Test
    void wrongHostClockIsValidatedSeparately() throws IOException {
        List<Fact> facts = new ArrayList<>(bundle("healthy-null"));
        Instant truth = LAB_TIME.instant();
        facts.add(new HostClock(EvidenceRef.of("clock.txt", "line 1"), Side.SERVER, truth, truth.minusSeconds(86_400L * 365), truth));
        List<ChainValidation> v = derive(facts).stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast).toList();
        assertThat(v).filteredOn(c -> c.basis() == TimeBasis.HOST_CLOCK).singleElement().satisfies(c -> {
            assertThat(c.side()).isEqualTo(Side.CLIENT);
            assertThat(c.valid()).isFalse();
            assertThat(c.failure()).isEqualTo(ChainFailure.NOT_YET_VALID);
        });
        assertThat(v).filteredOn(c -> c.basis() == TimeBasis.TRUE_TIME).allSatisfy(c -> assertThat(c.valid()).isTrue());
    }

    /**
     * The server's own log dates the attempt by the server's clock, which is a year behind: the true time
     * is the log's time minus that offset, and the server's clock is the log's time itself (it used to be
     * validated a year further behind again, and "true time" was the wrong clock).
     */
    @Test
    void aLogDatedByAKnownWrongClockIsCorrectedOnceNotTwice() throws IOException {
        List<Fact> facts = new ArrayList<>(bundle("healthy-null"));
        Instant truth = LAB_TIME.instant();
        Duration behind = Duration.ofDays(365);
        facts.add(new HostClock(EvidenceRef.of("clock.txt", "line 1"), Side.SERVER, truth, truth.minus(behind), truth));
        Instant logged = truth.minus(behind);
        facts.add(new IkeSaEvent(EvidenceRef.of("server-charon.log", "line 9"), Side.SERVER, logged, null, Layer.IKE_MAIN_MODE,
                IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN, null, null, "test"));
        List<ChainValidation> v = derive(facts).stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast).toList();
        assertThat(v).filteredOn(c -> c.basis() == TimeBasis.TRUE_TIME)
                .hasSize(2).allSatisfy(c -> {
                    assertThat(c.validatedAt()).isEqualTo(truth);
                    assertThat(c.valid()).isTrue();
                });
        assertThat(v).filteredOn(c -> c.basis() == TimeBasis.HOST_CLOCK).singleElement().satisfies(c -> {
            assertThat(c.trustedBy()).isEqualTo(Side.SERVER);
            assertThat(c.validatedAt()).isEqualTo(logged);
            assertThat(c.failure()).isEqualTo(ChainFailure.NOT_YET_VALID);
        });
    }

    /** Two attempts a year apart: each is validated at its own time, and each validation says which attempt. */
    @Test
    void eachAttemptIsValidatedAtItsOwnTime() throws IOException {
        List<Fact> facts = new ArrayList<>(bundle("healthy-null"));
        Instant today = LAB_TIME.instant();
        Instant lastYear = today.minus(Duration.ofDays(365));
        for (Instant t : List.of(lastYear, today)) {
            facts.add(new IkeSaEvent(EvidenceRef.of("server-charon.log", "line 1"), Side.SERVER, t, null, Layer.IKE_MAIN_MODE,
                    IkeOutcome.STARTED, null, AuthMethod.UNKNOWN, null, null, null));
        }
        List<ChainValidation> v = derive(facts).stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast).toList();
        assertThat(v).extracting(ChainValidation::time).containsOnly(lastYear, today);
        assertThat(v).filteredOn(c -> c.time().equals(lastYear)).hasSize(2).allSatisfy(c -> assertThat(c.failure()).isEqualTo(ChainFailure.NOT_YET_VALID));
        assertThat(v).filteredOn(c -> c.time().equals(today)).hasSize(2).allSatisfy(c -> assertThat(c.valid()).isTrue());
    }
}
