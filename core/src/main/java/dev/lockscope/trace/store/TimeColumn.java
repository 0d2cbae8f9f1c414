package dev.lockscope.trace.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The time of every row, a little over four bytes a row in the common case.
 *
 * <p>Rows live in chunks of 2<sup>16</sup>, and a chunk in blocks of {@value #BLOCK} rows. A block stores its first
 * time in full and every row as an unsigned 32-bit offset from it, which covers 4.29 s of virtual time per
 * {@value #BLOCK} rows: busy traces and sparse ones (a room that broadcasts twice a second) both fit. A block whose
 * span does not fit keeps its times as full {@code long}s in a side array of the chunk; the offsets of its earlier
 * rows stay valid for readers that have not seen the side array yet, since rows are only ever appended. Times must
 * not decrease (checked by the store).
 *
 * <p><b>Paging.</b> With a {@link ChunkSpill}, a full chunk's bases and offsets are copied to mapped memory when
 * the next chunk starts, and the chunk is replaced, in a new directory published with a volatile write, by one
 * that reads them there (its wide blocks, rare, stay on the heap; none at all if it had none). A full chunk is
 * never written again, so a reader of either form reads the same times.
 */
final class TimeColumn {
    private static final int SHIFT = 16;
    private static final int MASK = (1 << SHIFT) - 1;
    private static final int BLOCK_SHIFT = 6;
    private static final int BLOCK = 1 << BLOCK_SHIFT;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    /**
     * One chunk: per-block bases, per-row offsets, and the blocks that did not fit, as longs. On the heap while it
     * is filled ({@code bases}, {@code offsets}); once full and spilled, in mapped memory ({@code mappedBases},
     * {@code mappedOffsets}), with {@code wide} kept only if some block has one.
     */
    private static final class Chunk {
        final long[] bases;
        final int[] offsets;
        final long[][] wide;
        final MemorySegment mappedBases;
        final MemorySegment mappedOffsets;

        Chunk() {
            bases = new long[(MASK + 1) >> BLOCK_SHIFT];
            offsets = new int[MASK + 1];
            wide = new long[(MASK + 1) >> BLOCK_SHIFT][];
            mappedBases = null;
            mappedOffsets = null;
        }

        /** The spilled form of {@code full}. */
        Chunk(Chunk full, MemorySegment mappedBases, MemorySegment mappedOffsets) {
            bases = null;
            offsets = null;
            wide = Arrays.stream(full.wide).anyMatch(w -> w != null) ? full.wide : null;
            this.mappedBases = mappedBases;
            this.mappedOffsets = mappedOffsets;
        }

        long get(int off) {
            int block = off >>> BLOCK_SHIFT;
            long[] w = wide == null ? null : wide[block];
            if (w != null) {
                return w[off & (BLOCK - 1)];
            }
            return offsets != null
                    ? bases[block] + Integer.toUnsignedLong(offsets[off])
                    : mappedBases.getAtIndex(ValueLayout.JAVA_LONG, block)
                            + Integer.toUnsignedLong(mappedOffsets.getAtIndex(ValueLayout.JAVA_INT, off));
        }
    }

    private static final long CHUNK_BYTES = (long) (MASK + 1) * Integer.BYTES + ((MASK + 1) >> BLOCK_SHIFT) * Long.BYTES;

    private final ChunkSpill spill;
    private volatile Chunk[] chunks = new Chunk[16];
    private int size;

    TimeColumn() {
        this(null);
    }

    /** @param spill where full chunks go, or {@code null}: the heap */
    TimeColumn(ChunkSpill spill) {
        this.spill = spill;
    }

    void add(long time) {
        int i = size;
        int c = i >>> SHIFT;
        int off = i & MASK;
        Chunk[] dir = chunks;
        if (off == 0) {
            dir = c >= dir.length ? Arrays.copyOf(dir, dir.length * 2) : dir.clone(); // never change a published one
            if (spill != null) {
                spill.onHeap(CHUNK_BYTES);
                if (c > 0) {
                    spill(dir, c - 1);
                }
            }
            dir[c] = new Chunk();
            chunks = dir; // volatile store publishes the new chunk
        }
        Chunk chunk = dir[c];
        int block = off >>> BLOCK_SHIFT;
        int inBlock = off & (BLOCK - 1);
        if (inBlock == 0) {
            chunk.bases[block] = time;
        }
        long[] w = chunk.wide[block];
        if (w != null) {
            w[inBlock] = time;
        } else if (time - chunk.bases[block] <= MAX_OFFSET) {
            chunk.offsets[off] = (int) (time - chunk.bases[block]);
        } else {
            long[] times = new long[BLOCK];
            for (int k = 0; k < inBlock; k++) {
                times[k] = chunk.get(off - inBlock + k);
            }
            times[inBlock] = time;
            chunk.wide[block] = times; // published with the row, by the store's volatile row count
        }
        size = i + 1;
    }

    /** Replaces full chunk {@code c} of the unpublished directory by its spilled form, if the spill takes it. */
    private void spill(Chunk[] dir, int c) {
        Chunk full = dir[c];
        MemorySegment offsets = spill.store(full.offsets);
        MemorySegment bases = offsets == null ? null : spill.store(full.bases);
        if (bases != null) {
            dir[c] = new Chunk(full, bases, offsets);
        } else if (offsets != null) {
            spill.onHeap((long) full.offsets.length * Integer.BYTES); // the chunk stays on the heap after all
        }
    }

    long get(int row) {
        return chunks[row >>> SHIFT].get(row & MASK);
    }

    int size() {
        return size;
    }
}
