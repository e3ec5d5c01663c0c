package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.plugin.certs.internal.path.PathValidator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the x509-limbo path-validation suite (the 2023-12-02 release) through the
 * plugin's validator and compares the verdict with the suite's expected result.
 */
class LimboTest {

    static final Path LIMBO = Path.of("src/test/resources/corpus/x509-limbo_2023-12-02_limbo.json");

    /** Why a case is out of scope, by id prefix or feature. Kept in step with the README's table. */
    static final Map<String, String> OUT_OF_SCOPE = new LinkedHashMap<>();

    static {
        OUT_OF_SCOPE.put("webpki::san::", "host name matching (the peer's expected name) is not path validation");
        OUT_OF_SCOPE.put("webpki::", "Web PKI (CA/Browser Forum) profile rules, stricter than RFC 5280 path validation; IKE peers do not apply them");
        OUT_OF_SCOPE.put("feature:pedantic-", "marked pedantic by the suite: RFC 5280 profile rules for issuers, not path validation");
        OUT_OF_SCOPE.put("feature:rfc5280-incompatible-with-webpki", "the suite marks it as conflicting between profiles");
        OUT_OF_SCOPE.put("rfc5280::aki::", "RFC 5280 section 4 issuer profile (AKI presence/criticality); section 6 validation and IKE peers do not check it");
        OUT_OF_SCOPE.put("rfc5280::ski::", "RFC 5280 section 4 issuer profile (SKI presence/criticality); section 6 validation and IKE peers do not check it");
        OUT_OF_SCOPE.put("rfc5280::nc::not-allowed-in-ee-", "RFC 5280 section 4 profile: name constraints in an end-entity certificate (issuer rule)");
        OUT_OF_SCOPE.put("rfc5280::nc::nc-permits-invalid-", "subject alternative name well-formedness (malformed SAN values); needed only for host name matching");
        OUT_OF_SCOPE.put("rfc5280::san::", "subject alternative name well-formedness; needed only for host name matching");
        OUT_OF_SCOPE.put("rfc5280::ee-empty-issuer", "RFC 5280 section 4 profile (empty issuer name)");
        OUT_OF_SCOPE.put("rfc5280::ca-empty-subject", "RFC 5280 section 4 profile (empty CA subject)");
        OUT_OF_SCOPE.put("rfc5280::duplicate-extensions", "DER profile: duplicate extensions (the JDK decoder keeps the last)");
        OUT_OF_SCOPE.put("rfc5280::mismatching-signature-algorithm", "RFC 5280 section 4 profile: signature algorithm fields must agree");
        OUT_OF_SCOPE.put("rfc5280::root-", "RFC 5280 section 4 rules for trust anchors: a trust anchor is trusted as given (RFC 5280 6.1.1 d)");
        OUT_OF_SCOPE.put("rfc5280::ee-critical-aia-invalid", "RFC 5280 section 4 profile (AIA must not be critical)");
        OUT_OF_SCOPE.put("rfc5280::leaf-ku-keycertsign", "RFC 5280 section 4 profile (keyCertSign without cA)");
    }

    record Outcome(String id, boolean expected, boolean actual, String scope, String detail) {
    }

    static List<Outcome> runAll() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(LIMBO));
        PathValidator validator = new PathValidator();
        List<Outcome> out = new ArrayList<>();
        for (JsonNode tc : root.get("testcases")) {
            String id = tc.get("id").asText();
            boolean expected = "SUCCESS".equals(tc.get("expected_result").asText());
            List<X509Certificate> anchors;
            List<X509Certificate> intermediates;
            X509Certificate peer;
            try {
                anchors = certs(tc.get("trusted_certs"));
                intermediates = certs(tc.get("untrusted_intermediates"));
                peer = cert(tc.get("peer_certificate").asText());
            } catch (java.security.cert.CertificateException e) {
                out.add(new Outcome(id, expected, false, scopeOf(id, tc.get("features")), "UNREADABLE " + e.getMessage()));
                continue;
            }
            Instant at = tc.get("validation_time").isNull() ? Instant.now() : Instant.parse(tc.get("validation_time").asText());
            Set<String> eku = new HashSet<>();
            if (!tc.get("extended_key_usage").isNull()) {
                for (JsonNode e : tc.get("extended_key_usage")) {
                    eku.add(switch (e.asText()) {
                        case "serverAuth" -> "1.3.6.1.5.5.7.3.1";
                        case "clientAuth" -> "1.3.6.1.5.5.7.3.2";
                        default -> e.asText();
                    });
                }
            }
            boolean sig = !tc.get("key_usage").isNull();
            int depth = tc.get("max_chain_depth").isNull() ? -1 : tc.get("max_chain_depth").asInt();
            PathValidator.Result r = validator.validate(peer, anchors, intermediates, List.of(), at,
                    new PathValidator.Purpose(eku, sig, false), depth);
            out.add(new Outcome(id, expected, r.valid(), scopeOf(id, tc.get("features")), r.failure() + " " + r.detail()));
        }
        return out;
    }

    static String scopeOf(String id, JsonNode features) {
        List<String> keys = new ArrayList<>();
        keys.add(id);
        if (features != null && !features.isNull()) {
            for (JsonNode f : features) {
                keys.add("feature:" + f.asText());
            }
        }
        for (var e : OUT_OF_SCOPE.entrySet()) {
            for (String k : keys) {
                if (k.startsWith(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    static List<X509Certificate> certs(JsonNode pems) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (JsonNode p : pems) {
            out.add(cert(p.asText()));
        }
        return out;
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void agreesWithTheSuiteOnEveryCaseInScope() throws Exception {
        List<Outcome> all = runAll();
        StringBuilder report = new StringBuilder();
        int inScope = 0;
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (Outcome o : all) {
            boolean ok = o.expected() == o.actual();
            if (o.scope() == null) {
                inScope++;
                if (ok) {
                    agree++;
                } else {
                    disagreements.add(o.id() + " expected " + o.expected() + " got " + o.actual() + ": " + o.detail());
                }
            }
            report.append(ok ? "AGREE    " : "DISAGREE ").append(o.scope() == null ? "in-scope " : "out      ")
                    .append(o.id()).append(" expected=").append(o.expected() ? "SUCCESS" : "FAILURE")
                    .append(" got=").append(o.actual() ? "SUCCESS" : "FAILURE").append(" | ").append(o.detail()).append('\n');
        }
        report.append("in scope: ").append(agree).append('/').append(inScope).append(" agree; all: ")
                .append(all.stream().filter(o -> o.expected() == o.actual()).count()).append('/').append(all.size()).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/limbo-report.txt"), report.toString());
        assertThat(all).hasSize(135);
        assertThat(disagreements).as("in-scope disagreements (see target/limbo-report.txt)").isEmpty();
        assertThat(inScope).isGreaterThan(60);
    }
}
