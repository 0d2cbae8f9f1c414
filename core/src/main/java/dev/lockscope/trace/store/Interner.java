package dev.lockscope.trace.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Dense ids for repeated values (member names, sites, blocker sets), so that columns hold an {@code int}.
 * Ids are assigned by the writer in first-seen order from 0; {@link #value} is safe from any thread for an
 * id read out of a published row.
 */
final class Interner<T> {
    private final Map<T, Integer> ids = new HashMap<>();
    private final ObjectVector<T> values = new ObjectVector<>();

    /** Writer only. */
    int intern(T value) {
        Integer id = ids.get(value);
        if (id == null) {
            id = values.add(value);
            ids.put(value, id);
        }
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
