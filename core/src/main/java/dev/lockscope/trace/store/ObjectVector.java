package dev.lockscope.trace.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An append-only sequence of references with the publication rules of {@link IntVector}: one writer, readers
 * read only what a volatile row count has published to them. Holds the rare things that have no column
 * (interned names, alerts, commands, spawns).
 */
final class ObjectVector<T> {
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int SHIFT = 10;
    private static final int MASK = (1 << SHIFT) - 1;
    private volatile Object[][] chunks = new Object[4][];
    private int size;

    int size() {
        return size;
    }

    int add(T value) {
        int i = size;
        ensureSize(i + 1);
        set(i, value);
        return i;
    }

    /** Grows with {@code null}s up to {@code n} elements. */
    void ensureSize(int n) {
        if (n <= size) {
            return;
        }
        // One chunk check per chunk, not per element: tracks are indexed by ids that grow one by one (a room's
        // goroutines), so this runs for most new ids.
        for (int c = size >>> SHIFT; c <= (n - 1) >>> SHIFT; c++) {
            slot(c << SHIFT);
        }
        size = n;
    }

    /**
     * Sets an element with a release write: a reader that reads the new value ({@link #get} is an acquire read)
     * also sees everything this thread wrote before.
     */
    void set(int i, T value) {
        ELEMENT.setRelease(chunks[i >>> SHIFT], i & MASK, value);
    }

    /** The element, or {@code null} if it is absent or this thread cannot see it yet. */
    @SuppressWarnings("unchecked")
    T get(int i) {
        Object[][] dir = chunks;
        int c = i >>> SHIFT;
        if (i < 0 || c >= dir.length || dir[c] == null) {
            return null;
        }
        return (T) ELEMENT.getAcquire(dir[c], i & MASK);
    }

    private void slot(int i) {
        Object[][] dir = chunks;
        int c = i >>> SHIFT;
        if (c < dir.length && dir[c] != null) {
            return;
        }
        if (c >= dir.length) {
            dir = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
        }
        dir[c] = new Object[MASK + 1];
        chunks = dir; // volatile store publishes the new chunk reference
    }
}
