package dev.vpndiag.api.rule;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * Evidence that a layer of the chain completed. It also shows every earlier layer passed, and
 * rules out every cause whose failure shows at this layer or before it.
 *
 * @param layer   the layer
 * @param summary what shows it
 * @param ref     the evidence
 */
public record LayerPassed(Layer layer, String summary, EvidenceRef ref) {
    /** Validates the components. */
    public LayerPassed {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(ref, "ref");
    }
}
