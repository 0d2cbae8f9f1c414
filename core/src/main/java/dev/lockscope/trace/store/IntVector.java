package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * An append-only {@code int} sequence in chunks, written by one thread and read by others.
 *
 * <p>Growth never moves published data except inside the first chunk, which doubles from a few slots up to
 * the chunk size so that the many small per-track vectors stay small; a reader that still holds the old copy
 * reads the same values for every index it is allowed to read. The chunk directory is {@code volatile}: a
 * reader always sees every chunk that existed when the index it reads was published.
 *
 * <p>Readers must only read indexes whose publication they have observed (through the store's volatile row
 * count); {@link #getOr} exists for the one place that probes beyond that bound.
 */
final class IntVector {
    /** Shared by every vector before its first element: an empty array has no state to share. */
    private static final int[][] NO_CHUNKS = new int[0][];
    private static final int[] NO_INTS = new int[0];

    private final int shift;
    private final int mask;
    private volatile int[][] chunks = NO_CHUNKS;
    private int size;
    // Writer only: the chunk appends go to, and the index of its first element, so that add() needs no directory
    // read. The chunk may be replaced by a larger copy (the first chunk grows), which slot() notes here again.
    private int[] tail = NO_INTS;
    private int tailStart;

    /** @param chunkShift log2 of the chunk size */
    IntVector(int chunkShift) {
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
    }

    int size() {
        return size;
    }

    void add(int value) {
        int i = size;
        int[] t = tail;
        int off = i - tailStart;
        if (off >= 0 && off < t.length) {
            t[off] = value;
        } else {
            slot(i)[i & mask] = value;
        }
        size = i + 1;
    }

    /** Overwrites an element; used for links that are only known when a later event arrives. */
    void set(int i, int value) {
        chunks[i >>> shift][i & mask] = value;
    }

    int get(int i) {
        return chunks[i >>> shift][i & mask];
    }

    /** The element, or {@code absent} if this thread cannot see it yet. */
    int getOr(int i, int absent) {
        int[][] dir = chunks;
        int c = i >>> shift;
        if (i < 0 || c >= dir.length) {
            return absent;
        }
        int[] chunk = dir[c];
        int off = i & mask;
        return chunk == null || off >= chunk.length ? absent : chunk[off];
    }

    private int[] slot(int i) {
        int[][] dir = chunks;
        int c = i >>> shift;
        int off = i & mask;
        int[] chunk = c < dir.length ? dir[c] : null;
        if (chunk != null && off < chunk.length) {
            tail = chunk;
            tailStart = c << shift;
            return chunk;
        }
        if (c >= dir.length) {
            dir = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
        }
        int full = mask + 1;
        dir[c] = chunk == null ? new int[c == 0 ? Math.min(4, full) : full] : Arrays.copyOf(chunk, Math.min(full, chunk.length * 2));
        chunks = dir; // volatile store publishes the new chunk reference
        tail = dir[c];
        tailStart = c << shift;
        return dir[c];
    }
}
