package dev.lockscope.trace.store;

/**
 * An {@code int} column that only some rows have: values are stored densely, one per row that has a slot, and a
 * row finds its slot by rank (the number of rows with a slot before it).
 *
 * <p>Storage: one presence bit per row in 32-bit words, the number of slots before each word, and the values:
 * 0.25 bytes per row plus 4 per slot, instead of 4 per row. Rank is a word read and a bit count.
 *
 * <p><b>Threads.</b> One writer appends rows in order ({@link #add}) and may overwrite a slot ({@link #set});
 * readers read rows below a count published to them through a volatile write. Setting a row's presence bit
 * rewrites its word, but the bits of earlier rows in that word never change, so a reader of an earlier row
 * counts the same rank from the old or the new word. Words are {@code int}s, whose writes cannot tear.
 */
final class SparseColumn {
    private static final int WORD_SHIFT = 5;

    private final IntVector bits;
    private final IntVector slotsBefore;
    private final IntVector values;
    private int rows;
    /** Writer only: the presence bits of the last word, as written to {@code bits}, so that adding one needs no read. */
    private int lastBits;

    /** @param chunkShift log2 of the chunk size of the value vector; {@code spill}: where full chunks go, or null */
    SparseColumn(int chunkShift, ChunkSpill spill) {
        this.bits = new IntVector(chunkShift - WORD_SHIFT, spill);
        this.slotsBefore = new IntVector(chunkShift - WORD_SHIFT, spill);
        this.values = new IntVector(chunkShift, spill);
    }

    /** Appends a row, with a slot holding {@code value} if {@code hasSlot}; writer only. */
    void add(boolean hasSlot, int value) {
        int row = rows;
        if ((row & 31) == 0) {
            slotsBefore.add(values.size());
            bits.add(0);
            lastBits = 0;
        }
        if (hasSlot) {
            values.add(value);
            lastBits |= 1 << (row & 31);
            bits.setLast(lastBits); // the word of this row is the last one
        }
        rows = row + 1;
    }

    boolean has(int row) {
        return (bits.get(row >>> WORD_SHIFT) & 1 << (row & 31)) != 0;
    }

    /** The value of a row that has a slot. */
    int get(int row) {
        return values.get(slot(row));
    }

    /** Overwrites the value of a row that has a slot; writer only. */
    void set(int row, int value) {
        values.set(slot(row), value);
    }

    private int slot(int row) {
        int word = row >>> WORD_SHIFT;
        int below = bits.get(word) & ((1 << (row & 31)) - 1);
        return slotsBefore.get(word) + Integer.bitCount(below);
    }
}
