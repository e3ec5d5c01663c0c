package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Verdict;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each scenario's diagnosis matches its expect.json: verdict, layer states, top cause, top three, absent causes. */
class ScenarioSuiteTest {

    static Stream<ScenarioSuite.Scenario> scenarios() {
        return ScenarioSuite.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void diagnosisMatchesExpectation(ScenarioSuite.Scenario s) {
        Diagnosis d = s.diagnose();
        List<String> ranked = ScenarioSuite.rankedIds(d);
        String summary = s.name() + ": verdict " + d.verdict() + ", layers " + d.layers().stream()
                .map(l -> l.layer() + "=" + l.status()).toList() + ", causes " + d.causes().stream()
                .map(c -> c.id() + " " + c.confidence()).toList();
        assertThat(d.problems()).as("problems reading %s", s.name()).isEmpty();
        if (s.verdict() != null) {
            assertThat(d.verdict()).as(summary).isEqualTo(Verdict.valueOf(s.verdict()));
        }
        for (Map.Entry<String, String> e : s.layers().entrySet()) {
            assertThat(d.statusOf(Layer.valueOf(e.getKey())).name()).as("layer %s in %s", e.getKey(), summary)
                    .isEqualTo(e.getValue());
        }
        if (s.judgesTopCause()) {
            assertThat(ranked).as(summary).isNotEmpty();
            assertThat(s.top1()).as("top cause in %s", summary).contains(ranked.get(0));
        }
        List<String> firstThree = ranked.subList(0, Math.min(3, ranked.size()));
        assertThat(firstThree).as("top three in %s", summary).containsAll(s.top3());
        for (String id : s.absent()) {
            assertThat(ranked).as("causes that must not be ranked in %s", summary).doesNotContain(id);
        }
        if (s.attempts() >= 0) {
            assertThat(d.attempts()).as("attempts in %s: %s", s.name(), d.attempts()).hasSize(s.attempts());
        }
        for (String address : s.diagnosedAttemptInvolves()) {
            assertThat(d.diagnosedAttempt()).as("diagnosed attempt in %s: %s", s.name(), d.attempts())
                    .hasValueSatisfying(a -> assertThat(a.involves(address)).as("involves %s", address).isTrue());
        }
        // Accountability: every catalogue id is ranked, ruled out or not evaluated exactly once.
        int accounted = d.causes().size() + d.ruledOut().size() + d.notEvaluated().size();
        assertThat(accounted).as("accounted ids in %s", s.name()).isEqualTo(ScenarioSuite.ENGINE.catalogue().stream()
                .filter(c -> c.kind() == dev.vpndiag.api.CatalogueEntry.Kind.CAUSE).count());
    }

    @Test
    void everyCatalogueCauseHasAtLeastTwoScenariosThatExpectItFirst() {
        List<String> ids = ScenarioSuite.ENGINE.catalogue().stream()
                .filter(c -> c.kind() == dev.vpndiag.api.CatalogueEntry.Kind.CAUSE).map(c -> c.id()).toList();
        List<ScenarioSuite.Scenario> all = ScenarioSuite.all();
        for (String id : ids) {
            assertThat(all.stream().filter(s -> s.top1().contains(id)).count()).as("scenarios expecting %s first", id)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(all.stream().filter(s -> "NO_FAULT_FOUND".equals(s.verdict()))).as("healthy scenarios").isNotEmpty();
    }
}
