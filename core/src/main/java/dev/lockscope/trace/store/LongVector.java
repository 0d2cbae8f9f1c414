package dev.lockscope.trace.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * An append-only {@code long} sequence in chunks, written by one thread and read by others.
 *
 * <p>Growth never moves published data except inside the first chunk, which doubles from a few slots up to
 * the chunk size so that the many small per-track vectors stay small; a reader that still holds the old copy
 * reads the same values for every index it is allowed to read. The chunk directory is {@code volatile}: a
 * reader always sees every chunk that existed when the index it reads was published.
 *
 * <p>Readers must only read indexes whose publication they have observed (through the store's volatile row
 * count); {@link #getOr} exists for the one place that probes beyond that bound.
 */
final class LongVector {
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    private final int shift;
    private final int mask;
    private volatile long[][] chunks = new long[4][];
    private int size;

    /** @param chunkShift log2 of the chunk size */
    LongVector(int chunkShift) {
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
    }

    int size() {
        return size;
    }

    void add(long value) {
        int i = size;
        slot(i)[i & mask] = value;
        size = i + 1;
    }

    /** Appends with an atomic write, for elements that readers probe with {@link #getOpaqueOr}. */
    void addOpaque(long value) {
        int i = size;
        ELEMENT.setOpaque(slot(i), i & mask, value);
        size = i + 1;
    }

    /** Overwrites an element; used for links that are only known when a later event arrives. */
    void set(int i, long value) {
        chunks[i >>> shift][i & mask] = value;
    }

    long get(int i) {
        return chunks[i >>> shift][i & mask];
    }

    /** The element, or {@code absent} if this thread cannot see it yet. */
    long getOr(int i, long absent) {
        long[][] dir = chunks;
        int c = i >>> shift;
        if (i < 0 || c >= dir.length) {
            return absent;
        }
        long[] chunk = dir[c];
        int off = i & mask;
        return chunk == null || off >= chunk.length ? absent : chunk[off];
    }

    /**
     * Like {@link #getOr}, but reads the element atomically: a {@code long} written by another thread without
     * synchronisation reads as before or after, never half of each (which plain reads permit).
     */
    long getOpaqueOr(int i, long absent) {
        long[][] dir = chunks;
        int c = i >>> shift;
        if (i < 0 || c >= dir.length) {
            return absent;
        }
        long[] chunk = dir[c];
        int off = i & mask;
        return chunk == null || off >= chunk.length ? absent : (long) ELEMENT.getOpaque(chunk, off);
    }

    private long[] slot(int i) {
        long[][] dir = chunks;
        int c = i >>> shift;
        int off = i & mask;
        long[] chunk = c < dir.length ? dir[c] : null;
        if (chunk != null && off < chunk.length) {
            return chunk;
        }
        if (c >= dir.length) {
            dir = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
        }
        int full = mask + 1;
        dir[c] = chunk == null ? new long[c == 0 ? Math.min(8, full) : full] : Arrays.copyOf(chunk, Math.min(full, chunk.length * 2));
        chunks = dir; // volatile store publishes the new chunk reference
        return dir[c];
    }
}
