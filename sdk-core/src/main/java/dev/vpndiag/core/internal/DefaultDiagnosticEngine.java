package dev.vpndiag.core.internal;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.Stats;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Extracts facts, runs the rules, judges. Immutable and thread-safe. */
@Singleton
public final class DefaultDiagnosticEngine implements DiagnosticEngine {
    private final FactExtractor extractor;
    private final DroolsRules rules;
    private final Judge judge;
    private final Catalogue catalogue;

    @Inject
    public DefaultDiagnosticEngine(FactExtractor extractor, DroolsRules rules, Catalogue catalogue, RankingData ranking) {
        this.extractor = extractor;
        this.rules = rules;
        this.catalogue = catalogue;
        this.judge = new Judge(catalogue, ranking);
    }

    @Override
    public Diagnosis diagnose(EvidenceBundle bundle, ProgressListener listener) {
        long start = System.nanoTime();
        FactExtraction extraction = extractor.extract(bundle, listener);
        List<Object> conclusions = rules.run(extraction.facts());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Stats stats = new Stats(extraction.facts().size(), millis, extraction.stats().factsByProvider());
        return judge.judge(extraction.facts(), conclusions, extraction.problems(), stats);
    }

    @Override
    public FactExtraction extractFacts(EvidenceBundle bundle) {
        return extractor.extract(bundle, ProgressListener.NONE);
    }

    @Override
    public List<CatalogueEntry> catalogue() {
        return catalogue.entries();
    }
}
