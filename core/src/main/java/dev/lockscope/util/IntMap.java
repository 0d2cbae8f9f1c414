package dev.lockscope.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A hash map from {@code int} to objects, without boxing: open addressing with linear probing and
 * backward-shift deletion, so removals leave no tombstones and a map whose keys churn (goroutine ids, which are
 * never reused) stays as small as what is live. Not thread-safe.
 */
public final class IntMap<V> {
    private int[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public IntMap() {
        this(16);
    }

    public IntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    public V get(int key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Associates {@code value} (not null) with {@code key}; returns the previous value or {@code null}. */
    @SuppressWarnings("unchecked")
    public V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) v;
            }
        }
    }

    public V computeIfAbsent(int key, IntFunction<V> create) {
        V v = get(key);
        if (v == null) {
            v = create.apply(key);
            put(key, v);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public V remove(int key) {
        int i = hash(key) & mask;
        while (true) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                shiftBack(i);
                size--;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                values[hole] = null;
                return;
            }
            int home = hash(keys[i]) & mask;
            // Move entry i into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insertFresh(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insertFresh(int key, Object value) {
        int i = hash(key) & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The values, in no particular order. */
    @SuppressWarnings("unchecked")
    public List<V> values() {
        List<V> result = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                result.add((V) v);
            }
        }
        return result;
    }

    /** Shows every entry to {@code visitor}, in no particular order; the map must not change meanwhile. */
    @SuppressWarnings("unchecked")
    public void forEach(EntryVisitor<? super V> visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                visitor.visit(keys[i], (V) values[i]);
            }
        }
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryVisitor<V> {
        void visit(int key, V value);
    }
}
