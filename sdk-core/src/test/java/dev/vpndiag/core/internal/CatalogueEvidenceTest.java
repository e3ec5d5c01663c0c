package dev.vpndiag.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceOutcome;
import dev.vpndiag.api.EvidenceRequest;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Stats;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.rule.CauseSupport;
import dev.vpndiag.api.rule.LayerFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue's evidence sources and what each would show; catalogues without that text still work. */
class CatalogueEvidenceTest {

    /** Two path causes that a server capture would show differently, written without "shows". */
    private static final String HOST_CATALOGUE = """
            {"entries": [
              {"id": "A_CAUSE", "kind": "CAUSE", "layer": "PATH", "failsAt": "PATH", "title": "A",
               "remediation": ["fix A"],
               "evidence": [{"kind": "capture", "what": "a server capture", "side": "SERVER"}]},
              {"id": "B_CAUSE", "kind": "CAUSE", "layer": "PATH", "failsAt": "PATH", "title": "B",
               "remediation": ["fix B"],
               "evidence": [{"kind": "capture", "what": "a server capture", "side": "SERVER"},
                            {"kind": "clock", "what": "the clocks", "shows": "  clocks apart  "}]}
            ]}
            """;

    @Test
    void everyBuiltInEvidenceSourceSaysWhatItWouldShow() {
        Catalogue catalogue = Catalogue.builtIn();
        for (CatalogueEntry e : catalogue.causes()) {
            assertThat(catalogue.evidenceFor(e.id())).as(e.id()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.shows()).as(e.id() + " " + s.kind() + " " + s.side()).isNotBlank());
        }
    }

    @Test
    void entriesWithoutShowsStillLoad() throws Exception {
        Catalogue catalogue = Catalogue.parse(new ObjectMapper().readTree(HOST_CATALOGUE));
        assertThat(catalogue.evidenceFor("A_CAUSE")).containsExactly(
                new Catalogue.EvidenceSource("capture", "a server capture", Side.SERVER, ""));
        assertThat(catalogue.evidenceFor("B_CAUSE").get(1)).isEqualTo(
                new Catalogue.EvidenceSource("clock", "the clocks", Side.UNKNOWN, "clocks apart"));
    }

    @Test
    void withoutShowsEachCauseStillGetsItsOwnOutcome() throws Exception {
        Catalogue catalogue = Catalogue.parse(new ObjectMapper().readTree(HOST_CATALOGUE));
        Judge judge = new Judge(catalogue, new RankingData(Map.of("prior.A_CAUSE", 1.0, "prior.B_CAUSE", 0.0,
                "A_CAUSE.x", 1.0, "B_CAUSE.x", 1.0)));
        EvidenceRef ref = EvidenceRef.of("host", "line 1");
        Diagnosis d = judge.judge(List.of(), List.of(new LayerFailed(Layer.PATH, "nothing came back", ref),
                        new CauseSupport("A_CAUSE", "x", "seen", ref), new CauseSupport("B_CAUSE", "x", "seen", ref)),
                List.of(), new Stats(0, 0, Map.of()));

        EvidenceRequest first = d.nextEvidence().get(0);
        assertThat(first.what()).isEqualTo("a server capture");
        assertThat(first.separates()).containsExactly("A_CAUSE", "B_CAUSE");
        assertThat(first.outcomes()).containsExactly(
                new EvidenceOutcome("signs of A_CAUSE", List.of("A_CAUSE"), List.of("B_CAUSE")),
                new EvidenceOutcome("signs of B_CAUSE", List.of("B_CAUSE"), List.of("A_CAUSE")),
                new EvidenceOutcome("none of the above", List.of(), List.of("A_CAUSE", "B_CAUSE")));
        // The clock reading covers B only, so it separates less and comes second.
        assertThat(d.nextEvidence().get(1).outcomes().get(0))
                .isEqualTo(new EvidenceOutcome("clocks apart", List.of("B_CAUSE"), List.of()));
    }
}
