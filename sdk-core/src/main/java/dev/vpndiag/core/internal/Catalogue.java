package dev.vpndiag.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalogue of causes and findings, loaded from {@code catalogue.json}. */
public final class Catalogue {

    /**
     * Evidence that could show a cause: its kind (capture, ike-log, cert-store, ...), what to collect,
     * where, and what it would show if the cause were the real one ({@code shows}; empty when the
     * catalogue does not say, as in catalogues written before the field existed). {@code on} words it
     * for the software of the side it is asked from (keys are {@link Platform#key()}s, first match
     * wins); {@code only} names the platforms it exists on at all (empty: every platform).
     */
    public record EvidenceSource(String kind, String what, Side side, String shows, Map<String, Wording> on,
                                 Set<String> only) {
        /** A null {@code shows} becomes empty; null maps and sets become empty. */
        public EvidenceSource {
            shows = shows == null ? "" : shows.strip();
            on = on == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(on));
            only = only == null ? Set.of() : Set.copyOf(only);
        }

        /** Evidence worded for every platform alike. */
        public EvidenceSource(String kind, String what, Side side, String shows) {
            this(kind, what, side, shows, Map.of(), Set.of());
        }

        /**
         * This evidence as the software of its side knows it: the wording of the first of {@code on}
         * that the side runs, else the general one; empty when the side runs none of the platforms the
         * evidence exists on (no registry on a strongSwan gateway). No known platform means the general
         * wording.
         */
        public Optional<EvidenceSource> on(Set<Platform> platforms) {
            if (platforms.isEmpty()) {
                return Optional.of(this);
            }
            Set<String> keys = keys(platforms);
            if (!only.isEmpty() && java.util.Collections.disjoint(only, keys)) {
                return Optional.empty();
            }
            for (Map.Entry<String, Wording> w : on.entrySet()) {
                if (keys.contains(w.getKey())) {
                    Wording words = w.getValue();
                    return Optional.of(new EvidenceSource(kind, words.what(), side,
                            words.shows().isEmpty() ? shows : words.shows(), Map.of(), only));
                }
            }
            return Optional.of(this);
        }
    }

    /** What to collect on one platform and what it would show there (empty {@code shows}: as in general). */
    public record Wording(String what, String shows) {
        /** A null {@code shows} becomes empty. */
        public Wording {
            shows = shows == null ? "" : shows.strip();
        }
    }

    /**
     * One remediation step; {@code on} names the platforms it is written for (empty: all), {@code side}
     * the side whose software it changes (UNKNOWN: either).
     */
    public record Step(String text, Set<String> on, Side side) {
        /** A null set becomes empty, a null side UNKNOWN. */
        public Step {
            on = on == null ? Set.of() : Set.copyOf(on);
            side = side == null ? Side.UNKNOWN : side;
        }
    }

    /** A cause's title and remediation under a circumstance the evidence shows (see {@code CauseCircumstance}). */
    public record Variant(String circumstance, String title, List<Step> remediation) {
    }

    /** A fixed bound a cause's rules apply, and why it lies there. */
    public record Threshold(String value, String why) {
    }

    private final Map<String, CatalogueEntry> entries;
    private final Map<String, List<Threshold>> thresholds;
    private final Map<String, List<EvidenceSource>> evidence;
    private final Map<String, List<Variant>> variants;
    private final Map<String, List<Step>> steps;
    private final List<CatalogueEntry> ordered;
    private final List<CatalogueEntry> causes;
    private final Map<String, Integer> index = new java.util.HashMap<>();

    private Catalogue(Map<String, CatalogueEntry> entries, Map<String, List<EvidenceSource>> evidence,
                      Map<String, List<Variant>> variants, Map<String, List<Threshold>> thresholds,
                      Map<String, List<Step>> steps) {
        this.variants = variants;
        this.steps = steps;
        this.thresholds = thresholds;
        this.entries = entries;
        this.evidence = evidence;
        this.ordered = List.copyOf(entries.values());
        this.causes = ordered.stream().filter(e -> e.kind() == CatalogueEntry.Kind.CAUSE).toList();
        for (int i = 0; i < ordered.size(); i++) {
            index.put(ordered.get(i).id(), i);
        }
    }

    /** The wording for the first of the cause's circumstances (in catalogue order) among those given, or null. */
    public Variant variant(String id, List<String> shown) {
        if (shown.isEmpty()) {
            return null;
        }
        for (Variant v : variants.getOrDefault(id, List.of())) {
            if (shown.contains(v.circumstance())) {
                return v;
            }
        }
        return null;
    }

    /**
     * The remediation of a cause for an attempt whose evidence comes from the given platforms: under
     * the circumstance's wording when one is given, every step written for all platforms, and of the
     * platform-specific ones: a step for one side when that side runs one of its platforms or its
     * software is unknown (it may run anything); a step for either side when some side runs one of its
     * platforms, or when the evidence names none of the platforms the cause's steps are written for.
     */
    List<String> remediation(String id, Variant variant, Platforms platforms) {
        List<Step> all = variant != null ? variant.remediation() : steps.getOrDefault(id, List.of());
        Set<String> present = keys(platforms.all());
        boolean anyMatches = all.stream().anyMatch(st -> !java.util.Collections.disjoint(st.on(), present));
        return all.stream().filter(st -> {
            if (st.on().isEmpty()) {
                return true;
            }
            if (st.side() != Side.UNKNOWN) {
                Set<String> ofSide = keys(platforms.of(st.side()));
                return ofSide.isEmpty() || !java.util.Collections.disjoint(st.on(), ofSide);
            }
            return !anyMatches || !java.util.Collections.disjoint(st.on(), present);
        }).map(Step::text).toList();
    }

    private static Set<String> keys(Set<Platform> platforms) {
        return platforms.stream().map(Platform::key).collect(java.util.stream.Collectors.toSet());
    }

    /** Loads the built-in catalogue. */
    public static Catalogue builtIn() {
        try (InputStream in = Catalogue.class.getResourceAsStream("/dev/vpndiag/core/catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("catalogue.json missing from the class path");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in catalogue", e);
        }
    }

    static Catalogue parse(JsonNode root) {
        Map<String, CatalogueEntry> entries = new LinkedHashMap<>();
        Map<String, List<EvidenceSource>> evidence = new LinkedHashMap<>();
        Map<String, List<Variant>> variants = new LinkedHashMap<>();
        Map<String, List<Threshold>> thresholds = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        for (JsonNode e : root.path("entries")) {
            String id = e.path("id").asText();
            CatalogueEntry.Kind kind = CatalogueEntry.Kind.valueOf(e.path("kind").asText());
            List<Layer> failsAt = layers(id, e.get("failsAt"));
            List<Step> remediation = steps(e.path("remediation"));
            steps.put(id, remediation);
            entries.put(id, new CatalogueEntry(id, kind, layer(e.get("layer")), failsAt.isEmpty() ? null : failsAt.get(0),
                    e.path("title").asText(), e.path("description").asText(), e.path("decisiveEvidence").asText(),
                    remediation.stream().map(Step::text).toList(), strings(e.path("references")), failsAt));
            List<EvidenceSource> sources = new ArrayList<>();
            for (JsonNode s : e.path("evidence")) {
                Map<String, Wording> on = new LinkedHashMap<>();
                s.path("on").fields().forEachRemaining(w -> on.put(w.getKey(),
                        new Wording(w.getValue().path("what").asText(), w.getValue().path("shows").asText(""))));
                sources.add(new EvidenceSource(s.path("kind").asText(), s.path("what").asText(),
                        Side.valueOf(s.path("side").asText("UNKNOWN")), s.path("shows").asText(""), on,
                        new java.util.HashSet<>(strings(s.path("only")))));
            }
            evidence.put(id, List.copyOf(sources));
            List<Variant> vs = new ArrayList<>();
            for (JsonNode v : e.path("circumstances")) {
                vs.add(new Variant(v.path("circumstance").asText(), v.path("title").asText(), steps(v.path("remediation"))));
            }
            if (!vs.isEmpty()) {
                variants.put(id, List.copyOf(vs));
            }
            List<Threshold> ts = new ArrayList<>();
            for (JsonNode t : e.path("thresholds")) {
                ts.add(new Threshold(t.path("value").asText(), t.path("why").asText()));
            }
            if (!ts.isEmpty()) {
                thresholds.put(id, List.copyOf(ts));
            }
        }
        return new Catalogue(entries, evidence, variants, thresholds, steps);
    }

    /**
     * Remediation steps: a plain string is for every platform; {@code {"on": [...], "side": "SERVER",
     * "step": "..."}} for the platforms named, on the side named (none: either).
     */
    private static List<Step> steps(JsonNode array) {
        List<Step> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.isObject() ? new Step(n.path("step").asText(), new java.util.HashSet<>(strings(n.path("on"))),
                    Side.valueOf(n.path("side").asText("UNKNOWN")))
                    : new Step(n.asText(), Set.of(), Side.UNKNOWN));
        }
        return List.copyOf(out);
    }

    private static Layer layer(JsonNode node) {
        return node == null || node.isNull() ? null : Layer.valueOf(node.asText());
    }

    /**
     * {@code failsAt}: one layer name (the form every entry had at first), or a list of them for a
     * cause that can show at several layers; returned in chain order, earliest first.
     */
    private static List<Layer> layers(String id, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(Layer.valueOf(node.asText()));
        }
        java.util.EnumSet<Layer> out = java.util.EnumSet.noneOf(Layer.class);
        node.forEach(n -> out.add(Layer.valueOf(n.asText())));
        if (out.isEmpty()) {
            throw new IllegalStateException("catalogue entry " + id + ": failsAt is an empty list");
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every entry in catalogue order. */
    public List<CatalogueEntry> entries() {
        return ordered;
    }

    /** The root causes in catalogue order. */
    public List<CatalogueEntry> causes() {
        return causes;
    }

    /** The position of an id in catalogue order; MAX_VALUE for an unknown id. */
    public int indexOf(String id) {
        return index.getOrDefault(id, Integer.MAX_VALUE);
    }

    /** One entry by id. */
    public Optional<CatalogueEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The fixed bounds the cause's rules apply, with their reasons (empty when none). */
    public List<Threshold> thresholdsOf(String id) {
        return thresholds.getOrDefault(id, List.of());
    }

    /** The remediation steps of an entry, each with the platforms it is written for. */
    public List<Step> stepsOf(String id) {
        return steps.getOrDefault(id, List.of());
    }

    /** The evidence that could show a cause. */
    public List<EvidenceSource> evidenceFor(String id) {
        return evidence.getOrDefault(id, List.of());
    }
}
