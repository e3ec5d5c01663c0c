package dev.vpndiag.api.fact;

/** IKE protocol version. */
public enum IkeVersion {
    /** IKE version 1 (main mode, quick mode). */
    IKEV1,
    /** IKE version 2. */
    IKEV2
}
