package dev.vpndiag.scenarios;

import static dev.vpndiag.testing.DiagnosisAssert.assertThatDiagnosis;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.core.VpnDiag;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real strongSwan/xl2tpd lab runs, diagnosed from their own files by every plugin and the
 * built-in rules, must give the diagnoses their EXPECT.json names.
 */
class LabBundlesTest {
    private static final DiagnosticEngine ENGINE = VpnDiag.engineBuilder().build();
    private static final Set<Layer> IPSEC = EnumSet.of(Layer.PATH, Layer.IKE_MAIN_MODE, Layer.IKE_QUICK_MODE, Layer.ESP);

    static Path lab() throws URISyntaxException {
        return Path.of(LabBundlesTest.class.getResource("/lab/EXPECT.json").toURI()).getParent();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        JsonNode expect = new ObjectMapper().readTree(lab().resolve("EXPECT.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("_")) {
                out.add(Arguments.of(e.getKey(), e.getValue()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void labBundleGivesTheExpectedDiagnosis(String name, JsonNode expected) throws Exception {
        Path folder = lab().resolve(name);
        assertThat(Files.isDirectory(folder)).as("lab folder %s", name).isTrue();
        Diagnosis d = ENGINE.diagnose(VpnDiag.openBundle(folder));
        assertThat(d.problems()).as("problems reading %s", name).isEmpty();
        if (expected.has("top1")) {
            List<String> accepted = new ArrayList<>();
            expected.get("top1").forEach(n -> accepted.add(n.asText()));
            assertThat(d.causes()).as("causes of %s", name).isNotEmpty();
            assertThat(accepted).as("top cause of %s: %s", name, d.causes()).contains(d.causes().get(0).id());
        }
        if (expected.path("healthy_ipsec").asBoolean(false)) {
            assertThatDiagnosis(d).hasLayer(Layer.IKE_MAIN_MODE, LayerStatus.PASSED)
                    .hasLayer(Layer.IKE_QUICK_MODE, LayerStatus.PASSED).hasLayer(Layer.ESP, LayerStatus.PASSED);
            List<String> ipsecCauses = d.causes().stream().map(RankedCause::id)
                    .filter(id -> ENGINE.catalogue().stream().filter(c -> c.id().equals(id)).findFirst()
                            .orElseThrow().failsAtLayers().stream().anyMatch(IPSEC::contains)).toList();
            assertThat(ipsecCauses).as("IPsec causes ranked for a healthy IPsec run").isEmpty();
        }
    }
}
