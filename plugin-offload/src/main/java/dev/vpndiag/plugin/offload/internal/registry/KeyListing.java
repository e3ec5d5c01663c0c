package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The value names shown under one key while its block is read, emitted as a {@link RegistryKey}
 * once the format knows how far the listing can be trusted. Only keys worth a diagnosis are kept
 * ({@link RegistryValues#relevantKey}); a key with more than {@link #MAX_NAMES} values is reported
 * with the first ones and as not complete.
 */
final class KeyListing {
    static final int MAX_NAMES = 1024;

    private final String key;
    private final long first;
    private long last;
    private final List<String> names = new ArrayList<>();
    private boolean doubtful;

    private KeyListing(String key, long first) {
        this.key = key;
        this.first = first;
        this.last = first;
    }

    /** A listing for the key starting on this line, or null when the key is not worth a fact. */
    static KeyListing of(String normalizedKey, long line) {
        return RegistryValues.relevantKey(normalizedKey) ? new KeyListing(normalizedKey, line) : null;
    }

    /** The key, with its hive spelled short. */
    String key() {
        return key;
    }

    /** Names listed so far. */
    int size() {
        return names.size();
    }

    /** A value of this name was shown on this line. */
    void add(String name, long line) {
        last = line;
        if (names.size() < MAX_NAMES) {
            names.add(name);
        } else {
            doubtful = true;
        }
    }

    /** Something on this line of the block was not understood, so a value may have been missed. */
    void doubt(long line) {
        last = Math.max(last, line);
        doubtful = true;
    }

    /**
     * Emits the listing.
     *
     * @param complete    whether the format vouches that no value in scope is missing
     * @param queriedName the one value the listing was restricted to, or null
     */
    void emit(ReadContext context, boolean complete, String queriedName) {
        context.emit(new RegistryKey(context.ref(Line.range(first, last)), context.side(), null, key, names,
                complete && !doubtful, queriedName));
    }
}
