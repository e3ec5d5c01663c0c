package dev.vpndiag.api.fact;

/** Why a certificate chain did not validate. */
public enum ChainFailure {
    /** It validated. */
    NONE,
    /** No path to a trust anchor. */
    NO_PATH,
    /** An intermediate CA certificate is missing. */
    MISSING_INTERMEDIATE,
    /** A certificate in the path is expired. */
    EXPIRED,
    /** A certificate in the path is not yet valid. */
    NOT_YET_VALID,
    /** A signature does not verify. */
    BAD_SIGNATURE,
    /** Key usage or extended key usage forbids this use. */
    WRONG_PURPOSE,
    /** Another reason; see the detail. */
    OTHER
}
