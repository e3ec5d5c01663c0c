package dev.vpndiag.api.fact;

/** Why an IKE phase failed, as the logs classify it. */
public enum IkeFailureReason {
    /** No failure. */
    NONE,
    /** The peer never answered. */
    NO_RESPONSE,
    /** No common proposal. */
    NO_PROPOSAL_CHOSEN,
    /** Peer authentication failed (bad hash, wrong pre-shared key, signature). */
    AUTHENTICATION_FAILED,
    /** The peers want different authentication methods. */
    AUTH_METHOD_MISMATCH,
    /** The certificate chain does not lead to a trusted root. */
    CERT_UNTRUSTED,
    /** A certificate is expired or not yet valid. */
    CERT_EXPIRED,
    /** No usable local certificate. */
    CERT_NOT_FOUND,
    /** The local certificate has no private key. */
    PRIVATE_KEY_MISSING,
    /** The peer's identity is not the expected one. */
    ID_MISMATCH,
    /** Phase 2 identities (traffic selectors) rejected. */
    INVALID_ID_INFORMATION,
    /** Traffic selectors unacceptable. */
    TS_UNACCEPTABLE,
    /** No matching policy or filter. */
    POLICY_MISMATCH,
    /**
     * The peer deleted the SA as soon as this side had completed its part of the phase, before
     * anything was built on it: an IKEv1 responder's view of an initiator that refused main mode
     * message 6 (the responder's certificate, its validity, its identity, or the hash).
     */
    PEER_DELETED,
    /**
     * The peer kept repeating a request this side had answered, then gave up: the answers do not
     * reach it (an IKEv1 responder whose main mode message 6 is lost on the way back).
     */
    ANSWER_UNHEARD,
    /** Another reason; see the detail. */
    OTHER
}
