package dev.vpndiag.api.spi;

import dev.vpndiag.api.fact.Fact;

/**
 * Where a provider emits what it reads, as it reads it. Not thread-safe: call it from the thread
 * that called {@link FactProvider#read}.
 */
public interface FactSink {
    /** Emits one fact. */
    void accept(Fact fact);

    /**
     * Reports a part of the evidence that could not be used (a skipped line, a damaged chunk) while
     * the rest is still read.
     *
     * @param locator where, such as {@code line 88} or {@code byte 4096}
     * @param message what is wrong
     */
    void problem(String locator, String message);

    /** Reports how many bytes of the content have been consumed, for progress display. */
    default void progress(long bytesDone) {
    }

    /** True when the diagnosis was cancelled or the provider's time budget is spent; stop early. */
    default boolean isCancelled() {
        return false;
    }
}
