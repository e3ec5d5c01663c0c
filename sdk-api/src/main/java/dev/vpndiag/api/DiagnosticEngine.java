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
    Diagnosis diagnose(EvidenceBundle bundle, ProgressListener listener);

    /** Extracts the facts of a bundle without judging them. */
    FactExtraction extractFacts(EvidenceBundle bundle);

    /** Every root cause and finding this engine knows, in catalogue order. */
    List<CatalogueEntry> catalogue();
}
