package dev.vpndiag.api.fact;

/** Why protected packets were discarded. */
public enum EspDropKind {
    /** The integrity check (hash/ICV) failed. */
    INTEGRITY_FAILURE,
    /** Decryption failed. */
    DECRYPTION_FAILURE,
    /** No SA for the SPI. */
    BAD_SPI,
    /** Replay check failed. */
    REPLAY,
    /** A clear-text packet arrived where protection was required. */
    CLEAR_TEXT,
    /** Another reason. */
    OTHER
}
