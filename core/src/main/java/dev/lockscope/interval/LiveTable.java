package dev.lockscope.interval;

import dev.lockscope.util.IntMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Values by goroutine id for the goroutines a tracker keeps: a slot array indexed by the id's low bits, and an
 * {@link IntMap} for an id whose slot is taken by another. Goroutine ids are handed out in order and most
 * goroutines live briefly, so almost every one is put into, found in and removed from its slot, with no hashing
 * or probing; ids may still be sparse or huge, and any number may be kept at once. Not thread-safe.
 *
 * @param <V> the values
 */
final class LiveTable<V> {
    private static final int SLOTS = 1 << 12;
    private static final int MASK = SLOTS - 1;

    private final int[] slotIds = new int[SLOTS];
    private final Object[] slotValues = new Object[SLOTS];
    private final IntMap<V> overflow = new IntMap<>();

    @SuppressWarnings("unchecked")
    V get(int id) {
        int i = id & MASK;
        if (slotIds[i] == id && slotValues[i] != null) {
            return (V) slotValues[i];
        }
        return overflow.isEmpty() ? null : overflow.get(id);
    }

    /** Keeps {@code value} (not null) for {@code id}, which must not be kept already. */
    void put(int id, V value) {
        int i = id & MASK;
        if (slotValues[i] == null) {
            slotIds[i] = id;
            slotValues[i] = value;
        } else {
            overflow.put(id, value);
        }
    }

    void remove(int id) {
        int i = id & MASK;
        if (slotIds[i] == id && slotValues[i] != null) {
            slotValues[i] = null;
        } else {
            overflow.remove(id);
        }
    }

    /** The values, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> result = new ArrayList<>(overflow.values());
        for (Object v : slotValues) {
            if (v != null) {
                result.add((V) v);
            }
        }
        return result;
    }
}
