package dev.lockscope.prim;

import java.util.Arrays;
import java.util.List;

/**
 * A small set of goroutine ids kept sorted in an int array, counting how often each id was added so that each
 * removal undoes one addition: a goroutine may reach a primitive in the same way through several paths.
 */
final class IntSet {
    private int[] ids = new int[4];
    private int[] counts = new int[4];
    private int size;

    void add(int id) {
        int i = Arrays.binarySearch(ids, 0, size, id);
        if (i >= 0) {
            counts[i]++;
            return;
        }
        i = -i - 1;
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(ids, i, ids, i + 1, size - i);
        System.arraycopy(counts, i, counts, i + 1, size - i);
        ids[i] = id;
        counts[i] = 1;
        size++;
    }

    /** Undoes one {@link #add}; returns whether the id left the set. */
    boolean remove(int id) {
        int i = Arrays.binarySearch(ids, 0, size, id);
        if (i < 0) {
            return false;
        }
        if (--counts[i] > 0) {
            return false;
        }
        System.arraycopy(ids, i + 1, ids, i, size - i - 1);
        System.arraycopy(counts, i + 1, counts, i, size - i - 1);
        size--;
        return true;
    }

    boolean contains(int id) {
        return Arrays.binarySearch(ids, 0, size, id) >= 0;
    }

    void addAllTo(IntSet out) {
        for (int i = 0; i < size; i++) {
            out.add(ids[i]);
        }
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    List<Integer> toList(int except) {
        Integer[] out = new Integer[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ids[i] != except) {
                out[n++] = ids[i];
            }
        }
        return List.of(Arrays.copyOf(out, n));
    }
}
