package dev.vpndiag.api.fact;

/** Outcome of a PPP stage. */
public enum PppOutcome {
    /** The stage completed (LCP/CCP/IPCP opened). */
    OPENED,
    /** Authentication succeeded. */
    SUCCEEDED,
    /** Requests were never answered. */
    TIMED_OUT,
    /** An option or protocol was rejected (Configure-Reject). */
    REJECTED,
    /** An option was refused with a counter-proposal (Configure-Nak). */
    NAKED,
    /** Authentication failed. */
    FAILED,
    /** The peer terminated the link. */
    TERMINATED
}
