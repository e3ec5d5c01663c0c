package dev.vpndiag.testing;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import dev.vpndiag.api.Verdict;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Diagnosis}, with messages that show the ranked causes and layer
 * ladder when they fail.
 *
 * <pre>{@code
 * assertThatDiagnosis(d).hasVerdict(Verdict.FAULT_FOUND).hasTopCause("ESP_BLOCKED")
 *         .hasLayer(Layer.IKE_QUICK_MODE, LayerStatus.PASSED).doesNotRank("L2TP_NOT_ANSWERING");
 * }</pre>
 */
public final class DiagnosisAssert extends AbstractAssert<DiagnosisAssert, Diagnosis> {

    private DiagnosisAssert(Diagnosis actual) {
        super(actual, DiagnosisAssert.class);
    }

    /** Starts an assertion on a diagnosis. */
    public static DiagnosisAssert assertThatDiagnosis(Diagnosis actual) {
        return new DiagnosisAssert(actual);
    }

    /** The verdict is the given one. */
    public DiagnosisAssert hasVerdict(Verdict verdict) {
        isNotNull();
        if (actual.verdict() != verdict) {
            failWithMessage("expected verdict %s but was %s%n%s", verdict, actual.verdict(), describe());
        }
        return this;
    }

    /** The first ranked cause has the given id. */
    public DiagnosisAssert hasTopCause(String id) {
        isNotNull();
        String top = actual.causes().isEmpty() ? null : actual.causes().get(0).id();
        if (!id.equals(top)) {
            failWithMessage("expected top cause %s but was %s%n%s", id, top, describe());
        }
        return this;
    }

    /** The given cause is among the first {@code n} ranked causes. */
    public DiagnosisAssert ranksWithinTop(String id, int n) {
        isNotNull();
        List<String> ids = actual.causes().stream().limit(n).map(RankedCause::id).toList();
        if (!ids.contains(id)) {
            failWithMessage("expected %s within the top %d causes but they were %s%n%s", id, n, ids, describe());
        }
        return this;
    }

    /** The given cause is not ranked at all. */
    public DiagnosisAssert doesNotRank(String id) {
        isNotNull();
        if (actual.causes().stream().anyMatch(c -> c.id().equals(id))) {
            failWithMessage("expected %s not to be ranked%n%s", id, describe());
        }
        return this;
    }

    /** The given cause is ruled out. */
    public DiagnosisAssert rulesOut(String id) {
        isNotNull();
        if (actual.ruledOut().stream().noneMatch(c -> c.id().equals(id))) {
            failWithMessage("expected %s to be ruled out%n%s", id, describe());
        }
        return this;
    }

    /** The layer has the given status. */
    public DiagnosisAssert hasLayer(Layer layer, LayerStatus status) {
        isNotNull();
        if (actual.statusOf(layer) != status) {
            failWithMessage("expected layer %s to be %s but was %s%n%s", layer, status, actual.statusOf(layer), describe());
        }
        return this;
    }

    /** A finding with the given id was raised. */
    public DiagnosisAssert hasFinding(String id) {
        isNotNull();
        if (actual.findings().stream().noneMatch(f -> f.id().equals(id))) {
            failWithMessage("expected finding %s%n%s", id, describe());
        }
        return this;
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("layers: ");
        actual.layers().forEach(l -> sb.append(l.layer()).append('=').append(l.status()).append(' '));
        sb.append("\ncauses:");
        for (RankedCause c : actual.causes()) {
            sb.append(String.format("%n  %-28s %.2f  %s", c.id(), c.confidence(), c.explanation()));
        }
        sb.append("\nruled out: ").append(actual.ruledOut().stream().map(RuledOutCause::id).toList());
        sb.append("\nnot evaluated: ").append(actual.notEvaluated().stream().map(NotEvaluatedCause::id).toList());
        sb.append("\nproblems: ").append(actual.problems());
        if (actual.verdict() == Verdict.FAULT_FOUND && actual.causes().isEmpty()) {
            sb.append("\n(no causes although a fault was found)");
        }
        return sb.toString();
    }

    /** Layer statuses in chain order, for compact comparisons. */
    public static List<LayerStatus> ladder(Diagnosis d) {
        return d.layers().stream().map(l -> l.status()).toList();
    }
}
