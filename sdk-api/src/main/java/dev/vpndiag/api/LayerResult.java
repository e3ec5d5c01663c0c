package dev.vpndiag.api;

import java.util.List;

/**
 * The state of one layer of the chain with the evidence that decided it.
 *
 * @param layer    the layer
 * @param status   passed, failed, not reached or unknown
 * @param evidence the evidence behind the status (empty for NOT_REACHED and UNKNOWN)
 */
public record LayerResult(Layer layer, LayerStatus status, List<Citation> evidence) {
    /** Copies the list. */
    public LayerResult {
        evidence = List.copyOf(evidence);
    }
}
