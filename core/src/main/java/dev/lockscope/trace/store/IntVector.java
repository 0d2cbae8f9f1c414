package dev.lockscope.trace.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * An append-only {@code int} sequence in chunks, written by one thread and read by others.
 *
 * <p>Growth never moves published data except inside the first chunk, which doubles from a few slots up to
 * the chunk size so that the many small per-track vectors stay small; a reader that still holds the old copy
 * reads the same values for every index it is allowed to read. The chunk directory is {@code volatile}: a
 * reader always sees every chunk that existed when the index it reads was published.
 *
 * <p><b>Paging.</b> With a {@link ChunkSpill}, a full chunk of at least a page is copied to mapped memory when
 * the next chunk starts, and its heap slot cleared, so that only the chunk being filled stays on the heap. The
 * mapped directory is published before the heap directory that no longer has the array (a new copy, never a
 * slot cleared in place), so a reader that finds a cleared slot finds the segment; a reader still holding the
 * older directory reads the array, which is no longer written, and so reads the values as of the spill: links
 * patched later point at rows past any view that old (see {@code TraceStore}), which a reader treats as open.
 *
 * <p>Readers must only read indexes whose publication they have observed (through the store's volatile row
 * count); {@link #getOr} exists for the one place that probes beyond that bound.
 */
final class IntVector {
    /** Shared by every vector before its first element: an empty array has no state to share. */
    private static final int[][] NO_CHUNKS = new int[0][];
    private static final int[] NO_INTS = new int[0];
    private static final MemorySegment[] NO_SEGMENTS = new MemorySegment[0];
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private final int shift;
    private final int mask;
    private final ChunkSpill spill;
    private volatile int[][] chunks = NO_CHUNKS;
    /** The spilled chunks by chunk number; {@code null} for chunks on the heap. */
    private volatile MemorySegment[] mapped = NO_SEGMENTS;
    private int size;
    // Writer only: the chunk appends go to, and the index of its first element, so that add() needs no directory
    // read. The chunk may be replaced by a larger copy (the first chunk grows), which slot() notes here again.
    private int[] tail = NO_INTS;
    private int tailStart;

    /** @param chunkShift log2 of the chunk size */
    IntVector(int chunkShift) {
        this(chunkShift, null);
    }

    /** @param spill where full chunks go, or {@code null} to keep them all on the heap */
    IntVector(int chunkShift, ChunkSpill spill) {
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
        this.spill = spill != null && (Integer.BYTES << chunkShift) >= ChunkSpill.MIN_CHUNK_BYTES ? spill : null;
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

    /**
     * Overwrites the last element (there must be one); writer only. Through the chunk the last {@link #add} wrote,
     * without a directory read: for a value that is only complete after its row's other columns.
     */
    void setLast(int value) {
        tail[size - 1 - tailStart] = value;
    }

    /** Overwrites an element; used for links that are only known when a later event arrives. */
    void set(int i, int value) {
        int[] chunk = chunks[i >>> shift];
        if (chunk != null) {
            chunk[i & mask] = value;
        } else {
            mapped[i >>> shift].setAtIndex(INT, i & mask, value);
        }
    }

    int get(int i) {
        int[] chunk = chunks[i >>> shift];
        return chunk != null ? chunk[i & mask] : mapped[i >>> shift].getAtIndex(INT, i & mask);
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
        if (chunk == null) {
            MemorySegment[] m = mapped;
            return c < m.length && m[c] != null ? m[c].getAtIndex(INT, off) : absent;
        }
        return off >= chunk.length ? absent : chunk[off];
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
        int[] grown = chunk == null ? new int[c == 0 ? Math.min(4, full) : full] : Arrays.copyOf(chunk, Math.min(full, chunk.length * 2));
        if (spill != null) {
            spill.onHeap((long) Integer.BYTES * (grown.length - (chunk == null ? 0 : chunk.length)));
            if (chunk == null && c > 0) {
                dir = spillChunk(dir, c - 1);
            }
        }
        dir[c] = grown;
        chunks = dir; // volatile store publishes the new chunk reference
        tail = grown;
        tailStart = c << shift;
        return grown;
    }

    /** Moves full chunk {@code c} to mapped memory, if the spill takes it; returns the directory to publish. */
    private int[][] spillChunk(int[][] dir, int c) {
        int[] full = dir[c];
        MemorySegment segment = full == null || full.length != mask + 1 ? null : spill.store(full);
        if (segment == null) {
            return dir;
        }
        mapped = ChunkSpill.with(mapped, c, segment); // volatile: published before the heap directory without the array
        int[][] copy = dir == chunks ? dir.clone() : dir; // never clear a slot of a published directory
        copy[c] = null;
        return copy;
    }
}
