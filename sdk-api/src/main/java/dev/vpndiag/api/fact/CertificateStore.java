package dev.vpndiag.api.fact;

/** Where a certificate was found and the role that gives it. */
public enum CertificateStore {
    /** The local computer's personal store: the machine certificate used for IKE. */
    MACHINE_PERSONAL,
    /** A user's personal store. */
    USER_PERSONAL,
    /** Trusted root authorities: the trust anchors. */
    TRUSTED_ROOT,
    /** Intermediate authorities. */
    INTERMEDIATE,
    /** Presented by the peer during IKE. */
    PEER_PRESENTED,
    /** Not stated. */
    UNKNOWN
}
