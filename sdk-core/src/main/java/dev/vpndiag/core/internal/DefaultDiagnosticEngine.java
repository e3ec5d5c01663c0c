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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
        List<List<Object>> conclusions = new ArrayList<>(groups.size());
        if (groups.size() <= 1) {
            // One attempt (or none): the rules see every fact, as they would without grouping.
            diagnoses.add(judge(extraction.facts(), rules.run(extraction.facts(), clocks), extraction, true));
        } else {
            // Every attempt is summarised; only the chosen one is judged in full, below.
            for (AttemptGrouper.Group g : groups) {
                if (listener.isCancelled()) {
                    throw new CancellationException("diagnosis cancelled");
                }
                List<Fact> facts = grouping.factsOf(g);
                conclusions.add(rules.run(facts, clocks));
                diagnoses.add(judge(facts, conclusions.get(conclusions.size() - 1), extraction, false));
            }
        }
        // A summary has the same verdict, failed layer and top cause as the full judgement.
        List<ConnectionAttempt> attempts = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            attempts.add(summary(i, groups.get(i), diagnoses.get(i), false));
        }
        int chosen = attempts.isEmpty() ? 0 : choose(attempts, attempt);
        if (!attempts.isEmpty()) {
            String because = attempts.size() < 2 ? null : attempt != null ? "it is the attempt asked for (" + attempt.trim() + ")"
                    : whyChosen(attempts, chosen);
            attempts.set(chosen, summary(chosen, groups.get(chosen), diagnoses.get(chosen), true).chosen(because));
        }
        if (groups.size() > 1) {
            diagnoses.set(chosen, judge(grouping.factsOf(groups.get(chosen)), conclusions.get(chosen), extraction, true));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Stats stats = new Stats(extraction.facts().size(), millis, extraction.stats().factsByProvider());
        return diagnoses.get(chosen).withAttempts(attempts, stats);
    }

    /** One attempt's diagnosis; its counters are replaced by the whole bundle's afterwards. */
    private Diagnosis judge(List<Fact> facts, List<Object> conclusions, FactExtraction extraction, boolean full) {
        return judge.judge(facts, conclusions, extraction.problems(),
                new Stats(facts.size(), 0, extraction.stats().factsByProvider()), full);
    }

    /**
     * The attempt to report: the one asked for (by id or an address it involves); else a failed one,
     * preferring evidence from both sides, then client evidence (the user who complained), then the
     * one that got furthest along the chain, then the most recent, then the most facts.
     */
    private static int choose(List<ConnectionAttempt> attempts, String selector) {
        if (selector != null) {
            String wanted = selector.trim();
            String address = AttemptGrouper.normalise(wanted);
            for (int i = 0; i < attempts.size(); i++) {
                ConnectionAttempt a = attempts.get(i);
                if (wanted.equalsIgnoreCase(a.id()) || (address != null && a.involves(address))) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no connection attempt is " + selector + "; the evidence shows "
                    + attempts.size() + ": " + attempts.stream().map(a -> a.id() + " (" + a.label() + ")")
                    .collect(Collectors.joining(", ")));
        }
        int best = 0;
        for (int i = 1; i < attempts.size(); i++) {
            if (PREFERENCE.compare(attempts.get(i), attempts.get(best)) < 0) {
                best = i;
            }
        }
        return best;
    }

    /** One step of the choice among attempts, and how to say that it decided. */
    private record Preference(Comparator<ConnectionAttempt> order, String reason) {
    }

    private static final List<Preference> PREFERENCES = List.of(
            new Preference(Comparator.comparing(a -> !(a.verdict() == Verdict.FAULT_FOUND || a.failedLayer() != null)),
                    "it is the only one that failed"),
            new Preference(Comparator.comparing(a -> -a.sides().stream().filter(s -> s == Side.CLIENT || s == Side.SERVER).count()),
                    "it is the failure seen from both ends"),
            new Preference(Comparator.comparing(a -> !a.sides().contains(Side.CLIENT)),
                    "it is the failure the client's own evidence shows"),
            // the attempt that got furthest: a scanner's probe, refused at its first message, is often the
            // most recent thing a gateway logged, but rarely what anyone asks about
            new Preference(Comparator.comparing(a -> a.failedLayer() == null ? 0 : -a.failedLayer().ordinal()),
                    "it is the failure that got furthest along the chain"),
            new Preference(Comparator.comparing(ConnectionAttempt::end, Comparator.nullsLast(Comparator.reverseOrder())),
                    "it is the most recent failure"),
            new Preference(Comparator.comparing(a -> -a.facts()), "it is the failure with the most evidence"));

    /** The preferences in order, as one comparison: the least attempt is the one diagnosed. */
    private static final Comparator<ConnectionAttempt> PREFERENCE = PREFERENCES.stream().map(Preference::order)
            .reduce(Comparator::thenComparing).orElseThrow();

    /** The first preference on which the chosen attempt beats every other, said in words. */
    private static String whyChosen(List<ConnectionAttempt> attempts, int chosen) {
        ConnectionAttempt best = attempts.get(chosen);
        List<ConnectionAttempt> rivals = new java.util.ArrayList<>(attempts);
        rivals.remove(chosen);
        for (Preference p : PREFERENCES) {
            // rivals it beats on this step are settled; the ones it ties with go on to the next step
            rivals.removeIf(r -> p.order().compare(best, r) < 0);
            if (rivals.isEmpty()) {
                return p.reason();
            }
        }
        return "it is listed first among equals";
    }

    private static ConnectionAttempt summary(int index, AttemptGrouper.Group g, Diagnosis d, boolean diagnosed) {
        return new ConnectionAttempt("attempt-" + (index + 1), g.clients(), g.servers(), g.sides(), g.start(), g.end(),
                g.own().size(), d.verdict(), d.failedLayer().orElse(null), d.topCause().map(RankedCause::id).orElse(null),
                diagnosed);
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
        return extractFacts(bundle, ProgressListener.NONE);
    }

    @Override
    public FactExtraction extractFacts(EvidenceBundle bundle, ProgressListener listener) {
        return extractor.extract(bundle, listener);
    }

    @Override
    public List<CatalogueEntry> catalogue() {
        return catalogue.entries();
    }
}
