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
        // Two ways per set, the newer first: values cycle (a room sends to m000 ... m499 in turn), and in a
        // direct-mapped cache any two that share a slot would evict each other on every round. The hash is mixed
        // before its top bits are taken: names that differ in their last characters have nearby hashes.
        int set = (value.hashCode() * 0x9E3779B9 >>> (32 - RECENT_BITS)) & ~1;
        Object first = recent[set];
        if (first == value) {
            return recentIds[set];
        }
        if (recent[set + 1] == value) {
            return recentIds[set + 1];
        }
        Integer id = ids.get(value);
        if (id == null) {
            id = values.add(value);
            ids.put(value, id);
        }
        recent[set + 1] = first;
        recentIds[set + 1] = recentIds[set];
        recent[set] = value;
        recentIds[set] = id;
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
