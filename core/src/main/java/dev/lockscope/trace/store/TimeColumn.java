package dev.lockscope.trace.store;

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
 */
final class TimeColumn {
    private static final int SHIFT = 16;
    private static final int MASK = (1 << SHIFT) - 1;
    private static final int BLOCK_SHIFT = 6;
    private static final int BLOCK = 1 << BLOCK_SHIFT;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    /** One chunk: per-block bases, per-row offsets, and the blocks that did not fit, as longs. */
    private static final class Chunk {
        final long[] bases = new long[(MASK + 1) >> BLOCK_SHIFT];
        final int[] offsets = new int[MASK + 1];
        final long[][] wide = new long[(MASK + 1) >> BLOCK_SHIFT][];

        long get(int off) {
            int block = off >>> BLOCK_SHIFT;
            long[] w = wide[block];
            return w != null ? w[off & (BLOCK - 1)] : bases[block] + Integer.toUnsignedLong(offsets[off]);
        }
    }

    private volatile Chunk[] chunks = new Chunk[16];
    private int size;

    void add(long time) {
        int i = size;
        int c = i >>> SHIFT;
        int off = i & MASK;
        Chunk[] dir = chunks;
        if (off == 0) {
            if (c >= dir.length) {
                dir = Arrays.copyOf(dir, dir.length * 2);
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

    long get(int row) {
        return chunks[row >>> SHIFT].get(row & MASK);
    }

    int size() {
        return size;
    }
}
