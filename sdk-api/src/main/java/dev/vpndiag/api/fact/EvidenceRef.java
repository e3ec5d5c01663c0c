package dev.vpndiag.api.fact;

import java.util.Objects;

/**
 * Where a fact was read: the evidence item's name and a place inside it.
 *
 * @param source  the evidence item's name, usually a file name
 * @param locator a place inside it, such as {@code frame 13}, {@code record 4711}, {@code line 88}
 *                or {@code certificate CN=vpn.example.com}
 */
public record EvidenceRef(String source, String locator) {
    /** Validates the components. */
    public EvidenceRef {
        Objects.requireNonNull(source, "source");
        locator = locator == null ? "" : locator;
    }

    /** A reference to a whole source. */
    public static EvidenceRef of(String source) {
        return new EvidenceRef(source, "");
    }

    /** A reference to a place in a source. */
    public static EvidenceRef of(String source, String locator) {
        return new EvidenceRef(source, locator);
    }

    @Override
    public String toString() {
        return locator.isEmpty() ? source : source + " " + locator;
    }
}
