package dev.lockscope.trace.store;

import java.util.List;

/**
 * The blocker sets of {@code Blocked} rows (and the primitive lists of {@code PrimWait} rows), interned as runs of {@code int}s in one shared pool: a set costs
 * 8 bytes plus 4 per goroutine id (and about 8 in the writer's hash index), with no object per set. Ids are
 * dense, from 0 in first-seen order; equal sets (same ids in the same order) share one. A set of one
 * non-negative id, the usual case (a waiter blocked by one holder), is not stored at all: its id is the
 * complement of that goroutine id, a negative number.
 *
 * <p>Storage: {@code pool} holds, per set, its size and then its ids; {@code offsets} maps a set id to its size's
 * position in the pool. One writer; a reader reads only ids found in rows published to it, which were written
 * with everything they point to before the store's volatile row count.
 */
final class BlockerSets {
    private final IntVector pool;
    private final IntVector offsets;
    private int[] index = new int[64]; // writer only: open addressing by content hash, set id + 1 (0: empty)
    private int size;

    BlockerSets() {
        this(null);
    }

    /** @param spill where full chunks of the pool go, or {@code null}: the heap */
    BlockerSets(ChunkSpill spill) {
        pool = new IntVector(16, spill);
        offsets = new IntVector(12, spill);
    }

    /** The id of the set {@code ids[0, count)}; writer only. */
    int intern(int[] ids, int count) {
        if (count == 1 && ids[0] >= 0) {
            return ~ids[0];
        }
        int mask = index.length - 1;
        for (int i = hash(ids, count) & mask; ; i = (i + 1) & mask) {
            int id = index[i] - 1;
            if (id < 0) {
                id = add(ids, count);
                index[i] = id + 1;
                if (4 * size > 3 * index.length) { // linear probing stays short below 3/4 with this hash
                    rehash();
                }
                return id;
            }
            if (equal(id, ids, count)) {
                return id;
            }
        }
    }

    /** Set {@code id}, as a new list. */
    List<Integer> value(int id) {
        if (id < 0) {
            return List.of(~id);
        }
        int at = offsets.get(id);
        Integer[] ids = new Integer[pool.get(at)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = pool.get(at + 1 + i);
        }
        return List.of(ids);
    }

    /** The size of set {@code id}. */
    int size(int id) {
        return id < 0 ? 1 : pool.get(offsets.get(id));
    }

    /** Element {@code i} of set {@code id}. */
    int get(int id, int i) {
        return id < 0 ? ~id : pool.get(offsets.get(id) + 1 + i);
    }

    /** The number of sets stored in the pool (singletons are not). */
    int size() {
        return size;
    }

    private int add(int[] ids, int count) {
        offsets.add(pool.size());
        pool.add(count);
        for (int i = 0; i < count; i++) {
            pool.add(ids[i]);
        }
        return size++;
    }

    private boolean equal(int id, int[] ids, int count) {
        int at = offsets.get(id);
        if (pool.get(at) != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (pool.get(at + 1 + i) != ids[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int[] bigger = new int[index.length * 2];
        int mask = bigger.length - 1;
        int[] scratch = new int[16];
        for (int id = 0; id < size; id++) {
            int at = offsets.get(id);
            int count = pool.get(at);
            if (scratch.length < count) {
                scratch = new int[count];
            }
            for (int k = 0; k < count; k++) {
                scratch[k] = pool.get(at + 1 + k);
            }
            int i = hash(scratch, count) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = id + 1;
        }
        index = bigger;
    }

    private static int hash(int[] ids, int count) {
        int h = count;
        for (int i = 0; i < count; i++) {
            h = 31 * h + ids[i];
        }
        return h * 0x9E3779B9 ^ (h * 0x9E3779B9) >>> 16;
    }
}
