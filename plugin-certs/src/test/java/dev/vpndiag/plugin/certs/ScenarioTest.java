package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.PrivateKeyMatch;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated certificate scenarios (expired, not yet valid, untrusted root, missing intermediate,
 * wrong EKU, bad signature, no or wrong private key, user store) through provider and deriver,
 * compared with the verdicts {@code openssl verify -attime} gave on the same set
 * ({@code golden/openssl-verify.txt}, made by {@code golden/make-scenario-golden.sh}).
 */
class ScenarioTest {
    static final Path DIR = Path.of("target/scenarios");

    /** One golden line: openssl's code with the validating side's certificates, with all, and the key check. */
    record Golden(String side, String all, String key) {
    }

    static Map<String, Golden> golden;

    @BeforeAll
    static void generate() throws Exception {
        deleteTree(DIR);
        new ScenarioCertificates().write(DIR);
        golden = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/golden/openssl-verify.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            golden.put(f[0], new Golden(f[1].substring("side=".length()), f[2].substring("all=".length()), f[3]));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The verdict class of an openssl error code. */
    static String opensslClass(String code) {
        return switch (code) {
            case "0" -> "VALID";
            case "9" -> "NOT_YET_VALID";
            case "10" -> "EXPIRED";
            case "7" -> "BAD_SIGNATURE";
            case "26" -> "WRONG_PURPOSE";
            case "2", "19", "20" -> "NO_PATH";
            default -> "OTHER(" + code + ")";
        };
    }

    /** The verdict class of a chain validation fact. */
    static String ourClass(ChainValidation v) {
        if (v.valid()) {
            return "VALID";
        }
        return v.failure() == ChainFailure.MISSING_INTERMEDIATE ? "NO_PATH" : v.failure().name();
    }

    record Outcome(List<Fact> facts, List<Fact> derived) {
        ChainValidation validation() {
            return derived.stream().filter(ChainValidation.class::isInstance).map(ChainValidation.class::cast)
                    .filter(v -> v.subject().contains(".example")).findFirst().orElseThrow();
        }

        StoredCertificate leaf() {
            return facts.stream().filter(StoredCertificate.class::isInstance).map(StoredCertificate.class::cast)
                    .filter(c -> c.subject().contains(".example")).findFirst().orElseThrow();
        }
    }

    static Outcome run(ScenarioCertificates.Scenario s) throws IOException {
        Path d = DIR.resolve(s.name());
        String v = s.validator().name().toLowerCase(Locale.ROOT) + "-store/";
        String h = s.holder().name().toLowerCase(Locale.ROOT) + "-store/";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.file(d.resolve("validator/roots.pem"), v + "cacerts/roots.pem").withSide(s.validator()));
        Path inter = d.resolve("validator/intermediates.pem");
        if (Files.exists(inter)) {
            evidence.add(Evidence.file(inter, v + "ca/intermediates.pem").withSide(s.validator())
                    .withAttributes(Map.of("store", "intermediate")));
        }
        Path chain = d.resolve("holder/chain.pem");
        if (Files.exists(chain)) {
            evidence.add(Evidence.file(chain, h + "certs/chain.pem").withSide(s.holder()));
        }
        Map<String, String> leafAttributes = s.userStore() ? Map.of("store", "user") : Map.of();
        if (s.keyForm().equals("p12")) {
            evidence.add(Evidence.file(d.resolve("holder/leaf.p12"), h + "certs/leaf.p12").withSide(s.holder())
                    .withAttributes(leafAttributes).withPassword(ScenarioCertificates.P12_PASSWORD.toCharArray()));
        } else {
            evidence.add(Evidence.file(d.resolve("holder/leaf.pem"), h + "certs/leaf.pem").withSide(s.holder())
                    .withAttributes(leafAttributes));
            evidence.add(Evidence.file(d.resolve("holder/leaf.key"), h + "private/leaf.key").withSide(s.holder()));
        }
        List<Fact> facts = new ArrayList<>();
        for (Evidence e : evidence) {
            ProviderRun r = ProviderRun.of(new CertsProvider(), e);
            assertThat(r.problems()).as(s.name() + " " + e.name()).isEmpty();
            facts.addAll(r.facts());
        }
        List<Fact> derived = CertsDeriverTest.derive(facts, Clock.fixed(ScenarioCertificates.ATTEMPT, ZoneOffset.UTC));
        return new Outcome(facts, derived);
    }

    @Test
    void everyScenarioHasAnOpensslVerdict() {
        assertThat(golden.keySet()).containsExactlyInAnyOrderElementsOf(
                ScenarioCertificates.SCENARIOS.stream().map(ScenarioCertificates.Scenario::name).toList());
    }

    @Test
    void verdictsAgreeWithOpensslVerify() throws IOException {
        for (ScenarioCertificates.Scenario s : ScenarioCertificates.SCENARIOS) {
            Golden g = golden.get(s.name());
            ChainValidation v = run(s).validation();
            String what = s.name() + ": " + v.detail();
            assertThat(v.side()).as(what).isEqualTo(s.holder());
            assertThat(v.trustedBy()).as(what).isEqualTo(s.validator());
            assertThat(ourClass(v)).as(what).isEqualTo(opensslClass(g.side()));
            assertThat(v.failure()).as(what).isEqualTo(s.expected());
            // A path exists once the holder's CA certificates are added: openssl says so with all of them.
            assertThat(v.failure() == ChainFailure.MISSING_INTERMEDIATE).as(what)
                    .isEqualTo(!g.side().equals("0") && g.all().equals("0"));
            // openssl 19: the chain ends at a self-signed root that is not trusted.
            assertThat(v.detail().contains("chain ends at root")).as(what).isEqualTo(g.all().equals("19"));
        }
    }

    @Test
    void privateKeyPresenceAgreesWithOpenssl() throws IOException {
        for (ScenarioCertificates.Scenario s : ScenarioCertificates.SCENARIOS) {
            Golden g = golden.get(s.name());
            Outcome o = run(s);
            switch (g.key()) {
                case "key=yes", "key=no" -> assertThat(o.derived()).as(s.name()).filteredOn(PrivateKeyMatch.class::isInstance)
                        .singleElement().satisfies(m -> assertThat(((PrivateKeyMatch) m).hasPrivateKey())
                                .isEqualTo(g.key().equals("key=yes")));
                case "p12-keys=0" -> assertThat(o.leaf().hasPrivateKey()).as(s.name()).isFalse();
                default -> throw new AssertionError(s.name() + ": unexpected key check " + g.key());
            }
        }
    }

    @Test
    void userCertificateIsInTheUserStore() throws IOException {
        for (ScenarioCertificates.Scenario s : ScenarioCertificates.SCENARIOS) {
            StoredCertificate leaf = run(s).leaf();
            assertThat(leaf.store()).as(s.name())
                    .isEqualTo(s.userStore() ? CertificateStore.USER_PERSONAL : CertificateStore.MACHINE_PERSONAL);
        }
    }

    @Test
    void generatorIsDeterministic() throws Exception {
        Path other = Path.of("target/scenarios-again");
        deleteTree(other);
        new ScenarioCertificates().write(other);
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.toString().endsWith(".p12")) {
                    continue; // PKCS#12 salts and IVs are random; the certificate inside is leaf.pem
                }
                assertThat(Files.readAllBytes(other.resolve(DIR.relativize(f)))).as(f.toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }
}
