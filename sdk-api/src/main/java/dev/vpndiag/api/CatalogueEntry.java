package dev.vpndiag.api;

import java.util.EnumSet;
import java.util.List;

/**
 * One known root cause or evidence-quality finding, as the engine's catalogue describes it.
 *
 * <p>Most causes make one layer of the chain fail. Some show at more than one, depending on the
 * peers and the traffic: a NAT that the peers cannot traverse strands ESP, yet a modern Windows
 * client that finds its server behind a NAT gives up already in IKE main mode. Such a cause lists
 * every layer it can make fail in {@link #failsAtLayers()}; the engine ranks it when the first
 * failed layer is one of them, rules it out only when all of them passed, and leaves it unevaluated
 * when all of them lie past the first failed layer. {@link #failsAt()} is the earliest of those
 * layers, so code written when a cause had a single layer keeps working.
 *
 * @param id          stable id (public contract, never renamed)
 * @param kind        whether this is a root cause or a finding about the evidence
 * @param layer       the layer the cause belongs to (null for findings)
 * @param failsAt     the earliest chain layer whose failure it produces (null for findings); always the
 *                    first of {@code failsAtLayers}
 * @param title       short title
 * @param description what goes wrong
 * @param decisiveEvidence what evidence shows it, in words
 * @param remediation what to do, in order
 * @param references  documents to read
 * @param failsAtLayers every chain layer whose failure it can produce, in chain order without
 *                    repeats (empty for findings); null or empty means {@code failsAt} alone
 */
public record CatalogueEntry(String id, Kind kind, Layer layer, Layer failsAt, String title, String description,
                             String decisiveEvidence, List<String> remediation, List<String> references,
                             List<Layer> failsAtLayers) {
    /**
     * Copies the lists and puts the layers in chain order.
     *
     * @throws IllegalArgumentException when {@code failsAt} is given and is not the earliest of
     *                                  {@code failsAtLayers}
     */
    public CatalogueEntry {
        remediation = List.copyOf(remediation);
        references = List.copyOf(references);
        if (failsAtLayers == null || failsAtLayers.isEmpty()) {
            failsAtLayers = failsAt == null ? List.of() : List.of(failsAt);
        } else {
            EnumSet<Layer> ordered = EnumSet.noneOf(Layer.class);
            for (Layer l : failsAtLayers) {
                ordered.add(java.util.Objects.requireNonNull(l, "failsAtLayers element"));
            }
            failsAtLayers = List.copyOf(ordered);
            Layer earliest = failsAtLayers.get(0);
            if (failsAt == null) {
                failsAt = earliest;
            } else if (failsAt != earliest) {
                throw new IllegalArgumentException(id + ": failsAt " + failsAt + " is not the earliest of " + failsAtLayers);
            }
        }
    }

    /** An entry whose cause makes exactly one layer fail (or a finding, with {@code failsAt} null). */
    public CatalogueEntry(String id, Kind kind, Layer layer, Layer failsAt, String title, String description,
                          String decisiveEvidence, List<String> remediation, List<String> references) {
        this(id, kind, layer, failsAt, title, description, decisiveEvidence, remediation, references,
                failsAt == null ? List.of() : List.of(failsAt));
    }

    /** True when this cause can make the given layer fail. */
    public boolean canFailAt(Layer chainLayer) {
        return failsAtLayers.contains(chainLayer);
    }

    /** What a catalogue entry describes. */
    public enum Kind {
        /** A root cause of a failed connection. */
        CAUSE,
        /** A statement about the evidence (auditing off, one side only, ...). */
        FINDING
    }
}
