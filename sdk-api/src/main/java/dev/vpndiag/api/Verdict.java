package dev.vpndiag.api;

/** The overall outcome of a diagnosis. */
public enum Verdict {
    /** At least one cause explains a failed layer. */
    FAULT_FOUND,
    /** The evidence shows the connection working; no cause is ranked. */
    NO_FAULT_FOUND,
    /** Neither: too little evidence, or a failure no known cause explains. */
    INCONCLUSIVE
}
