package dev.vpndiag.api.rule;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * Evidence that a layer of the chain failed. The first failed layer decides which causes are
 * ranked; later layers become NOT_REACHED.
 *
 * @param layer   the layer
 * @param summary what shows it
 * @param ref     the evidence
 */
public record LayerFailed(Layer layer, String summary, EvidenceRef ref) {
    /** Validates the components. */
    public LayerFailed {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(ref, "ref");
    }
}
