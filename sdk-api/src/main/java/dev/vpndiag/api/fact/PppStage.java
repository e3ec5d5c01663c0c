package dev.vpndiag.api.fact;

/** PPP negotiation stages. */
public enum PppStage {
    /** Link control. */
    LCP,
    /** Authentication. */
    AUTH,
    /** Compression control, carrying MPPE. */
    CCP,
    /** IP control. */
    IPCP
}
