package dev.vpndiag.api.fact;

/** IKE authentication method. */
public enum AuthMethod {
    /** Pre-shared key. */
    PRE_SHARED_KEY,
    /** Certificates (RSA/ECDSA signatures). */
    CERTIFICATE,
    /** Kerberos. */
    KERBEROS,
    /** EAP (IKEv2). */
    EAP,
    /** Not stated. */
    UNKNOWN
}
