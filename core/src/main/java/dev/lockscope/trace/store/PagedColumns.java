package dev.lockscope.trace.store;

import java.nio.file.Path;

/**
 * The store's paged columns for code outside it that keeps data of its own per goroutine or per event beside a
 * store (the lab's timeline catalog: a lane slot per goroutine). Each instance has a spill of its own, with its own
 * heap budget and accounting: once the heap chunks of the columns it made pass the budget, every later full chunk
 * is copied to a memory-mapped temporary file, as the store's are (docs/trace-store.md, "Paging"), so their heap
 * stops growing with the goroutines or events.
 *
 * <p><b>Columns.</b> {@link Ints}, {@link Longs} and {@link Bytes} are append-only sequences in chunks of
 * 2<sup>chunkShift</sup> elements (a first chunk that doubles from a few slots, so that many small columns stay
 * small), with {@code set} for values known later. Only chunks of at least a page are paged: 1,024 ints, 512 longs,
 * 4,096 bytes. {@link IntsById} holds an {@code int} per id for ids from a trace (any int from 0 to
 * 2<sup>31</sup> - 1, dense or sparse), in leaves of 1,024 ids, mapped too once past the budget; a slot never set
 * reads 0.
 *
 * <p><b>Threads.</b> One writer thread per instance. Other threads may read concurrently, but only indexes and ids
 * whose values were written before something that orders them after the writes (a job handed to an executor after
 * them, a volatile count): then they read those values, or, for a value set again later, the old or the new one.
 */
public final class PagedColumns {
    private final ChunkSpill spill;

    /**
     * @param folder          where full chunks are paged to (files unlinked at once); {@code null}: keep all on the heap
     * @param heapBudgetBytes heap filled with chunks before paging starts (0: page every full chunk at once)
     */
    public PagedColumns(Path folder, long heapBudgetBytes) {
        if (heapBudgetBytes < 0) {
            throw new IllegalArgumentException("heapBudgetBytes must be >= 0: " + heapBudgetBytes);
        }
        this.spill = new ChunkSpill(folder, heapBudgetBytes);
    }

    /** Columns paged to the system's temporary folder, as a store's are, once past {@code heapBudgetBytes}. */
    public static PagedColumns inTempFolder(long heapBudgetBytes) {
        return new PagedColumns(Path.of(System.getProperty("java.io.tmpdir")), heapBudgetBytes);
    }

    /** A new column of {@code int}s in chunks of 2<sup>chunkShift</sup>. */
    public Ints ints(int chunkShift) {
        return new Ints(new IntVector(checkShift(chunkShift), spill));
    }

    /** A new column of {@code long}s in chunks of 2<sup>chunkShift</sup>. */
    public Longs longs(int chunkShift) {
        return new Longs(new LongVector(checkShift(chunkShift), spill));
    }

    /** A new column of {@code byte}s in chunks of 2<sup>chunkShift</sup>. */
    public Bytes bytes(int chunkShift) {
        return new Bytes(new ByteVector(checkShift(chunkShift), spill));
    }

    /** A new table of an {@code int} per id. */
    public IntsById intsById() {
        return new IntsById(new IdTable.Ints(spill));
    }

    /** Where the columns made here keep their chunks, as {@link TraceStore#memory()} reports a store's. */
    public TraceStore.Memory memory() {
        return new TraceStore.Memory(spill.heapBytes(), spill.mappedBytes(), spill.chunks(), spill.failure());
    }

    private static int checkShift(int chunkShift) {
        if (chunkShift < 2 || chunkShift > 20) {
            throw new IllegalArgumentException("chunkShift must be in 2..20: " + chunkShift);
        }
        return chunkShift;
    }

    /** An append-only column of {@code int}s; see the class comment. */
    public static final class Ints {
        private final IntVector v;

        private Ints(IntVector v) {
            this.v = v;
        }

        public int size() {
            return v.size();
        }

        public void add(int value) {
            v.add(value);
        }

        /** Overwrites element {@code i} (below {@link #size()}). */
        public void set(int i, int value) {
            v.set(i, value);
        }

        public int get(int i) {
            return v.get(i);
        }
    }

    /** An append-only column of {@code long}s; see the class comment. */
    public static final class Longs {
        private final LongVector v;

        private Longs(LongVector v) {
            this.v = v;
        }

        public int size() {
            return v.size();
        }

        public void add(long value) {
            v.add(value);
        }

        /** Overwrites element {@code i} (below {@link #size()}). */
        public void set(int i, long value) {
            v.set(i, value);
        }

        public long get(int i) {
            return v.get(i);
        }
    }

    /** An append-only column of {@code byte}s; see the class comment. */
    public static final class Bytes {
        private final ByteVector v;

        private Bytes(ByteVector v) {
            this.v = v;
        }

        public int size() {
            return v.size();
        }

        public void add(byte value) {
            v.add(value);
        }

        /** Overwrites element {@code i} (below {@link #size()}). */
        public void set(int i, byte value) {
            v.set(i, value);
        }

        public byte get(int i) {
            return v.get(i);
        }
    }

    /** An {@code int} per id (0 where never set); see the class comment. */
    public static final class IntsById {
        private final IdTable.Ints t;

        private IntsById(IdTable.Ints t) {
            this.t = t;
        }

        /** The value of {@code id}, 0 if never set (or {@code id} is negative). */
        public int get(int id) {
            return t.get(id);
        }

        /** @throws IllegalArgumentException if {@code id} is negative */
        public void set(int id, int value) {
            t.set(id, value);
        }
    }
}
