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

    /**
     * One reader has finished with an evidence item: its id (as {@code FactProvider.id()}) and the
     * facts it found there. A text may be read by several readers (a ticket mixing programs); an item
     * no reader claimed gets no call.
     */
    default void readBy(Evidence evidence, String reader, int facts) {
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
