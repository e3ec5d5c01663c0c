package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * Something a provider read from the evidence, in the vocabulary the rules reason about. Facts are
 * immutable records; every one says where it was read and on which side.
 */
public interface Fact {
    /** Where the fact was read. */
    EvidenceRef ref();

    /** The side of the connection the evidence came from. */
    Side side();

    /** When it happened by the source's clock, or null when the source has no time. */
    Instant time();
}
