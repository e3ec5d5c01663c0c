package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.fact.StoredPrivateKey;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CertsProviderTest {
    static final Path RES = Path.of("src/test/resources");
    static final Map<String, String> PASSWORDS = Map.of(
            "corpus/netty__mutual_auth_client.p12", "example",
            "corpus/netty__mutual_auth_server.p12", "example",
            "corpus/netty__rsaValidations-server-keystore.p12", "password");
    final CertsProvider provider = new CertsProvider();

    static ProviderRun run(String file, String password) {
        Evidence e = Evidence.file(RES.resolve(file), file);
        if (password != null) {
            e = e.withPassword(password.toCharArray());
        }
        return ProviderRun.of(new CertsProvider(), e);
    }

    @Test
    void thumbprintsMatchOpensslForEveryCorpusFile() throws Exception {
        Map<String, Set<String>> golden = new TreeMap<>();
        for (String line : Files.readAllLines(RES.resolve("golden/openssl-fingerprints.txt"))) {
            String[] p = line.split(" ");
            golden.computeIfAbsent(p[0], k -> new TreeSet<>()).add(p[1]);
        }
        assertThat(golden).hasSizeGreaterThan(15);
        for (var e : golden.entrySet()) {
            ProviderRun run = run(e.getKey(), PASSWORDS.get(e.getKey()));
            assertThat(run.sniffScore()).as(e.getKey()).isEqualTo(FactProvider.STRONG_MATCH);
            assertThat(run.failure()).as(e.getKey()).isEmpty();
            Set<String> ours = run.factsOf(StoredCertificate.class).stream().map(StoredCertificate::thumbprint)
                    .collect(Collectors.toCollection(TreeSet::new));
            // certificates the JDK decoder refuses (limbo's mismatched signature algorithm) are problems, not facts
            assertThat(e.getValue()).as(e.getKey()).containsAll(ours);
            assertThat(ours.size() + run.problems().size()).as(e.getKey()).isEqualTo(e.getValue().size());
        }
    }

    @Test
    void certificateAndKeyInOnePemFileAreMatched() {
        ProviderRun run = run("corpus/curl__Server-localhost.exp-sv.pem", null);
        StoredCertificate c = run.factsOf(StoredCertificate.class).get(0);
        assertThat(c.hasPrivateKey()).isTrue();
        assertThat(c.keySize()).isEqualTo(1024);
        assertThat(c.subjectAltNames()).containsExactly("DNS:localhost");
        assertThat(c.extendedKeyUsage()).containsExactly("serverAuth");
        assertThat(c.ref().locator()).startsWith("line ").contains("certificate CN=localhost");
        assertThat(run.factsOf(StoredPrivateKey.class)).singleElement()
                .satisfies(k -> assertThat(k.keyAlgorithm()).isEqualTo("RSA"));
    }

    @Test
    void pkcs12LeafHasItsKeyAndChainCertificatesDoNot() {
        ProviderRun run = run("corpus/netty__mutual_auth_client.p12", "example");
        assertThat(run.problems()).isEmpty();
        var certs = run.factsOf(StoredCertificate.class);
        assertThat(certs).filteredOn(c -> Boolean.TRUE.equals(c.hasPrivateKey())).singleElement()
                .satisfies(c -> assertThat(c.ca()).isFalse());
        assertThat(certs).filteredOn(StoredCertificate::ca).allSatisfy(c -> assertThat(c.hasPrivateKey()).isFalse());
    }

    @Test
    void wrongOrMissingPasswordIsAClearProblemWithoutThePassword() {
        ProviderRun wrong = run("corpus/netty__mutual_auth_client.p12", "s3cret-wrong");
        assertThat(wrong.failure()).isEmpty();
        assertThat(wrong.problems()).extracting(Problem::message).singleElement().asString()
                .startsWith("password incorrect").doesNotContain("s3cret-wrong");
        ProviderRun missing = run("corpus/curl__Server-localhost-sv.p12", null);
        assertThat(missing.problems()).extracting(Problem::message).singleElement().asString().startsWith("password required");
        ProviderRun encKey = run("corpus/netty__test_encrypted.pem", null);
        assertThat(encKey.problems()).extracting(Problem::message).singleElement().asString().startsWith("password required");
        ProviderRun encOk = run("corpus/netty__test_encrypted.pem", "12345");
        assertThat(encOk.problems()).isEmpty();
        assertThat(encOk.factsOf(StoredPrivateKey.class)).singleElement()
                .satisfies(k -> assertThat(k.publicKeySha256()).hasSize(64));
    }

    @Test
    void strongSwanLayoutGivesStoresFromFolders() {
        ProviderRun ca = run("lab/healthy-null/server-store/cacerts/ca.crt", null);
        assertThat(ca.factsOf(StoredCertificate.class)).singleElement()
                .satisfies(c -> assertThat(c.store()).isEqualTo(CertificateStore.TRUSTED_ROOT));
        ProviderRun ee = run("lab/healthy-null/server-store/certs/server.crt", null);
        assertThat(ee.factsOf(StoredCertificate.class)).singleElement().satisfies(c -> {
            assertThat(c.store()).isEqualTo(CertificateStore.MACHINE_PERSONAL);
            assertThat(c.hasPrivateKey()).isNull();
            assertThat(c.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        });
        ProviderRun key = run("lab/healthy-null/server-store/private/server.key", null);
        assertThat(key.factsOf(StoredPrivateKey.class)).singleElement()
                .satisfies(k -> assertThat(k.publicKeySha256()).hasSize(64));
    }

    @Test
    void truncatedDerKeepsNothingAndSaysWhere() throws Exception {
        byte[] der = Files.readAllBytes(RES.resolve("corpus/strongswan__carol_D_cert.der"));
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("cut.der", Arrays.copyOf(der, der.length / 2)));
        assertThat(run.failure()).get().isInstanceOf(EvidenceFormatException.class);
        assertThat(run.problems()).singleElement().satisfies(p -> assertThat(p.locator()).isEqualTo("byte 0"));
    }

    @Test
    void secondDerObjectDamagedKeepsTheFirst() throws Exception {
        byte[] der = Files.readAllBytes(RES.resolve("corpus/strongswan__carol_D_cert.der"));
        byte[] two = Arrays.copyOf(der, der.length + 40);
        System.arraycopy(der, 0, two, der.length, 40);
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("two.der", two));
        assertThat(run.factsOf(StoredCertificate.class)).hasSize(1);
        assertThat(run.problems()).singleElement().satisfies(p -> assertThat(p.locator()).isEqualTo("byte " + der.length));
    }

    @Test
    void lyingLengthAndDeepNestingAreTypedErrors() {
        byte[] lying = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x30, 0x00};
        assertThat(ProviderRun.of(provider, Evidence.bytes("lie.der", lying)).failure()).get()
                .isInstanceOf(EvidenceFormatException.class);
        byte[] deep = new byte[400_000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80;
        }
        assertThat(ProviderRun.of(provider, Evidence.bytes("deep.der", deep)).failure()).get()
                .isInstanceOf(EvidenceFormatException.class);
    }

    @Test
    void pemWithGarbageBlockStillReadsTheOtherCertificates() throws Exception {
        String good = Files.readString(RES.resolve("corpus/netty__localhost_server.pem"));
        String text = "junk\n-----BEGIN CERTIFICATE-----\nnot*base64!!\n-----END CERTIFICATE-----\n" + good
                + "-----BEGIN CERTIFICATE-----\nMIIB\n";
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("mixed.pem", text.getBytes(StandardCharsets.US_ASCII)));
        assertThat(run.factsOf(StoredCertificate.class)).hasSize(1);
        assertThat(run.problems()).extracting(Problem::locator).containsExactly("line 2", "line " + (5 + good.lines().count()));
    }

    @Test
    void garbageIsDeclinedByTheSniff() {
        byte[] garbage = "hello world, no certificates here\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ProviderRun.of(provider, Evidence.bytes("x.txt", garbage)).sniffScore()).isEqualTo(FactProvider.NO_MATCH);
    }
}
