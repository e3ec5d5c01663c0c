package dev.vpndiag.api;

/**
 * Evidence that could not be read, wholly or in part. Problems never fail a diagnosis.
 *
 * @param source  the evidence item's name
 * @param locator where the problem is (byte offset, record, line), or empty
 * @param message what is wrong, for a person
 */
public record Problem(String source, String locator, String message) {
    /** Normalises a missing locator to empty. */
    public Problem {
        locator = locator == null ? "" : locator;
    }
}
