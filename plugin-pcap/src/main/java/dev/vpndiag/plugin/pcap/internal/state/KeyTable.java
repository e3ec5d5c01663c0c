package dev.vpndiag.plugin.pcap.internal.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-conversation state keyed by two longs, without boxing: open addressing over primitive key
 * arrays, values kept in order of insertion (the order facts are emitted in). The caller bounds
 * the number of entries.
 *
 * @param <V> the state kept per key
 */
public final class KeyTable<V> {
    private long[] keys1;
    private long[] keys2;
    private int[] index;
    private final List<V> values = new ArrayList<>();

    /** An empty table. */
    public KeyTable() {
        allocate(64);
    }

    private void allocate(int slots) {
        keys1 = new long[slots];
        keys2 = new long[slots];
        index = new int[slots];
        Arrays.fill(index, -1);
    }

    /** Entries in the table. */
    public int size() {
        return values.size();
    }

    /** The values in order of insertion (a live view; do not modify). */
    public List<V> values() {
        return values;
    }

    /** The value for a key, or null. */
    public V get(long k1, long k2) {
        int mask = index.length - 1;
        for (int s = slot(k1, k2) & mask; ; s = (s + 1) & mask) {
            int i = index[s];
            if (i < 0) {
                return null;
            }
            if (keys1[s] == k1 && keys2[s] == k2) {
                return values.get(i);
            }
        }
    }

    /** Sets the value for a key (an existing key keeps its place in the insertion order). */
    public void put(long k1, long k2, V value) {
        int mask = index.length - 1;
        for (int s = slot(k1, k2) & mask; ; s = (s + 1) & mask) {
            int i = index[s];
            if (i < 0) {
                break;
            }
            if (keys1[s] == k1 && keys2[s] == k2) {
                values.set(i, value);
                return;
            }
        }
        if ((values.size() + 1) * 2 > index.length) {
            grow();
        }
        insert(k1, k2, values.size());
        values.add(value);
    }

    /** Sets the value for a key unless it has one. */
    public void putIfAbsent(long k1, long k2, V value) {
        if (get(k1, k2) == null) {
            put(k1, k2, value);
        }
    }

    /** Removes every entry. */
    public void clear() {
        values.clear();
        allocate(64);
    }

    private void insert(long k1, long k2, int i) {
        int mask = index.length - 1;
        int s = slot(k1, k2) & mask;
        while (index[s] >= 0) {
            s = (s + 1) & mask;
        }
        keys1[s] = k1;
        keys2[s] = k2;
        index[s] = i;
    }

    private void grow() {
        long[] old1 = keys1;
        long[] old2 = keys2;
        int[] oldIndex = index;
        allocate(oldIndex.length * 2);
        for (int s = 0; s < oldIndex.length; s++) {
            if (oldIndex[s] >= 0) {
                insert(old1[s], old2[s], oldIndex[s]);
            }
        }
    }

    private static int slot(long k1, long k2) {
        long h = k1 * 0x9E3779B97F4A7C15L + k2 * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 29);
    }
}
