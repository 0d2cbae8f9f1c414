package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * The time of every row, four bytes a row in the common case.
 *
 * <p>Rows live in chunks of 2<sup>16</sup>. A chunk stores its first time in full and every row as an unsigned
 * 32-bit offset from it, which covers 4.29 s of virtual time per 65 536 rows. A chunk whose span does not fit
 * is widened once to full {@code long}s; the narrow copy stays valid for readers that still hold it, since
 * the writer never writes into it again. Times must not decrease (checked by the store).
 */
final class TimeColumn {
    private static final int SHIFT = 16;
    private static final int MASK = (1 << SHIFT) - 1;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    private sealed interface Chunk permits Narrow, Wide {
        long get(int off);
    }

    private record Narrow(long base, int[] offsets) implements Chunk {
        public long get(int off) {
            return base + Integer.toUnsignedLong(offsets[off]);
        }
    }

    private record Wide(long[] times) implements Chunk {
        public long get(int off) {
            return times[off];
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
            dir[c] = new Narrow(time, new int[MASK + 1]);
            chunks = dir; // volatile store publishes the new chunk
        }
        switch (dir[c]) {
            case Narrow n when time - n.base() <= MAX_OFFSET -> n.offsets()[off] = (int) (time - n.base());
            case Narrow n -> {
                long[] wide = new long[MASK + 1];
                for (int k = 0; k < off; k++) {
                    wide[k] = n.get(k);
                }
                wide[off] = time;
                dir[c] = new Wide(wide);
                chunks = dir;
            }
            case Wide w -> w.times()[off] = time;
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
