package dev.vpndiag.core.internal;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Stats;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.Fact;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Extracts facts, splits them into connection attempts, runs the rules and judges each attempt, and
 * returns the diagnosis of the chosen one. Immutable and thread-safe.
 */
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
    public Diagnosis diagnose(EvidenceBundle bundle, String attempt, ProgressListener listener) {
        long start = System.nanoTime();
        FactExtraction extraction = extractor.extract(bundle, listener);
        Clocks clocks = Clocks.of(extraction.facts(), clockOffsets(bundle));
        AttemptGrouper.Result grouping = AttemptGrouper.group(extraction.facts(), clocks);
        List<AttemptGrouper.Group> groups = grouping.groups();

        if (groups.isEmpty() && attempt != null) {
            throw new IllegalArgumentException("the evidence shows no connection attempt to choose from");
        }
        List<Diagnosis> diagnoses = new ArrayList<>(groups.size());
        int chosen;
        if (groups.size() <= 1) {
            // One attempt (or none): the rules see every fact, as they would without grouping.
            diagnoses.add(judge(extraction.facts(), rules.run(extraction.facts(), clocks), extraction, true));
            chosen = groups.isEmpty() ? -1 : choose(groups, diagnoses, attempt);
        } else {
            // Every attempt is summarised; only the chosen one is judged in full.
            List<List<Object>> conclusions = new ArrayList<>(groups.size());
            for (AttemptGrouper.Group g : groups) {
                if (listener.isCancelled()) {
                    throw new CancellationException("diagnosis cancelled");
                }
                List<Fact> facts = grouping.factsOf(g);
                conclusions.add(rules.run(facts, clocks));
                diagnoses.add(judge(facts, conclusions.get(conclusions.size() - 1), extraction, false));
            }
            chosen = choose(groups, diagnoses, attempt);
            diagnoses.set(chosen, judge(grouping.factsOf(groups.get(chosen)), conclusions.get(chosen), extraction, true));
        }
        List<ConnectionAttempt> attempts = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            attempts.add(summary(i, groups.get(i), diagnoses.get(i), i == chosen));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Stats stats = new Stats(extraction.facts().size(), millis, extraction.stats().factsByProvider());
        return diagnoses.get(Math.max(chosen, 0)).withAttempts(attempts, stats);
    }

    /** One attempt's diagnosis; its counters are replaced by the whole bundle's afterwards. */
    private Diagnosis judge(List<Fact> facts, List<Object> conclusions, FactExtraction extraction, boolean full) {
        return judge.judge(facts, conclusions, extraction.problems(),
                new Stats(facts.size(), 0, extraction.stats().factsByProvider()), full);
    }

    /**
     * The attempt to report: the one asked for; else a failed one, preferring evidence from both
     * sides, then client evidence (the user who complained), then the most recent, then the most facts.
     */
    private static int choose(List<AttemptGrouper.Group> groups, List<Diagnosis> diagnoses, String attempt) {
        if (attempt != null) {
            String wanted = attempt.trim();
            String address = AttemptGrouper.normalise(wanted);
            for (int i = 0; i < groups.size(); i++) {
                AttemptGrouper.Group g = groups.get(i);
                if (wanted.equalsIgnoreCase(id(i)) || g.clients().contains(address) || g.servers().contains(address)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no connection attempt is " + attempt + "; the evidence shows "
                    + groups.size() + ": " + describe(groups));
        }
        Comparator<Integer> preference = Comparator
                .comparing((Integer i) -> !failed(diagnoses.get(i)))
                .thenComparing(i -> -sidesShown(groups.get(i)))
                .thenComparing(i -> !groups.get(i).sides().contains(Side.CLIENT))
                .thenComparing(i -> groups.get(i).end(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(i -> -groups.get(i).own().size())
                .thenComparing(i -> i);
        int best = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (preference.compare(i, best) < 0) {
                best = i;
            }
        }
        return best;
    }

    private static boolean failed(Diagnosis d) {
        return d.verdict() == Verdict.FAULT_FOUND || d.failedLayer().isPresent();
    }

    private static int sidesShown(AttemptGrouper.Group g) {
        return (int) g.sides().stream().filter(s -> s == Side.CLIENT || s == Side.SERVER).count();
    }

    private static String id(int index) {
        return "attempt-" + (index + 1);
    }

    private static String describe(List<AttemptGrouper.Group> groups) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            AttemptGrouper.Group g = groups.get(i);
            out.add(id(i) + " (" + String.join("/", g.clients()) + " -> " + String.join("/", g.servers()) + ")");
        }
        return String.join(", ", out);
    }

    private static ConnectionAttempt summary(int index, AttemptGrouper.Group g, Diagnosis d, boolean diagnosed) {
        Instant start = g.start();
        Instant end = g.end();
        return new ConnectionAttempt(id(index), g.clients(), g.servers(), g.sides(), start, end, g.own().size(),
                d.verdict(), d.failedLayer().orElse(null), d.topCause().map(RankedCause::id).orElse(null), diagnosed);
    }

    /** Clock offsets the bundle states (its manifest's clockOffsetSeconds), one per side. */
    private static Map<Side, Duration> clockOffsets(EvidenceBundle bundle) {
        Map<Side, Duration> out = new EnumMap<>(Side.class);
        for (Evidence e : bundle) {
            e.clockOffset().ifPresent(offset -> out.putIfAbsent(e.side(), offset));
        }
        return out;
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
