package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * The result of validating one side's end-entity certificate against a set of trust anchors.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param subject the end-entity certificate's subject
 * @param trustedBy whose trust anchors were used
 * @param validatedAt the time validity was checked at
 * @param basis which clock validatedAt comes from
 * @param valid a valid path was found
 * @param failure why not, NONE when valid
 * @param detail the validator's message
 */
public record ChainValidation(
        EvidenceRef ref,
        Side side,
        Instant time,
        String subject,
        Side trustedBy,
        Instant validatedAt,
        TimeBasis basis,
        boolean valid,
        ChainFailure failure,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public ChainValidation {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
