package dev.lockscope.analysis;

import java.util.Arrays;

/**
 * A map from int keys to non-negative int values without boxing: open addressing with linear probing, and
 * backward-shift deletion so that removals leave no tombstones behind. Absent keys read as {@link #ABSENT}.
 */
final class IntIntMap {

    /** What {@link #get} and {@link #remove} return for a key that is not in the map. */
    static final int ABSENT = -1;

    private static final int INITIAL_CAPACITY = 16; // a power of two

    private int[] keys = new int[INITIAL_CAPACITY];
    private int[] values = newValues(INITIAL_CAPACITY); // ABSENT marks an empty slot
    private int size;

    int size() {
        return size;
    }

    int get(int key) {
        int i = find(key);
        return i < 0 ? ABSENT : values[i];
    }

    void put(int key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0: " + value);
        }
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (values[i] != ABSENT && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == ABSENT) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
        if (size * 4 > keys.length * 3) {
            grow();
        }
    }

    /** Removes the key and returns its value, or {@link #ABSENT}. */
    int remove(int key) {
        int gap = find(key);
        if (gap < 0) {
            return ABSENT;
        }
        int old = values[gap];
        int mask = keys.length - 1;
        // Move later entries of the same probe run back into the gap when their home slot allows it, so that
        // every remaining key stays reachable from its home without tombstones.
        for (int j = (gap + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
            int home = home(keys[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        values[gap] = ABSENT;
        size--;
        return old;
    }

    private int find(int key) {
        int mask = keys.length - 1;
        for (int i = home(key, mask); values[i] != ABSENT; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
        }
        return -1;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = newValues(keys.length);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Fibonacci hashing: dense ids (goroutines 1, 2, 3...) spread over the table instead of clustering. */
    private static int home(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private static int[] newValues(int capacity) {
        int[] v = new int[capacity];
        Arrays.fill(v, ABSENT);
        return v;
    }
}
