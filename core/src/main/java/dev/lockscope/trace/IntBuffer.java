package dev.lockscope.trace;

import java.util.Arrays;

/** A reusable, growable run of {@code int}s: an array field of the line being parsed, without boxing. */
final class IntBuffer {
    private int[] values = new int[8];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The backing array; its first {@link #size()} entries are the values. */
    int[] array() {
        return values;
    }

}
