package dev.vpndiag.api;

import java.util.List;
import java.util.Optional;

/**
 * The answer to "why did this connection attempt fail". Every catalogue id appears in exactly one
 * of {@link #causes()}, {@link #ruledOut()} and {@link #notEvaluated()}.
 *
 * @param verdict      the overall outcome
 * @param layers       every layer of the chain, in chain order
 * @param causes       ranked causes, highest confidence first; empty unless a fault was found
 * @param ruledOut     causes the evidence excludes
 * @param notEvaluated causes that could not be judged, with the reason
 * @param findings     statements about the evidence itself
 * @param nextEvidence what to collect next to separate the live causes
 * @param problems     evidence that could not be read
 * @param stats        counters
 * @param attempts     the connection attempts found in the evidence, in order of start; the one this
 *                     diagnosis is about is marked {@linkplain ConnectionAttempt#diagnosed() diagnosed}.
 *                     Empty when the evidence shows no attempt at all
 */
public record Diagnosis(Verdict verdict, List<LayerResult> layers, List<RankedCause> causes,
                        List<RuledOutCause> ruledOut, List<NotEvaluatedCause> notEvaluated,
                        List<Finding> findings, List<EvidenceRequest> nextEvidence,
                        List<Problem> problems, Stats stats, List<ConnectionAttempt> attempts) {
    /** Copies the lists. */
    public Diagnosis {
        attempts = List.copyOf(attempts);
        layers = List.copyOf(layers);
        causes = List.copyOf(causes);
        ruledOut = List.copyOf(ruledOut);
        notEvaluated = List.copyOf(notEvaluated);
        findings = List.copyOf(findings);
        nextEvidence = List.copyOf(nextEvidence);
        problems = List.copyOf(problems);
    }

    /** A diagnosis that does not list attempts. */
    public Diagnosis(Verdict verdict, List<LayerResult> layers, List<RankedCause> causes,
                     List<RuledOutCause> ruledOut, List<NotEvaluatedCause> notEvaluated,
                     List<Finding> findings, List<EvidenceRequest> nextEvidence,
                     List<Problem> problems, Stats stats) {
        this(verdict, layers, causes, ruledOut, notEvaluated, findings, nextEvidence, problems, stats, List.of());
    }

    /** The same diagnosis with the given attempts and counters. */
    public Diagnosis withAttempts(List<ConnectionAttempt> newAttempts, Stats newStats) {
        return new Diagnosis(verdict, layers, causes, ruledOut, notEvaluated, findings, nextEvidence, problems,
                newStats, newAttempts);
    }

    /** The attempt this diagnosis is about, if the evidence showed any. */
    public Optional<ConnectionAttempt> diagnosedAttempt() {
        return attempts.stream().filter(ConnectionAttempt::diagnosed).findFirst();
    }

    /** The highest-ranked cause, if any. */
    public Optional<RankedCause> topCause() {
        return causes.isEmpty() ? Optional.empty() : Optional.of(causes.get(0));
    }

    /** The status of one layer. */
    public LayerStatus statusOf(Layer layer) {
        return layers.stream().filter(l -> l.layer() == layer).map(LayerResult::status)
                .findFirst().orElse(LayerStatus.UNKNOWN);
    }

    /** The first layer that failed, if any. */
    public Optional<Layer> failedLayer() {
        return layers.stream().filter(l -> l.status() == LayerStatus.FAILED).map(LayerResult::layer).findFirst();
    }
}
