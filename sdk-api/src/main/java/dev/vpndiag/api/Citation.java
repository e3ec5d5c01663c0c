package dev.vpndiag.api;

import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * One piece of evidence quoted in a diagnosis: where it is ({@code source}, {@code locator}) and
 * what it shows, in a sentence.
 *
 * @param source  the evidence item's name, usually a file name
 * @param locator where inside the source, such as {@code frame 13} or {@code line 88}
 * @param summary what this piece of evidence shows
 */
public record Citation(String source, String locator, String summary) {
    /** Validates the components. */
    public Citation {
        Objects.requireNonNull(source, "source");
        locator = locator == null ? "" : locator;
        summary = summary == null ? "" : summary;
    }

    /** A citation of a fact's reference. */
    public static Citation of(EvidenceRef ref, String summary) {
        return new Citation(ref.source(), ref.locator(), summary);
    }
}
