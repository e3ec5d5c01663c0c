package dev.vpndiag.api.spi;

import dev.vpndiag.api.Evidence;
import java.io.IOException;
import java.util.Set;

/**
 * Turns one evidence format into facts. Found by {@link java.util.ServiceLoader} or added by the
 * host; must have a public no-argument constructor for ServiceLoader, be stateless between reads
 * and safe to call from several threads at once.
 *
 * <p>New hooks are added as default methods, so a provider written against this version keeps
 * compiling.
 */
public interface FactProvider {

    /** Score meaning "not my format". */
    int NO_MATCH = 0;
    /** Score for a plausible match by loose structure (text that looks like the format). */
    int WEAK_MATCH = 10;
    /** Score for an unambiguous match (magic bytes, a distinctive header). */
    int STRONG_MATCH = 100;

    /** A short stable id, such as {@code pcap}; shown in statistics and problems. */
    String id();

    /** The formats read, for people (for example {@code "pcap", "pcapng"}). */
    default Set<String> formats() {
        return Set.of();
    }

    /**
     * Says how surely this provider reads the content, judging by its first bytes. The evidence
     * goes to the provider with the highest score; {@link #NO_MATCH} declines it.
     */
    int sniff(ContentHead head);

    /**
     * Reads the whole evidence item and emits facts into the sink as it goes. Must stream (bounded
     * memory whatever the size), check every length before trusting it, and poll
     * {@link FactSink#isCancelled()} between steps.
     *
     * @throws EvidenceFormatException when the content is damaged beyond a point; facts already
     *                                 emitted are kept
     * @throws IOException             when the content cannot be read
     */
    void read(Evidence evidence, FactSink sink) throws IOException;
}
