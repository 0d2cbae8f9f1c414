package dev.lockscope.interval;

import java.util.Arrays;

/**
 * The sleeps not yet reported ended, by end time: a binary min-heap of (end, start, goroutine, tag) in parallel
 * primitive arrays, ties broken by insertion order so that sleeps ending together are reported in the order
 * they began. A script has a few sleeping goroutines at a time; a room has none.
 */
final class SleepQueue {
    private long[] ends = new long[8];
    private long[] orders = new long[8];
    private long[] starts = new long[8];
    private int[] goroutines = new int[8];
    private int[] tags = new int[8];
    private int size;
    private long nextOrder;

    /** Receives a sleep still in the queue. */
    @FunctionalInterface
    interface Visitor {
        void sleep(long end, long start, int g, int tag);
    }

    void add(long end, long start, int g, int tag) {
        if (size == ends.length) {
            int n = size * 2;
            ends = Arrays.copyOf(ends, n);
            orders = Arrays.copyOf(orders, n);
            starts = Arrays.copyOf(starts, n);
            goroutines = Arrays.copyOf(goroutines, n);
            tags = Arrays.copyOf(tags, n);
        }
        long order = nextOrder++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(end, order, ends[parent], orders[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, end, order, start, g, tag);
    }

    /** Shows every queued sleep to {@code visitor}, in no particular order. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < size; i++) {
            visitor.sleep(ends[i], starts[i], goroutines[i], tags[i]);
        }
    }

    /** The start of the earliest sleep; only when not empty. */
    long start() {
        return starts[0];
    }

    /** The end of the earliest sleep, or {@link Long#MAX_VALUE} when there is none. */
    long nextEnd() {
        return size == 0 ? Long.MAX_VALUE : ends[0];
    }

    /** The goroutine of the earliest sleep; only when not empty. */
    int g() {
        return goroutines[0];
    }

    /** The tag of the earliest sleep; only when not empty. */
    int tag() {
        return tags[0];
    }

    /** Removes the earliest sleep. */
    void poll() {
        int last = --size;
        long end = ends[last];
        long order = orders[last];
        long start = starts[last];
        int g = goroutines[last];
        int tag = tags[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && less(ends[right], orders[right], ends[child], orders[child])) {
                child = right;
            }
            if (!less(ends[child], orders[child], end, order)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (last > 0) {
            set(i, end, order, start, g, tag);
        }
    }

    private static boolean less(long e1, long o1, long e2, long o2) {
        return e1 < e2 || (e1 == e2 && o1 < o2);
    }

    private void move(int from, int to) {
        ends[to] = ends[from];
        orders[to] = orders[from];
        starts[to] = starts[from];
        goroutines[to] = goroutines[from];
        tags[to] = tags[from];
    }

    private void set(int i, long end, long order, long start, int g, int tag) {
        ends[i] = end;
        orders[i] = order;
        starts[i] = start;
        goroutines[i] = g;
        tags[i] = tag;
    }
}
