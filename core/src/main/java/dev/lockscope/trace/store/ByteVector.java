package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * An append-only {@code byte} sequence in chunks, written by one thread and read by others.
 *
 * <p>Growth never moves published data except inside the first chunk, which doubles from a few slots up to
 * the chunk size so that the many small per-track vectors stay small; a reader that still holds the old copy
 * reads the same values for every index it is allowed to read. The chunk directory is {@code volatile}: a
 * reader always sees every chunk that existed when the index it reads was published.
 *
 * <p>Readers must only read indexes whose publication they have observed (through the store's volatile row
 * count); {@link #getOr} exists for the one place that probes beyond that bound.
 */
final class ByteVector {
    private final int shift;
    private final int mask;
    private volatile byte[][] chunks = new byte[4][];
    private int size;

    /** @param chunkShift log2 of the chunk size */
    ByteVector(int chunkShift) {
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
    }

    int size() {
        return size;
    }

    void add(byte value) {
        int i = size;
        slot(i)[i & mask] = value;
        size = i + 1;
    }

    /** Overwrites an element; used for links that are only known when a later event arrives. */
    void set(int i, byte value) {
        chunks[i >>> shift][i & mask] = value;
    }

    byte get(int i) {
        return chunks[i >>> shift][i & mask];
    }

    /** The element, or {@code absent} if this thread cannot see it yet. */
    byte getOr(int i, byte absent) {
        byte[][] dir = chunks;
        int c = i >>> shift;
        if (i < 0 || c >= dir.length) {
            return absent;
        }
        byte[] chunk = dir[c];
        int off = i & mask;
        return chunk == null || off >= chunk.length ? absent : chunk[off];
    }

    private byte[] slot(int i) {
        byte[][] dir = chunks;
        int c = i >>> shift;
        int off = i & mask;
        byte[] chunk = c < dir.length ? dir[c] : null;
        if (chunk != null && off < chunk.length) {
            return chunk;
        }
        if (c >= dir.length) {
            dir = Arrays.copyOf(dir, Math.max(c + 1, dir.length * 2));
        }
        int full = mask + 1;
        dir[c] = chunk == null ? new byte[c == 0 ? Math.min(8, full) : full] : Arrays.copyOf(chunk, Math.min(full, chunk.length * 2));
        chunks = dir; // volatile store publishes the new chunk reference
        return dir[c];
    }
}
