package dev.vpndiag.api;

/** The state of one layer of the chain as the evidence shows it. */
public enum LayerStatus {
    /** Evidence shows the layer completed. */
    PASSED,
    /** Evidence shows the layer failed; this is where the connection broke. */
    FAILED,
    /** An earlier layer failed, so this one was never attempted. */
    NOT_REACHED,
    /** The evidence says nothing about this layer. */
    UNKNOWN
}
