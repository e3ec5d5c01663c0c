package dev.vpndiag.core.internal;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Citation;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceOutcome;
import dev.vpndiag.api.EvidenceRequest;
import dev.vpndiag.api.Finding;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerResult;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Stats;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.CaptureSummary;
import dev.vpndiag.api.fact.CertificateProblemEvent;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.HostLoad;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.IcmpUnreachable;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeNotify;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PrivateKeyMatch;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.fact.StoredPrivateKey;
import dev.vpndiag.api.rule.CauseCircumstance;
import dev.vpndiag.api.rule.CauseContradiction;
import dev.vpndiag.api.rule.CauseRuledOut;
import dev.vpndiag.api.rule.CauseSupport;
import dev.vpndiag.api.rule.EvidenceWanted;
import dev.vpndiag.api.rule.FindingRaised;
import dev.vpndiag.api.rule.LayerFailed;
import dev.vpndiag.api.rule.LayerPassed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the rules concluded into a {@link Diagnosis}: applies the causal chain (layer states,
 * gating on the layers each cause can make fail, rule-outs by passed layers), ranks the live causes
 * from priors and named weights, accounts for every catalogue id, and proposes the evidence that
 * would separate the live causes.
 */
public final class Judge {
    private static final Logger LOG = LoggerFactory.getLogger(Judge.class);
    private static final int MAX_CITATIONS = 8;
    private static final int MAX_REQUESTS = 5;

    /** Which kinds of catalogue evidence each fact type shows; used to avoid asking for what is there. */
    private static final Map<Class<? extends Fact>, Set<String>> KINDS = Map.ofEntries(
            Map.entry(IkeConversation.class, Set.of("capture")), Map.entry(IkeNotify.class, Set.of("capture")),
            Map.entry(IkeProposal.class, Set.of()), Map.entry(EspFlow.class, Set.of("capture")),
            Map.entry(IcmpUnreachable.class, Set.of("capture")), Map.entry(IkeSaEvent.class, Set.of("ike-log")),
            Map.entry(RasError.class, Set.of("ras-log")), Map.entry(StoredCertificate.class, Set.of("cert-store")),
            Map.entry(ChainValidation.class, Set.of("cert-store")), Map.entry(ServiceState.class, Set.of("service-state")),
            Map.entry(IpsecStatistics.class, Set.of("ipsec-stats")), Map.entry(OffloadState.class, Set.of("offload")),
            Map.entry(RegistryValue.class, Set.of("registry")),
            Map.entry(RegistryKey.class, Set.of("registry")), Map.entry(EspDrop.class, Set.of("ipsec-driver-log")),
            Map.entry(PppNegotiation.class, Set.of("ppp-log", "inner-capture")),
            Map.entry(L2tpTunnelAttempt.class, Set.of("l2tp-log", "inner-capture")),
            Map.entry(HostClock.class, Set.of("clock")), Map.entry(HostLoad.class, Set.of("load")),
            Map.entry(AuditCoverage.class, Set.of("ike-log")), Map.entry(CaptureSummary.class, Set.of("capture")),
            Map.entry(StoredPrivateKey.class, Set.of("cert-store")), Map.entry(PrivateKeyMatch.class, Set.of("cert-store")),
            Map.entry(CertificateProblemEvent.class, Set.of("ike-log")), Map.entry(ConnectionProfile.class, Set.of("vpn-profile")),
            Map.entry(HostPlatform.class, Set.of()));

    private final Catalogue catalogue;
    private final RankingData ranking;

    public Judge(Catalogue catalogue, RankingData ranking) {
        this.catalogue = catalogue;
        this.ranking = ranking;
    }

    /** Builds the diagnosis. */
    public Diagnosis judge(List<Fact> facts, List<Object> conclusions, List<Problem> problems, Stats stats) {
        return judge(facts, conclusions, problems, stats, true);
    }

    /**
     * Builds the diagnosis; {@code full == false} gives only the verdict, layers and ranked causes
     * (no rule-outs, not-evaluated entries, findings or evidence requests), enough to summarise one of
     * many attempts at a fraction of the cost.
     */
    Diagnosis judge(List<Fact> facts, List<Object> conclusions, List<Problem> problems, Stats stats, boolean full) {
        // Sorting only orders what is shown; scores do not depend on it, so a summary skips it.
        Conclusions c = Conclusions.sort(conclusions, full);

        // Layer states along the chain.
        Map<Layer, List<Citation>> passed = new EnumMap<>(Layer.class);
        for (LayerPassed p : c.passed) {
            passed.computeIfAbsent(p.layer(), k -> new ArrayList<>()).add(Citation.of(p.ref(), p.summary()));
        }
        Layer highestPassed = passed.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
        Map<Layer, List<Citation>> failed = new EnumMap<>(Layer.class);
        for (LayerFailed f : c.failed) {
            if (highestPassed == null || highestPassed.isBefore(f.layer())) {
                failed.computeIfAbsent(f.layer(), k -> new ArrayList<>()).add(Citation.of(f.ref(), f.summary()));
            }
        }
        Layer firstFailed = failed.keySet().stream().min(Comparator.naturalOrder()).orElse(null);
        List<LayerResult> layers = new ArrayList<>();
        Map<Layer, List<Citation>> layerEvidence = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            LayerStatus status;
            List<Citation> evidence;
            if (passed.containsKey(layer)) {
                status = LayerStatus.PASSED;
                evidence = passed.get(layer);
            } else if (firstFailed == layer) {
                status = LayerStatus.FAILED;
                evidence = failed.get(layer);
            } else if (firstFailed != null && firstFailed.isBefore(layer)) {
                status = LayerStatus.NOT_REACHED;
                evidence = List.of();
            } else if ((highestPassed != null && layer.isBefore(highestPassed))
                    || (firstFailed != null && layer.isBefore(firstFailed))) {
                Layer later = firstFailed != null && (highestPassed == null || highestPassed.isBefore(firstFailed))
                        ? firstFailed : highestPassed;
                status = LayerStatus.PASSED;
                evidence = List.of(new Citation("chain", "", "implied: layer " + later + " was reached"));
            } else {
                status = LayerStatus.UNKNOWN;
                evidence = List.of();
            }
            evidence = cap(dedupe(evidence));
            layerEvidence.put(layer, evidence);
            layers.add(new LayerResult(layer, status, evidence));
        }

        // Causes: ruled out, not evaluated, or live.
        Map<String, List<CauseSupport>> support = group(c.support, CauseSupport::causeId);
        Map<String, List<CauseContradiction>> against = group(c.contradictions, CauseContradiction::causeId);
        Map<String, List<CauseRuledOut>> excluded = group(c.ruledOut, CauseRuledOut::causeId);
        Set<String> kindsPresent = full ? kindsPresent(facts) : Set.of();
        Platforms platforms = Platforms.of(facts);
        List<RuledOutCause> ruledOut = new ArrayList<>();
        List<NotEvaluatedCause> notEvaluated = new ArrayList<>();
        List<Scored> live = new ArrayList<>();
        for (CatalogueEntry entry : catalogue.causes()) {
            String id = entry.id();
            // A cause may show at several layers: it is in question when the first failed layer is one
            // of them, ruled out when all of them passed, and not evaluated when none was reached.
            List<Layer> at = entry.failsAtLayers();
            Map<LayerStatus, List<Layer>> atStatus = new EnumMap<>(LayerStatus.class);
            for (Layer l : at) {
                atStatus.computeIfAbsent(layers.get(l.ordinal()).status(), k -> new ArrayList<>()).add(l);
            }
            List<Layer> passedAt = atStatus.getOrDefault(LayerStatus.PASSED, List.of());
            List<Layer> unreachedAt = atStatus.getOrDefault(LayerStatus.NOT_REACHED, List.of());
            // A summary (!full) needs the live causes only, so it builds no rule-out or not-evaluated entries.
            if (excluded.containsKey(id)) {
                if (full) {
                    List<CauseRuledOut> why = excluded.get(id);
                    ruledOut.add(new RuledOutCause(id, why.get(0).reason(),
                            cap(dedupe(why.stream().map(r -> Citation.of(r.ref(), r.reason())).toList()))));
                }
            } else if (passedAt.size() == at.size()) {
                if (full) {
                    ruledOut.add(new RuledOutCause(id, layerNames(at) + " passed, so this cause did not occur",
                            cap(dedupe(at.stream().flatMap(l -> layerEvidence.get(l).stream()).toList()))));
                }
            } else if (!atStatus.containsKey(LayerStatus.FAILED) && passedAt.size() + unreachedAt.size() == at.size()) {
                if (full) {
                    notEvaluated.add(new NotEvaluatedCause(id, layerNames(unreachedAt) + " not reached (the connection failed at "
                            + firstFailed + ")" + (passedAt.isEmpty() ? "" : "; " + layerNames(passedAt) + " passed")));
                }
            } else if (support.containsKey(id)) {
                live.add(score(entry, support.get(id), against.getOrDefault(id, List.of())));
            } else if (full) {
                notEvaluated.add(new NotEvaluatedCause(id, noEvidenceReason(id,
                        atStatus.containsKey(LayerStatus.FAILED) ? LayerStatus.FAILED : LayerStatus.UNKNOWN, kindsPresent,
                        platforms)));
            }
        }
        for (String unknown : unknownIds(c)) {
            LOG.warn("rules refer to unknown catalogue id {}", unknown);
        }

        // Rank.
        double unexplained = Math.exp(ranking.unexplained());
        double denominator = unexplained;
        for (Scored s : live) {
            denominator += Math.exp(s.score);
        }
        List<RankedCause> causes = new ArrayList<>();
        final double total = denominator;
        // However strong the evidence, some of it may be misread or the real cause may lie outside the
        // catalogue: the live causes share at most 1 - floor.
        double liveShare = (denominator - unexplained) / denominator;
        final double scale = liveShare > 1 - ranking.unexplainedFloor() ? (1 - ranking.unexplainedFloor()) / liveShare : 1.0;
        live.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(s -> catalogueIndex(s.entry.id())));
        Map<String, List<CauseCircumstance>> circumstances = group(c.circumstances, CauseCircumstance::causeId);
        for (Scored s : live) {
            double confidence = Math.round(Math.exp(s.score) / total * scale * 1000.0) / 1000.0;
            Catalogue.Variant v = catalogue.variant(s.entry.id(),
                    circumstances.getOrDefault(s.entry.id(), List.of()).stream().map(CauseCircumstance::circumstance).toList());
            causes.add(new RankedCause(s.entry.id(), s.entry.layer(), confidence, v != null ? v.title() : s.entry.title(),
                    explain(s), s.evidence, s.contradicting, catalogue.remediation(s.entry.id(), v, platforms),
                    s.entry.references()));
        }

        Verdict verdict;
        if (!causes.isEmpty()) {
            verdict = Verdict.FAULT_FOUND;
        } else if (firstFailed == null && passed.containsKey(Layer.MPPE)) {
            verdict = Verdict.NO_FAULT_FOUND;
        } else {
            verdict = Verdict.INCONCLUSIVE;
        }

        if (!full) {
            return new Diagnosis(verdict, layers, causes, ruledOut, notEvaluated, List.of(), List.of(), problems, stats);
        }
        List<Finding> findings = findings(c.findings, facts, problems);
        List<EvidenceRequest> next = nextEvidence(c.wanted, live, total, firstFailed, layers, kindsPresent,
                platforms);
        return new Diagnosis(verdict, layers, causes, ruledOut, notEvaluated, findings, next, problems, stats);
    }

    /** "layer ESP", or "layers IKE_MAIN_MODE and ESP". */
    private static String layerNames(List<Layer> layers) {
        if (layers.size() == 1) {
            return "layer " + layers.get(0);
        }
        List<String> names = layers.stream().map(Layer::name).toList();
        return "layers " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private Scored score(CatalogueEntry entry, List<CauseSupport> supports, List<CauseContradiction> contradictions) {
        double score = ranking.prior(entry.id());
        Set<String> seen = new HashSet<>();
        List<String> reasons = new ArrayList<>();
        List<Citation> evidence = new ArrayList<>();
        List<Double> pro = new ArrayList<>();
        for (CauseSupport s : supports) {
            evidence.add(Citation.of(s.ref(), s.summary()));
            if (seen.add(s.weight())) {
                pro.add(weight(entry.id(), s.weight(), 1.0));
                reasons.add(s.summary());
            }
        }
        seen.clear();
        List<Citation> contra = new ArrayList<>();
        List<String> contraReasons = new ArrayList<>();
        List<Double> con = new ArrayList<>();
        for (CauseContradiction x : contradictions) {
            contra.add(Citation.of(x.ref(), x.summary()));
            if (seen.add(x.weight())) {
                con.add(weight(entry.id(), x.weight(), 1.0));
                contraReasons.add(x.summary());
            }
        }
        score += overlapping(pro) - overlapping(con);
        return new Scored(entry, score, cap(dedupe(evidence)), cap(dedupe(contra)), reasons, contraReasons);
    }

    /**
     * The combined weight of distinct observations about one cause. They are rarely independent (a
     * capture and a log of the same exchange, the same refusal seen by both ends), so each further
     * observation, strongest first, counts {@code overlap} times as much as the one before it.
     */
    private double overlapping(List<Double> weights) {
        weights.sort(Comparator.reverseOrder());
        double total = 0;
        double factor = 1;
        for (double w : weights) {
            total += w * factor;
            factor *= ranking.overlap();
        }
        return total;
    }

    private double weight(String causeId, String observation, double fallback) {
        Double w = ranking.weight(causeId, observation);
        if (w == null) {
            LOG.warn("no weight {}.{} in the ranking data; using {}", causeId, observation, fallback);
            return fallback;
        }
        return w;
    }

    private static String explain(Scored s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join("; ", new LinkedHashSet<>(s.reasons)));
        if (!s.contraReasons.isEmpty()) {
            sb.append(". Against it: ").append(String.join("; ", new LinkedHashSet<>(s.contraReasons)));
        }
        sb.append('.');
        return sb.toString().replace("..", ".");
    }

    private String noEvidenceReason(String id, LayerStatus atStatus, Set<String> kindsPresent, Platforms platforms) {
        List<Catalogue.EvidenceSource> sources = catalogue.evidenceFor(id).stream()
                .flatMap(s -> s.on(platforms.of(s.side())).stream()).toList();
        List<String> missing = sources.stream().filter(s -> !kindsPresent.contains(s.kind()))
                .map(s -> s.what() + (s.side() == Side.UNKNOWN ? "" : " (" + s.side().name().toLowerCase() + ")"))
                .distinct().toList();
        String prefix = atStatus == LayerStatus.FAILED ? "nothing in the evidence speaks for or against it"
                : "no evidence shows it";
        if (missing.isEmpty()) {
            return prefix + "; the evidence given could show it but does not";
        }
        return prefix + "; it would show in " + String.join(", or ", missing);
    }

    private List<Finding> findings(List<FindingRaised> raised, List<Fact> facts, List<Problem> problems) {
        Map<String, List<FindingRaised>> byId = group(raised, FindingRaised::findingId);
        List<Finding> out = new ArrayList<>();
        byId.forEach((id, list) -> out.add(new Finding(id, list.get(0).message(),
                cap(dedupe(list.stream().map(f -> Citation.of(f.ref(), f.message())).toList())))));
        Set<Side> sides = facts.stream().map(Fact::side).filter(s -> s == Side.CLIENT || s == Side.SERVER)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Side.class)));
        if (sides.size() == 1 && !byId.containsKey("ONE_SIDED_EVIDENCE")) {
            Side only = sides.iterator().next();
            out.add(new Finding("ONE_SIDED_EVIDENCE", "all evidence comes from the " + only.name().toLowerCase()
                    + " side; a fault in the path cannot be told apart from the other end dropping the traffic", List.of()));
        }
        if (!problems.isEmpty() && !byId.containsKey("EVIDENCE_UNREADABLE")) {
            out.add(new Finding("EVIDENCE_UNREADABLE", problems.size() + " problem(s) reading the evidence; "
                    + "conclusions rest on what could be read",
                    cap(problems.stream().map(p -> new Citation(p.source(), p.locator(), p.message())).toList())));
        }
        return out;
    }

    /**
     * What to collect next. Requests the rules inserted come first. Then, for the causes still in
     * question (the live ones weighted by their probability, or with none live, the causes of the
     * first failed or unknown layer weighted equally), every catalogue evidence source not yet in
     * the bundle is a candidate: each distinct sign it would show for a cause it covers is one
     * outcome, and showing none of them is another. Candidates are ranked by the information their
     * outcomes carry about which of those causes is the real one (the entropy of the outcome
     * probabilities), so the evidence that best splits the leading causes comes first.
     */
    private List<EvidenceRequest> nextEvidence(List<EvidenceWanted> wanted, List<Scored> live, double total,
                                               Layer firstFailed, List<LayerResult> layers, Set<String> kindsPresent,
                                               Platforms platforms) {
        Map<String, EvidenceRequest> out = new LinkedHashMap<>();
        for (EvidenceWanted w : wanted) {
            out.putIfAbsent(w.what() + "|" + w.side(), new EvidenceRequest(w.what(), w.side(), w.separates(), w.reason()));
        }
        // The causes still in question with their probabilities, most likely first.
        Map<String, Double> open = new LinkedHashMap<>();
        live.forEach(s -> open.put(s.entry.id(), Math.exp(s.score) / total));
        if (open.isEmpty()) {
            Layer focus = firstFailed != null ? firstFailed
                    : layers.stream().filter(l -> l.status() == LayerStatus.UNKNOWN).map(LayerResult::layer).findFirst().orElse(null);
            if (focus != null) {
                List<String> ids = catalogue.causes().stream().filter(e -> e.canFailAt(focus)).map(CatalogueEntry::id).toList();
                ids.forEach(id -> open.put(id, 1.0 / ids.size()));
            }
        }
        // One candidate per kind of evidence and side that is not in the bundle yet.
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (String id : open.keySet()) {
            for (Catalogue.EvidenceSource general : catalogue.evidenceFor(id)) {
                // Asked in the words of the side's software, and not at all where that software has no such thing.
                Catalogue.EvidenceSource s = general.on(platforms.of(general.side())).orElse(null);
                if (s == null) {
                    continue;
                }
                // Evidence of no particular side is present once any side supplied that kind.
                if (kindsPresent.contains(s.side() == Side.UNKNOWN ? s.kind() : s.kind() + "|" + s.side())) {
                    continue;
                }
                candidates.computeIfAbsent(s.kind() + "|" + s.side(), k -> new Candidate(k, s.side())).add(id, s);
            }
        }
        // First by what the outcomes tell about which of the causes in question is the real one;
        // then (a single live cause, equal splits) by how well they test those causes against one
        // the evidence does not show, the "unexplained" allowance; then by kind and side.
        double mass = open.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        for (Candidate c : ranked) {
            c.separating = rounded(c.information(open, mass));
            c.testing = rounded(c.information(open, 1.0));
        }
        ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.separating)
                .thenComparingDouble(c -> -c.testing)
                .thenComparing(c -> c.key));
        ranked.stream().limit(MAX_REQUESTS).forEach(c -> {
            String what = c.what();
            out.putIfAbsent(what + "|" + c.side, new EvidenceRequest(what, c.side, List.copyOf(c.sources.keySet()),
                    c.reason(open.keySet()), c.outcomes()));
        });
        return List.copyOf(out.values()).subList(0, Math.min(out.size(), MAX_REQUESTS + wanted.size()));
    }

    /** One kind of evidence from one side, with the causes it covers (most likely first) and what it would show for each. */
    private final class Candidate {
        final String key;
        final Side side;
        final Map<String, Catalogue.EvidenceSource> sources = new LinkedHashMap<>();
        double separating;
        double testing;

        Candidate(String key, Side side) {
            this.key = key;
            this.side = side;
        }

        void add(String causeId, Catalogue.EvidenceSource source) {
            sources.putIfAbsent(causeId, source);
        }

        /** The covered causes grouped by the sign the evidence would show: causes showing alike are not told apart. */
        List<List<String>> groups() {
            Map<String, List<String>> bySign = new LinkedHashMap<>();
            sources.forEach((id, s) -> bySign.computeIfAbsent(s.shows().isEmpty() ? "\u0000" + id : s.shows(),
                    k -> new ArrayList<>()).add(id));
            return List.copyOf(bySign.values());
        }

        /**
         * Expected information in bits: the entropy of the outcome probabilities, each sign having
         * the probability of the causes it would confirm and "none of these" the rest of {@code mass}.
         */
        double information(Map<String, Double> open, double mass) {
            if (mass <= 0) {
                return 0;
            }
            double covered = 0;
            double bits = 0;
            for (List<String> group : groups()) {
                double p = group.stream().mapToDouble(open::get).sum() / mass;
                covered += p;
                bits += entropyTerm(p);
            }
            return bits + entropyTerm(Math.max(0, 1 - covered));
        }

        /** The most common wording of this evidence among the causes it covers (the likeliest cause's on a tie). */
        String what() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            sources.values().forEach(s -> counts.merge(s.what(), 1, Integer::sum));
            String best = null;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (best == null || e.getValue() > counts.get(best)) {
                    best = e.getKey();
                }
            }
            return best;
        }

        List<EvidenceOutcome> outcomes() {
            List<EvidenceOutcome> outcomes = new ArrayList<>();
            for (List<String> group : groups()) {
                Catalogue.EvidenceSource first = sources.get(group.get(0));
                // Confirming a cause rules out the others that would have failed a layer it fails.
                List<Layer> at = failsAt(group.get(0));
                List<String> others = sources.keySet().stream()
                        .filter(id -> !group.contains(id) && !java.util.Collections.disjoint(failsAt(id), at)).toList();
                String observation = first.shows().isEmpty() ? "signs of " + String.join(" or ", group) : first.shows();
                outcomes.add(new EvidenceOutcome(observation, group, others));
            }
            outcomes.add(new EvidenceOutcome("none of the above", List.of(), List.copyOf(sources.keySet())));
            return outcomes;
        }

        String reason(Set<String> open) {
            List<List<String>> groups = groups();
            List<String> covered = List.copyOf(sources.keySet());
            List<String> silent = open.stream().filter(id -> !sources.containsKey(id)).toList();
            String decides = groups.size() > 1
                    ? "tells " + and(groups.stream().map(g -> g.size() == 1 ? g.get(0) : "(" + String.join(", ", g) + " alike)")
                            .toList()) + " apart"
                    : covered.size() > 1 ? "confirms or rules out " + and(covered) + " together, without telling them apart"
                    : "confirms or rules out " + covered.get(0);
            return decides + (silent.isEmpty() ? "" : "; says nothing about " + and(silent));
        }

        private List<Layer> failsAt(String id) {
            return catalogue.find(id).map(CatalogueEntry::failsAtLayers).orElse(List.of());
        }
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Rounded so that sums taken in a different order cannot reorder equal candidates. */
    private static double rounded(double bits) {
        return Math.round(bits * 1e9) / 1e9;
    }

    private static double entropyTerm(double p) {
        return p <= 0 ? 0 : -p * Math.log(p) / Math.log(2);
    }

    private Set<String> kindsPresent(List<Fact> facts) {
        Set<String> kinds = new HashSet<>();
        Set<Map.Entry<Class<?>, Side>> seen = new HashSet<>();
        // an IKE daemon's status output (ipsec statusall, swanctl --list-sas) is that side's IPsec counters:
        // its ESP flows come from a file that also names the daemon, which no capture does
        Set<String> daemonFiles = new HashSet<>();
        for (Fact f : facts) {
            if (f instanceof HostPlatform p && (p.platform() == Platform.STRONGSWAN || p.platform() == Platform.LIBRESWAN)) {
                daemonFiles.add(f.ref().source());
            }
        }
        for (Fact f : facts) {
            if (f instanceof EspFlow && daemonFiles.contains(f.ref().source())) {
                kinds.add("ipsec-stats");
                kinds.add("ipsec-stats|" + f.side());
            }
            if (!seen.add(Map.entry(f.getClass(), f.side()))) {
                continue;
            }
            for (String kind : KINDS.getOrDefault(f.getClass(), Set.of())) {
                kinds.add(kind);
                kinds.add(kind + "|" + f.side());
                if (f.side() == Side.UNKNOWN) {
                    kinds.add(kind + "|" + Side.CLIENT);
                    kinds.add(kind + "|" + Side.SERVER);
                }
            }
        }
        return kinds;
    }

    private Set<String> unknownIds(Conclusions c) {
        Set<String> ids = new LinkedHashSet<>();
        c.support.forEach(s -> ids.add(s.causeId()));
        c.contradictions.forEach(s -> ids.add(s.causeId()));
        c.ruledOut.forEach(s -> ids.add(s.causeId()));
        ids.removeIf(id -> catalogue.find(id).isPresent());
        return ids;
    }

    private int catalogueIndex(String id) {
        return catalogue.indexOf(id);
    }

    private static <T> Map<String, List<T>> group(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (T item : items) {
            out.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return out;
    }

    private static List<Citation> dedupe(List<Citation> citations) {
        return List.copyOf(new LinkedHashSet<>(citations));
    }

    private static List<Citation> cap(List<Citation> citations) {
        return citations.size() <= MAX_CITATIONS ? citations : citations.subList(0, MAX_CITATIONS);
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    private static <T> void sortBy(List<T> items, java.util.function.Function<T, String> key) {
        if (items.size() < 2) {
            return;
        }
        List<Map.Entry<String, T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(Map.entry(key.apply(item), item));
        }
        keyed.sort(Map.Entry.comparingByKey());
        items.clear();
        keyed.forEach(e -> items.add(e.getValue()));
    }

    private record Scored(CatalogueEntry entry, double score, List<Citation> evidence, List<Citation> contradicting,
                          List<String> reasons, List<String> contraReasons) {
    }

    /** The rule conclusions sorted by kind, in a deterministic order. */
    private record Conclusions(List<CauseSupport> support, List<CauseContradiction> contradictions,
                               List<CauseRuledOut> ruledOut, List<LayerPassed> passed, List<LayerFailed> failed,
                               List<EvidenceWanted> wanted, List<FindingRaised> findings,
                               List<CauseCircumstance> circumstances) {
        static Conclusions sort(List<Object> all, boolean ordered) {
            Conclusions c = new Conclusions(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Object o : all) {
                if (o instanceof CauseSupport s) {
                    c.support.add(s);
                } else if (o instanceof CauseContradiction x) {
                    c.contradictions.add(x);
                } else if (o instanceof CauseRuledOut r) {
                    c.ruledOut.add(r);
                } else if (o instanceof LayerPassed p) {
                    c.passed.add(p);
                } else if (o instanceof LayerFailed f) {
                    c.failed.add(f);
                } else if (o instanceof EvidenceWanted w) {
                    c.wanted.add(w);
                } else if (o instanceof FindingRaised f) {
                    c.findings.add(f);
                } else if (o instanceof CauseCircumstance k) {
                    c.circumstances.add(k);
                }
            }
            if (!ordered) {
                return c;
            }
            // Drools fires in agenda order, which is stable for a given rule base but not an order we
            // want to show; sort by content so equal inputs give byte-identical diagnoses. Keys are
            // built once per item (record toString is far too slow to call inside a comparator).
            sortBy(c.support, s -> key(s.causeId(), s.weight(), s.ref().source(), s.ref().locator(), s.summary()));
            sortBy(c.contradictions, s -> key(s.causeId(), s.weight(), s.ref().source(), s.ref().locator(), s.summary()));
            sortBy(c.ruledOut, s -> key(s.causeId(), s.ref().source(), s.ref().locator(), s.reason()));
            sortBy(c.passed, s -> key(s.layer().name(), s.ref().source(), s.ref().locator(), s.summary()));
            sortBy(c.failed, s -> key(s.layer().name(), s.ref().source(), s.ref().locator(), s.summary()));
            sortBy(c.wanted, s -> key(s.what(), s.side().name(), String.join(",", s.separates()), s.reason()));
            sortBy(c.findings, s -> key(s.findingId(), s.ref().source(), s.ref().locator(), s.message()));
            return c;
        }
    }
}
