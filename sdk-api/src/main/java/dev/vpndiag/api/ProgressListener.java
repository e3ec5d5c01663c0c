package dev.vpndiag.api;

/**
 * Follows a long diagnosis and may cancel it. Every method has a default, so listeners implement
 * only what they need. Called from the diagnosing thread.
 */
public interface ProgressListener {
    /** A listener that ignores everything and never cancels. */
    ProgressListener NONE = new ProgressListener() { };

    /** An evidence item is about to be read. */
    default void evidenceStarted(Evidence evidence) {
    }

    /** Part of an evidence item has been read; {@code total} is -1 when unknown. */
    default void bytesRead(Evidence evidence, long done, long total) {
    }

    /** An evidence item has been read. */
    default void evidenceFinished(Evidence evidence, int facts) {
    }

    /**
     * Polled between reading steps; returning true stops the diagnosis with
     * {@link java.util.concurrent.CancellationException}.
     */
    default boolean isCancelled() {
        return false;
    }
}
