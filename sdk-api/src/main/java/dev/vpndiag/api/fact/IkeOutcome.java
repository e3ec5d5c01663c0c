package dev.vpndiag.api.fact;

/** What happened to an IKE phase. */
public enum IkeOutcome {
    /** The phase began. */
    STARTED,
    /** The SA was established. */
    ESTABLISHED,
    /** The phase failed with a reason. */
    FAILED,
    /** A message was sent again for lack of an answer. */
    RETRANSMITTED
}
