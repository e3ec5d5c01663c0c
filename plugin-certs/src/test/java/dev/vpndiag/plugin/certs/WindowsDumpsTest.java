package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code certutil -store} and PowerShell {@code Format-List *} readers on fixtures written
 * from the documented output of those tools (see the header of each fixture for the Windows
 * version), and on damaged copies of them.
 */
class WindowsDumpsTest {
    static final Path DUMPS = Path.of("src/test/resources/dumps");

    static ProviderRun run(String file, Side side, Map<String, String> attributes) {
        return ProviderRun.of(new CertsProvider(), Evidence.file(DUMPS.resolve(file), file).withSide(side).withAttributes(attributes));
    }

    @Test
    void certutilVerboseMachineStore() {
        ProviderRun run = run("certutil-store-v-my.txt", Side.SERVER, Map.of());
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        List<StoredCertificate> certs = run.factsOf(StoredCertificate.class);
        assertThat(certs).hasSize(3).allSatisfy(c -> {
            assertThat(c.side()).isEqualTo(Side.SERVER);
            assertThat(c.der()).as("dumps carry no encoding").isNull();
        });

        StoredCertificate gw = certs.get(0);
        assertThat(gw.ref().source()).isEqualTo("certutil-store-v-my.txt");
        assertThat(gw.ref().locator()).isEqualTo("line 5: certificate CN=vpngw01.corp.contoso.com");
        assertThat(gw.store()).isEqualTo(CertificateStore.MACHINE_PERSONAL);
        assertThat(gw.subject()).isEqualTo("CN=vpngw01.corp.contoso.com");
        assertThat(gw.issuer()).isEqualTo("CN=Contoso Issuing CA 01, DC=corp, DC=contoso, DC=com");
        assertThat(gw.serial()).isEqualTo("6100000012C0FFEE4A2B3C000000000012");
        assertThat(gw.thumbprint()).isEqualTo("8F3A61C2D4E5B6A7980112233445566778899AAB");
        assertThat(gw.notBefore()).isEqualTo(Instant.parse("2026-01-15T08:04:00Z"));
        assertThat(gw.notAfter()).isEqualTo(Instant.parse("2027-01-15T08:04:00Z"));
        assertThat(gw.extendedKeyUsage()).containsExactly("serverAuth", "ipsecIKEIntermediate");
        assertThat(gw.subjectAltNames()).containsExactly("DNS:vpngw01.corp.contoso.com", "DNS:vpn.contoso.com", "IP:203.0.113.10");
        assertThat(gw.hasPrivateKey()).isTrue();
        assertThat(gw.keySize()).isEqualTo(2048);
        assertThat(gw.signatureAlgorithm()).isEqualTo("sha256RSA");
        assertThat(gw.ca()).isFalse();
        assertThat(gw.selfSigned()).isFalse();

        StoredCertificate old = certs.get(1);
        assertThat(old.thumbprint()).as("older certutil prints spaced hashes").isEqualTo("214B6D8FA0C2E406284A6C8EA0C2E406284A6C8E");
        assertThat(old.hasPrivateKey()).as("key container named but its keyset missing").isFalse();
        assertThat(old.keySize()).isEqualTo(1024);
        assertThat(old.signatureAlgorithm()).isEqualTo("sha1RSA");
        assertThat(old.notAfter()).isEqualTo(Instant.parse("2025-11-01T15:17:00Z"));
        assertThat(old.extendedKeyUsage()).containsExactly("clientAuth");

        StoredCertificate ca = certs.get(2);
        assertThat(ca.subject()).isEqualTo("CN=Contoso Issuing CA 01, DC=corp, DC=contoso, DC=com");
        assertThat(ca.issuer()).isEqualTo("CN=Contoso Root CA, O=Contoso Ltd, C=US");
        assertThat(ca.ca()).isTrue();
        assertThat(ca.selfSigned()).isFalse();
        assertThat(ca.hasPrivateKey()).isFalse();
        assertThat(ca.keySize()).isEqualTo(384);
        assertThat(ca.signatureAlgorithm()).isEqualTo("sha384ECDSA");
    }

    @Test
    void certutilRootStoreWithDamagedEntries() {
        ProviderRun run = run("certutil-store-root.txt", Side.CLIENT, Map.of());
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        List<StoredCertificate> certs = run.factsOf(StoredCertificate.class);
        assertThat(certs).extracting(StoredCertificate::subject, StoredCertificate::store, StoredCertificate::ca,
                        StoredCertificate::selfSigned, StoredCertificate::hasPrivateKey)
                .containsExactly(
                        tuple("CN=Contoso Root CA, O=Contoso Ltd, C=US", CertificateStore.TRUSTED_ROOT, true, true, false),
                        tuple("CN=Old Lab Root", CertificateStore.TRUSTED_ROOT, true, true, false));
        assertThat(certs.get(0).thumbprint()).isEqualTo("9B2E4F6A8C0D1E3F5A7B9C0D2E4F6A8B0C1D3E5F");
        assertThat(certs.get(0).notAfter()).isEqualTo(Instant.parse("2036-03-01T00:00:00Z"));
        assertThat(certs.get(1).notBefore()).isEqualTo(Instant.parse("2014-03-05T10:00:00Z"));
        assertThat(certs.get(1).notAfter()).as("unreadable date").isNull();
        assertThat(certs.get(1).thumbprint()).isEqualTo("AABBCCDDEEFF00112233445566778899AABBCCDD");
        assertThat(run.problems()).extracting(Problem::locator, Problem::message).containsExactly(
                tuple("line 17", "date 'someday' in an unknown layout"),
                tuple("line 29", "certificate block without subject or hash skipped"));
    }

    @Test
    void certutilUserStoreFromAttribute() {
        ProviderRun run = run("certutil-store-v-my.txt", Side.CLIENT, Map.of("store", "user"));
        assertThat(run.factsOf(StoredCertificate.class)).extracting(StoredCertificate::store)
                .containsOnly(CertificateStore.USER_PERSONAL);
    }

    @Test
    void powershellLocalMachineMy() {
        ProviderRun run = run("powershell-localmachine-my.txt", Side.SERVER, Map.of());
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        List<StoredCertificate> certs = run.factsOf(StoredCertificate.class);
        assertThat(certs).hasSize(2);
        StoredCertificate gw = certs.get(0);
        assertThat(gw.ref().locator()).isEqualTo("line 7: certificate CN=vpngw01.corp.contoso.com");
        assertThat(gw.store()).isEqualTo(CertificateStore.MACHINE_PERSONAL);
        assertThat(gw.issuer()).isEqualTo("CN=Contoso Issuing CA 01, DC=corp, DC=contoso, DC=com");
        assertThat(gw.thumbprint()).isEqualTo("8F3A61C2D4E5B6A7980112233445566778899AAB");
        assertThat(gw.serial()).isEqualTo("6100000012C0FFEE4A2B3C000000000012");
        assertThat(gw.notBefore()).isEqualTo(Instant.parse("2026-01-15T08:04:12Z"));
        assertThat(gw.notAfter()).isEqualTo(Instant.parse("2027-01-15T08:04:12Z"));
        assertThat(gw.extendedKeyUsage()).as("value wrapped over two lines").containsExactly("serverAuth", "ipsecIKEIntermediate");
        assertThat(gw.subjectAltNames()).containsExactly("DNS:vpngw01.corp.contoso.com", "DNS:vpn.contoso.com");
        assertThat(gw.hasPrivateKey()).isTrue();
        assertThat(gw.der()).isNull();

        StoredCertificate old = certs.get(1);
        assertThat(old.ref().locator()).startsWith("line 41: ");
        assertThat(old.hasPrivateKey()).isFalse();
        assertThat(old.notAfter()).isEqualTo(Instant.parse("2025-11-01T15:17:40Z"));
        assertThat(old.extendedKeyUsage()).containsExactly("clientAuth");
    }

    @Test
    void powershellCurrentUserMyIsTheUserStore() {
        ProviderRun run = run("powershell-currentuser-my.txt", Side.CLIENT, Map.of());
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(StoredCertificate.class)).singleElement().satisfies(c -> {
            assertThat(c.store()).isEqualTo(CertificateStore.USER_PERSONAL);
            assertThat(c.subject()).isEqualTo("CN=Alice Example, OU=Sales, DC=corp, DC=contoso, DC=com");
            assertThat(c.extendedKeyUsage()).containsExactly("clientAuth", "emailProtection");
            assertThat(c.hasPrivateKey()).isTrue();
        });
    }

    @Test
    void truncatedDumpsKeepWhatWasRead() throws IOException {
        for (String file : List.of("certutil-store-v-my.txt", "powershell-localmachine-my.txt")) {
            String text = Files.readString(DUMPS.resolve(file));
            // cut inside the second certificate, before its subject and thumbprint
            int second = file.startsWith("certutil") ? text.indexOf("================ Certificate 1")
                    : text.indexOf("PSPath", text.indexOf("PSPath") + 1);
            int cut = text.indexOf("NotBefore", second);
            Evidence e = Evidence.bytes(file, text.substring(0, cut).getBytes(StandardCharsets.UTF_8)).withSide(Side.SERVER);
            ProviderRun run = ProviderRun.of(new CertsProvider(), e);
            assertThat(run.failure()).as(file).isEmpty();
            assertThat(run.factsOf(StoredCertificate.class)).as(file).isNotEmpty()
                    .first().satisfies(c -> assertThat(c.thumbprint()).isEqualTo("8F3A61C2D4E5B6A7980112233445566778899AAB"));
        }
    }

    @Test
    void plainTextMentioningThumbprintsIsNotADump() {
        String text = "The Thumbprint column and the NotAfter date are shown in the console.\n";
        ProviderRun run = ProviderRun.of(new CertsProvider(), Evidence.bytes("notes.txt", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.NO_MATCH);
        assertThat(run.facts()).isEmpty();
        assertThat(run.failure()).isPresent();
    }
}
