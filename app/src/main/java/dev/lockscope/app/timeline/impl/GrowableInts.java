package dev.lockscope.app.timeline.impl;

import java.util.Arrays;

/** An append-only list of {@code int}s. */
final class GrowableInts {
    private int[] values;
    private int size;

    GrowableInts() {
        this(16);
    }

    GrowableInts(int capacity) {
        values = new int[Math.max(capacity, 1)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    void set(int i, int v) {
        values[i] = v;
    }

    int size() {
        return size;
    }
}
