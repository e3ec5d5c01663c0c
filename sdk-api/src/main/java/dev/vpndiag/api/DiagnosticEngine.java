package dev.vpndiag.api;

import java.util.List;

/**
 * Diagnoses failed L2TP/IPsec connection attempts. Immutable and thread-safe: build one, share it,
 * call it from any number of threads.
 */
public interface DiagnosticEngine {

    /** Diagnoses one connection attempt from its evidence. Never throws on bad evidence. */
    default Diagnosis diagnose(EvidenceBundle bundle) {
        return diagnose(bundle, ProgressListener.NONE);
    }

    /**
     * Diagnoses one connection attempt, reporting progress to the listener.
     *
     * @throws java.util.concurrent.CancellationException when the listener cancels
     */
    default Diagnosis diagnose(EvidenceBundle bundle, ProgressListener listener) {
        return diagnose(bundle, null, listener);
    }

    /**
     * Diagnoses the chosen connection attempt when the evidence holds several (a gateway log with
     * many peers, a capture at a busy site). Without a choice the engine picks the attempt that
     * failed, preferring one both sides' evidence shows, then the most recent; see
     * {@link Diagnosis#attempts()} for all of them.
     *
     * @param attempt an attempt id from an earlier diagnosis ({@code attempt-2}) or an address the
     *                attempt involves; null to let the engine choose
     * @throws IllegalArgumentException when no attempt matches
     * @throws java.util.concurrent.CancellationException when the listener cancels
     */
    Diagnosis diagnose(EvidenceBundle bundle, String attempt, ProgressListener listener);

    /** Extracts the facts of a bundle without judging them. */
    FactExtraction extractFacts(EvidenceBundle bundle);

    /**
     * Extracts the facts of a bundle without judging them, telling the listener what is read.
     *
     * @throws java.util.concurrent.CancellationException when the listener cancels
     */
    default FactExtraction extractFacts(EvidenceBundle bundle, ProgressListener listener) {
        return extractFacts(bundle);
    }

    /** Every root cause and finding this engine knows, in catalogue order. */
    List<CatalogueEntry> catalogue();
}
