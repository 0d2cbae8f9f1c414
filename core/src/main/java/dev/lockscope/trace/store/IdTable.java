package dev.lockscope.trace.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntFunction;

/**
 * Slots by id for ids from a file (goroutine and lock ids: any int from 0 to 2^31 - 1, dense in a simulation,
 * sparse or huge in another producer's trace), as a three-level radix table: 11, 10 and 10 bits of the id. A
 * level is created when an id first needs it, so memory follows the ids used (a leaf of 1,024 slots per 1,024
 * consecutive ids touched), and no array is ever sized by an id: {@code 2147483647} costs three small arrays.
 *
 * <p>Subclasses keep their values in leaves of one array type ({@code L}). <b>Threads</b>: one writer; a level
 * created by the writer is published with a release write and found by readers with an acquire read, so a
 * reader that finds a leaf sees it whole. Publishing the values in a leaf is the caller's concern (as in
 * {@link ObjectVector}: a release write of the slot, or the store's volatile row count).
 *
 * @param <L> the leaf's array type
 */
abstract class IdTable<L> {
    static final int LEAF_BITS = 10;
    static final int LEAF_MASK = (1 << LEAF_BITS) - 1;
    private static final int MID_BITS = 10;
    private static final int MID_MASK = (1 << MID_BITS) - 1;
    private static final int TOP_SIZE = 1 << (31 - LEAF_BITS - MID_BITS);
    private static final VarHandle LEVEL = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] top = new Object[TOP_SIZE];
    private final IntFunction<L> newLeaf;
    /**
     * Writer only: the leaf dropped last and the number ({@code id >>> LEAF_BITS}) of the ids it held, or -1. A
     * room's goroutines empty a leaf as they exit and the next ones fill it again: the leaf comes back for the
     * same ids, warm, instead of a new one. Only for the same ids, so that a reader still holding it reads the
     * same slots as in the leaf it finds later.
     */
    private L dropped;
    private int droppedNumber = -1;

    IdTable(IntFunction<L> newLeaf) {
        this.newLeaf = newLeaf;
    }

    /** The leaf that holds {@code id}'s slot (at {@code id & LEAF_MASK}), or {@code null} if none exists yet. */
    @SuppressWarnings("unchecked")
    final L leaf(int id) {
        if (id < 0) {
            return null;
        }
        Object[] mid = (Object[]) LEVEL.getAcquire(top, id >>> (LEAF_BITS + MID_BITS));
        return mid == null ? null : (L) LEVEL.getAcquire(mid, (id >>> LEAF_BITS) & MID_MASK);
    }

    /** The leaf that holds {@code id}'s slot, created (with its levels) if need be. Writer only. */
    @SuppressWarnings("unchecked")
    final L leafForWrite(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + id);
        }
        int t = id >>> (LEAF_BITS + MID_BITS);
        Object[] mid = (Object[]) top[t];
        if (mid == null) {
            mid = new Object[MID_MASK + 1];
            LEVEL.setRelease(top, t, mid);
        }
        int m = (id >>> LEAF_BITS) & MID_MASK;
        L leaf = (L) mid[m];
        if (leaf == null) {
            if (droppedNumber == id >>> LEAF_BITS) {
                leaf = dropped; // every slot empty, as when it was dropped
                dropped = null;
                droppedNumber = -1;
            } else {
                leaf = newLeaf.apply(LEAF_MASK + 1);
            }
            LEVEL.setRelease(mid, m, leaf);
        }
        return leaf;
    }

    /**
     * Drops the leaf of {@code id}, which holds nothing but empty slots: readers that find no leaf read every slot
     * as empty, as they would read this one's. Writer only.
     */
    @SuppressWarnings("unchecked")
    final void dropLeaf(int id) {
        Object[] mid = (Object[]) top[id >>> (LEAF_BITS + MID_BITS)];
        dropped = (L) mid[(id >>> LEAF_BITS) & MID_MASK];
        droppedNumber = id >>> LEAF_BITS;
        LEVEL.setRelease(mid, (id >>> LEAF_BITS) & MID_MASK, null);
    }

    /**
     * References by id, set with release writes and read with acquire reads, as in {@link ObjectVector}. A leaf whose
     * slots all went back to {@code null} is dropped: a room's goroutine tracks are cleared as the goroutines exit
     * (their compact form lives elsewhere), and 4 KiB per 1,024 goroutines would otherwise grow with the trace.
     */
    static final class Refs<T> extends IdTable<Object[]> {
        private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);
        /**
         * Writer only: the non-null slots of each leaf, laid out as the levels are ({@code [top][mid]}), so that
         * counting costs two array reads and no lookup: spawns and exits change a count millions of times a run.
         */
        private final int[][] counts = new int[TOP_SIZE][];

        Refs() {
            super(Object[]::new);
        }

        /** The reference at {@code id}, or {@code null} if it is absent or this thread cannot see it yet. */
        @SuppressWarnings("unchecked")
        T get(int id) {
            Object[] leaf = leaf(id);
            return leaf == null ? null : (T) ELEMENT.getAcquire(leaf, id & LEAF_MASK);
        }

        /** Sets the reference with a release write: a reader that sees it sees what was written before. */
        void set(int id, T value) {
            Object[] leaf = value == null ? leaf(id) : leafForWrite(id);
            if (leaf == null) {
                return; // null where there is no leaf: every slot there is null already
            }
            int slot = id & LEAF_MASK;
            boolean wasUsed = leaf[slot] != null;
            ELEMENT.setRelease(leaf, slot, value);
            if (wasUsed != (value != null)) {
                int[] row = counts[id >>> (LEAF_BITS + MID_BITS)];
                if (row == null) {
                    row = new int[MID_MASK + 1];
                    counts[id >>> (LEAF_BITS + MID_BITS)] = row;
                }
                int m = (id >>> LEAF_BITS) & MID_MASK;
                row[m] += value != null ? 1 : -1;
                if (row[m] == 0) {
                    dropLeaf(id);
                }
            }
        }
    }

    /**
     * {@code int}s by id, 0 where never set; plain reads and writes. With a {@link ChunkSpill}, leaves are mapped
     * memory (zeroed by the spill), so that a table by goroutine id does not grow the heap.
     */
    static final class Ints extends IdTable<MemorySegment> {
        Ints() {
            this(null);
        }

        Ints(ChunkSpill spill) {
            super(n -> newLeaf(spill, (long) n * Integer.BYTES));
        }

        int get(int id) {
            MemorySegment leaf = leaf(id);
            return leaf == null ? 0 : leaf.getAtIndex(ValueLayout.JAVA_INT, id & LEAF_MASK);
        }

        void set(int id, int value) {
            leafForWrite(id).setAtIndex(ValueLayout.JAVA_INT, id & LEAF_MASK, value);
        }
    }

    /** {@code byte}s by id, 0 where never set; plain reads and writes; mapped leaves as in {@link Ints}. */
    static final class Bytes extends IdTable<MemorySegment> {
        Bytes() {
            this(null);
        }

        Bytes(ChunkSpill spill) {
            super(n -> newLeaf(spill, n));
        }

        byte get(int id) {
            MemorySegment leaf = leaf(id);
            return leaf == null ? 0 : leaf.get(ValueLayout.JAVA_BYTE, id & LEAF_MASK);
        }

        void set(int id, byte value) {
            leafForWrite(id).set(ValueLayout.JAVA_BYTE, id & LEAF_MASK, value);
        }
    }

    /** A zeroed leaf of {@code bytes}: mapped if the spill gives one, else on the heap (and counted there). */
    private static MemorySegment newLeaf(ChunkSpill spill, long bytes) {
        MemorySegment mapped = spill == null ? null : spill.allocate(bytes);
        if (mapped != null) {
            return mapped;
        }
        if (spill != null) {
            spill.onHeap(bytes);
        }
        return MemorySegment.ofArray(new long[(int) (bytes / Long.BYTES)]); // 8-aligned, for any layout
    }
}
