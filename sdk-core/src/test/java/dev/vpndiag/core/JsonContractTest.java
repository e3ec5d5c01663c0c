package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.core.internal.FactTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnosis JSON has the documented shape; facts survive the JSON-lines round trip. */
class JsonContractTest {

    @Test
    void diagnosisDocumentHasTheContractShape() throws Exception {
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10)));
        JsonNode root = new ObjectMapper().readTree(Json.diagnosis(d));
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schemaVersion", "verdict", "layers", "causes", "ruledOut", "notEvaluated",
                "findings", "nextEvidence", "problems", "stats", "attempts");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("verdict").asText()).isEqualTo("FAULT_FOUND");
        assertThat(names(root.get("layers").get(0))).containsExactly("layer", "status", "evidence");
        assertThat(names(root.get("layers").get(0).get("evidence").get(0))).containsExactly("source", "locator", "summary");
        JsonNode cause = root.get("causes").get(0);
        assertThat(names(cause)).containsExactly("id", "layer", "confidence", "title", "explanation", "evidence",
                "contradicting", "remediation", "references");
        assertThat(cause.get("id").asText()).isEqualTo("ESP_BLOCKED");
        assertThat(cause.get("confidence").isNumber()).isTrue();
        assertThat(names(root.get("ruledOut").get(0))).containsExactly("id", "reason", "evidence");
        assertThat(names(root.get("notEvaluated").get(0))).containsExactly("id", "reason");
        assertThat(names(root.get("findings").get(0))).containsExactly("id", "message", "evidence");
        JsonNode request = root.get("nextEvidence").get(0);
        assertThat(names(request)).containsExactly("what", "side", "separates", "reason", "outcomes");
        assertThat(request.get("separates")).extracting(JsonNode::asText).containsExactly("ESP_BLOCKED", "ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED");
        JsonNode outcome = request.get("outcomes").get(0);
        assertThat(names(outcome)).containsExactly("observation", "confirms", "rulesOut");
        assertThat(outcome.get("confirms")).extracting(JsonNode::asText).containsExactly("ESP_BLOCKED");
        assertThat(outcome.get("rulesOut")).extracting(JsonNode::asText).containsExactly("ESP_CORRUPTED_IN_PATH", "NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(root.get("stats").get("facts").asInt()).isEqualTo(4);
        assertThat(root.get("stats").has("millis")).isTrue();
        JsonNode attempt = root.get("attempts").get(0);
        assertThat(names(attempt)).containsExactly("id", "clients", "servers", "sides", "start", "end", "facts",
                "verdict", "failedLayer", "topCause", "diagnosed", "chosenBecause");
        assertThat(attempt.get("diagnosed").asBoolean()).isTrue();
        assertThat(attempt.get("topCause").asText()).isEqualTo("ESP_BLOCKED");
    }

    @Test
    void everyFactTypeRoundTripsThroughItsJsonLine() {
        List<Fact> samples = List.of(ike(Side.CLIENT, 5, 0, 1, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", dev.vpndiag.api.Layer.IKE_MAIN_MODE),
                esp(Side.SERVER, CLIENT, SERVER, 0xfffffffeL, 3), l2tp(2, true, false, 2, null), ras(809),
                chain(Side.CLIENT, Side.SERVER, false, dev.vpndiag.api.fact.ChainFailure.NO_PATH), capture(Side.SERVER, 3, 0),
                new dev.vpndiag.api.fact.IcmpUnreachable(ref("frame 9"), Side.CLIENT, T0, SERVER, CLIENT, 3, 3, "UDP", 1701),
                new dev.vpndiag.api.fact.RegistryKey(ref("line 4"), Side.CLIENT, null,
                        "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent", List.of("DisplayName", "Start"), true, null),
                new dev.vpndiag.api.fact.RegistryKey(ref("line 9"), Side.CLIENT, null,
                        "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC", List.of(), true, "EnableOffload"));
        for (Fact f : samples) {
            String line = Json.fact(f);
            assertThat(line).startsWith("{\"type\":\"" + f.getClass().getSimpleName() + "\"").doesNotContain("\n");
            assertThat(Json.parseFact(line, "x", "y", Side.UNKNOWN)).isEqualTo(f);
        }
    }

    @Test
    void factsFilesMayStartWithAnyFactType() {
        String text = Json.fact(l2tp(2, false, false, null, null)) + "\n";
        dev.vpndiag.api.FactExtraction x = EngineHolder.ENGINE.extractFacts(dev.vpndiag.api.EvidenceBundle.of(
                dev.vpndiag.api.Evidence.bytes("inner.jsonl", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(x.problems()).isEmpty();
        assertThat(x.facts()).hasSize(1);
    }

    @Test
    void connectionProfileRoundTripsWithItsComponentsOnly() {
        dev.vpndiag.api.fact.ConnectionProfile p = new dev.vpndiag.api.fact.ConnectionProfile(
                dev.vpndiag.api.fact.EvidenceRef.of("ipsec.conf", "lines 5-23"), Side.CLIENT, null, "l2tp", "L2TP", "203.0.113.2",
                "C=XX, O=L2TP Lab, CN=vpn.lab.example", null, dev.vpndiag.api.fact.AuthMethod.CERTIFICATE,
                dev.vpndiag.api.fact.AuthMethod.CERTIFICATE);
        String line = Json.fact(p);
        assertThat(line).startsWith("{\"type\":\"ConnectionProfile\"").doesNotContain("expectedPeerIdentity");
        assertThat(Json.parseFact(line, "x", "y", Side.UNKNOWN)).isEqualTo(p);
        // methods left out of a host's JSON read as UNKNOWN
        Fact sparse = Json.parseFact("{\"type\":\"ConnectionProfile\",\"name\":\"Work VPN\",\"peerAddress\":\"vpn.example.com\"}",
                "host.jsonl", "line 1", Side.CLIENT);
        assertThat(sparse).isInstanceOfSatisfying(dev.vpndiag.api.fact.ConnectionProfile.class, c -> {
            assertThat(c.peerAuthMethod()).isEqualTo(dev.vpndiag.api.fact.AuthMethod.UNKNOWN);
            assertThat(c.expectedPeerIdentity()).isEqualTo("vpn.example.com");
        });
    }

    @Test
    void aRegistryKeyWithoutNamesListsNone() {
        Fact f = Json.parseFact("{\"type\":\"RegistryKey\",\"key\":\"HKLM\\\\SYSTEM\",\"complete\":false}", "k.jsonl", "line 1",
                Side.SERVER);
        assertThat(f).isInstanceOfSatisfying(dev.vpndiag.api.fact.RegistryKey.class, k -> {
            assertThat(k.valueNames()).isEmpty();
            assertThat(k.lacks("EnableOffload")).isFalse();
        });
    }

    @Test
    void missingRefAndSideTakeTheEvidenceDefaults() {
        Fact f = Json.parseFact("{\"type\":\"RasError\",\"code\":742}", "host.jsonl", "line 3", Side.CLIENT);
        assertThat(f.ref().source()).isEqualTo("host.jsonl");
        assertThat(f.ref().locator()).isEqualTo("line 3");
        assertThat(f.side()).isEqualTo(Side.CLIENT);
    }

    @Test
    void everyFactRecordOfTheVocabularyIsRegistered() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(Fact.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/vpndiag/api/fact");
        List<String> records = new ArrayList<>();
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".class") && !name.contains("$")) {
                        Class<?> c = Class.forName("dev.vpndiag.api.fact." + name.replace(".class", ""));
                        if (c.isRecord() && Fact.class.isAssignableFrom(c)) {
                            records.add(c.getSimpleName());
                        }
                    }
                }
            }
        } else {
            try (var jar = new java.util.jar.JarFile(dir.getParent().getParent().getParent().getParent().toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("dev/vpndiag/api/fact/") && n.endsWith(".class") && !n.contains("$"))
                        .forEach(n -> {
                            try {
                                Class<?> c = Class.forName(n.replace('/', '.').replace(".class", ""));
                                if (c.isRecord() && Fact.class.isAssignableFrom(c)) {
                                    records.add(c.getSimpleName());
                                }
                            } catch (ClassNotFoundException e) {
                                throw new IllegalStateException(e);
                            }
                        });
            }
        }
        assertThat(records).isNotEmpty();
        assertThat(FactTypes.ALL).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(records);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
