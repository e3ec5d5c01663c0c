package dev.vpndiag.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import dev.vpndiag.api.Stats;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.rule.CauseSupport;
import dev.vpndiag.api.rule.LayerFailed;
import dev.vpndiag.api.rule.LayerPassed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gating of a cause that can make more than one layer fail, and how the catalogue spells such a cause. */
class MultiLayerGatingTest {
    private static final EvidenceRef REF = EvidenceRef.of("x.pcap", "frame 1");
    private static final String CATALOGUE = """
            {"entries": [
              {"id": "ONE", "kind": "CAUSE", "layer": "IKE_MAIN_MODE", "failsAt": "IKE_MAIN_MODE", "title": "t",
               "description": "d", "remediation": ["r"], "references": ["x"], "evidence": [{"kind": "capture", "what": "a capture"}]},
              {"id": "BOTH", "kind": "CAUSE", "layer": "PATH", "failsAt": ["ESP", "IKE_MAIN_MODE"], "title": "t",
               "description": "d", "remediation": ["r"], "references": ["x"], "evidence": [{"kind": "capture", "what": "a capture"}]},
              {"id": "LATER", "kind": "CAUSE", "layer": "ESP", "failsAt": "ESP", "title": "t",
               "description": "d", "remediation": ["r"], "references": ["x"], "evidence": [{"kind": "capture", "what": "a capture"}]},
              {"id": "NOTE", "kind": "FINDING", "title": "t", "description": "d", "remediation": ["r"]}
            ]}""";

    private static Catalogue catalogue() throws Exception {
        return Catalogue.parse(new ObjectMapper().readTree(CATALOGUE));
    }

    private static Diagnosis judge(Object... conclusions) throws Exception {
        return new Judge(catalogue(), RankingData.builtIn()).judge(List.of(), List.of(conclusions), List.of(),
                new Stats(0, 0, Map.of()));
    }

    private static CauseSupport support(String id) {
        return new CauseSupport(id, "seen", "seen", REF);
    }

    @Test
    void aSingleLayerIsStillReadAndAListIsPutInChainOrder() throws Exception {
        Catalogue c = catalogue();
        CatalogueEntry one = c.find("ONE").orElseThrow();
        assertThat(one.failsAt()).isEqualTo(Layer.IKE_MAIN_MODE);
        assertThat(one.failsAtLayers()).containsExactly(Layer.IKE_MAIN_MODE);
        CatalogueEntry both = c.find("BOTH").orElseThrow();
        assertThat(both.failsAtLayers()).containsExactly(Layer.IKE_MAIN_MODE, Layer.ESP);
        assertThat(both.failsAt()).as("the earliest layer").isEqualTo(Layer.IKE_MAIN_MODE);
        assertThat(both.canFailAt(Layer.ESP)).isTrue();
        assertThat(both.canFailAt(Layer.IKE_QUICK_MODE)).isFalse();
        CatalogueEntry note = c.find("NOTE").orElseThrow();
        assertThat(note.failsAt()).isNull();
        assertThat(note.failsAtLayers()).isEmpty();
    }

    @Test
    void theOldConstructorGivesOneLayerAndAnInconsistentEarliestLayerIsRefused() {
        CatalogueEntry e = new CatalogueEntry("X", CatalogueEntry.Kind.CAUSE, Layer.ESP, Layer.ESP, "t", "d", "e",
                List.of("r"), List.of());
        assertThat(e.failsAtLayers()).containsExactly(Layer.ESP);
        assertThatThrownBy(() -> new CatalogueEntry("X", CatalogueEntry.Kind.CAUSE, Layer.ESP, Layer.ESP, "t", "d", "e",
                List.of("r"), List.of(), List.of(Layer.IKE_MAIN_MODE, Layer.ESP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earliest");
    }

    @Test
    void liveWhenTheFirstFailedLayerIsItsEarlierLayer() throws Exception {
        Diagnosis d = judge(new LayerPassed(Layer.PATH, "answered", REF), new LayerFailed(Layer.IKE_MAIN_MODE, "stopped", REF),
                support("BOTH"), support("LATER"));
        assertThat(d.causes()).extracting(RankedCause::id).containsExactly("BOTH");
        assertThat(d.notEvaluated()).extracting(NotEvaluatedCause::id).contains("LATER", "ONE");
    }

    @Test
    void liveWhenTheFirstFailedLayerIsItsLaterLayerAndTheEarlierOnePassed() throws Exception {
        Diagnosis d = judge(new LayerPassed(Layer.IKE_QUICK_MODE, "quick mode", REF), new LayerFailed(Layer.ESP, "one way", REF),
                support("BOTH"), support("LATER"));
        assertThat(d.causes()).extracting(RankedCause::id).containsExactlyInAnyOrder("BOTH", "LATER");
        assertThat(d.ruledOut()).extracting(RuledOutCause::id).containsExactly("ONE");
    }

    @Test
    void ruledOutOnlyWhenEveryOneOfItsLayersPassed() throws Exception {
        Diagnosis d = judge(new LayerPassed(Layer.ESP, "both ways", REF), new LayerPassed(Layer.IKE_MAIN_MODE, "main mode", REF),
                support("BOTH"));
        assertThat(d.ruledOut()).filteredOn(r -> r.id().equals("BOTH")).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("layers IKE_MAIN_MODE and ESP passed, so this cause did not occur");
            assertThat(r.evidence()).isNotEmpty();
        });
    }

    @Test
    void notEvaluatedWhenTheConnectionFailedBetweenItsLayers() throws Exception {
        Diagnosis d = judge(new LayerPassed(Layer.IKE_MAIN_MODE, "main mode", REF),
                new LayerFailed(Layer.IKE_QUICK_MODE, "no proposal", REF), support("BOTH"));
        assertThat(d.causes()).isEmpty();
        assertThat(d.notEvaluated()).filteredOn(n -> n.id().equals("BOTH")).singleElement().extracting(NotEvaluatedCause::reason)
                .isEqualTo("layer ESP not reached (the connection failed at IKE_QUICK_MODE); layer IKE_MAIN_MODE passed");
    }

    @Test
    void notEvaluatedWhenTheConnectionFailedBeforeAllOfItsLayers() throws Exception {
        Diagnosis d = judge(new LayerFailed(Layer.PATH, "unanswered", REF), support("BOTH"));
        assertThat(d.notEvaluated()).filteredOn(n -> n.id().equals("BOTH")).singleElement().extracting(NotEvaluatedCause::reason)
                .isEqualTo("layers IKE_MAIN_MODE and ESP not reached (the connection failed at PATH)");
    }

    @Test
    void withNoFailedLayerASupportedCauseWhoseLayerIsUnknownIsLive() throws Exception {
        Diagnosis d = judge(new LayerPassed(Layer.IKE_MAIN_MODE, "main mode", REF), support("BOTH"));
        assertThat(d.causes()).extracting(RankedCause::id).containsExactly("BOTH");
    }
}
