package dev.lockscope.trace.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Dense ids for repeated values (member names, sites, send targets, spawn shapes), so that columns hold an
 * {@code int}. Ids are assigned by the writer in first-seen order from 0; {@link #value} is safe from any thread
 * for an id read out of a published row.
 *
 * <p>A small cache by identity sits in front of the map: a trace repeats the same few objects (the reader's
 * interned member names, its site objects) millions of times, and an identity compare is cheaper than a lookup.
 */
final class Interner<T> {
    private static final int RECENT_BITS = 11;
    private static final int RECENT = 1 << RECENT_BITS;

    private final Map<T, Integer> ids = new HashMap<>();
    private final ObjectVector<T> values = new ObjectVector<>();
    private final Object[] recent = new Object[RECENT]; // writer only
    private final int[] recentIds = new int[RECENT];

    /** Writer only. */
    int intern(T value) {
        // The hash is mixed before taking its top bits: names that differ only in their last characters (m000 ...
        // m499) have hashes that fill a narrow range, whose low bits alone put many of them in the same slot.
        int slot = value.hashCode() * 0x9E3779B9 >>> (32 - RECENT_BITS);
        if (recent[slot] == value) {
            return recentIds[slot];
        }
        Integer id = ids.get(value);
        if (id == null) {
            id = values.add(value);
            ids.put(value, id);
        }
        recent[slot] = value;
        recentIds[slot] = id;
        return id;
    }

    /** Writer only: the id of a value seen before, or -1. */
    int find(T value) {
        return ids.getOrDefault(value, -1);
    }

    T value(int id) {
        return values.get(id);
    }

    int size() {
        return values.size();
    }
}
