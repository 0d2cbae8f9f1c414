package dev.lockscope.analysis;

import java.util.Arrays;

/**
 * The lock requests still waiting and the holds not yet released, per goroutine, without allocating per event.
 *
 * <p>Each entry is a slot in parallel arrays; a goroutine's entries form a singly linked list, most recent
 * first, so the first hold of {@code (g, lock)} found is the most recent one and recursive read holds are
 * released last-in, first-out. Lists are short (a goroutine holds a few locks at most), so lookups scan them.
 * A goroutine with no open entry has no state here at all, and freed slots are reused.
 */
final class OpenLockTable {

    /** Receives an open entry: a wait not yet granted, or a hold not yet released, and its operation. */
    @FunctionalInterface
    interface Visitor {
        void open(boolean waiting, int op);
    }

    static final int NONE = -1;

    private static final byte FREE = 0;
    private static final byte WAITING = 1;
    private static final byte HOLDING = 2;
    private static final int INITIAL_CAPACITY = 64;

    private final IntIntMap heads = new IntIntMap(); // goroutine -> its most recent slot
    private byte[] state = new byte[INITIAL_CAPACITY];
    private int[] lock = new int[INITIAL_CAPACITY];
    private int[] op = new int[INITIAL_CAPACITY];
    private long[] time = new long[INITIAL_CAPACITY];
    private int[] next = new int[INITIAL_CAPACITY]; // next in a goroutine's list, or in the free list
    private int freeHead = NONE;
    private int highWater; // slots at or above this index were never used

    /** Opens a wait of {@code g} for {@code lock}, requested at {@code start} by operation {@code op}. */
    void openWait(int g, int lockId, long start, int opIndex) {
        push(g, WAITING, lockId, start, opIndex);
    }

    /** Opens a hold of {@code lock} by {@code g}, acquired at {@code start} by operation {@code op}. */
    void openHold(int g, int lockId, long start, int opIndex) {
        push(g, HOLDING, lockId, start, opIndex);
    }

    /** The most recent wait of {@code g} for {@code lock}, or {@link #NONE}. */
    int findWait(int g, int lockId) {
        return find(g, WAITING, lockId);
    }

    /** The most recent hold of {@code lock} by {@code g}, or {@link #NONE}. */
    int findHold(int g, int lockId) {
        return find(g, HOLDING, lockId);
    }

    /** When the entry in {@code slot} started: the request or the acquisition. */
    long start(int slot) {
        return time[slot];
    }

    /** The operation of the entry in {@code slot}. */
    int op(int slot) {
        return op[slot];
    }

    /**
     * Turns a granted wait into a hold in place. It keeps its place in the list, which is still the right
     * one: a goroutine does nothing else between a request and its acquisition.
     */
    void grant(int slot, long acquired, int opIndex) {
        state[slot] = HOLDING;
        time[slot] = acquired;
        op[slot] = opIndex;
    }

    /** Removes the entry in {@code slot}, which belongs to {@code g}. */
    void close(int g, int slot) {
        int head = heads.get(g);
        if (head == slot) {
            if (next[slot] == NONE) {
                heads.remove(g);
            } else {
                heads.put(g, next[slot]);
            }
        } else {
            int prev = head;
            while (next[prev] != slot) {
                prev = next[prev];
            }
            next[prev] = next[slot];
        }
        free(slot);
    }

    /** Removes every entry of {@code g}, showing each to {@code visitor} first. */
    void closeAll(int g, Visitor visitor) {
        int slot = heads.remove(g);
        while (slot != NONE) {
            int following = next[slot];
            visitor.open(state[slot] == WAITING, op[slot]);
            free(slot);
            slot = following;
        }
    }

    /** Shows every open entry to {@code visitor}. */
    void forEachOpen(Visitor visitor) {
        for (int slot = 0; slot < highWater; slot++) {
            if (state[slot] != FREE) {
                visitor.open(state[slot] == WAITING, op[slot]);
            }
        }
    }

    private int find(int g, byte wanted, int lockId) {
        for (int slot = heads.get(g); slot != NONE; slot = next[slot]) {
            if (state[slot] == wanted && lock[slot] == lockId) {
                return slot;
            }
        }
        return NONE;
    }

    private void push(int g, byte kind, int lockId, long start, int opIndex) {
        int slot = allocate();
        state[slot] = kind;
        lock[slot] = lockId;
        time[slot] = start;
        op[slot] = opIndex;
        int head = heads.get(g);
        next[slot] = head == IntIntMap.ABSENT ? NONE : head;
        heads.put(g, slot);
    }

    private int allocate() {
        if (freeHead != NONE) {
            int slot = freeHead;
            freeHead = next[slot];
            return slot;
        }
        if (highWater == state.length) {
            int capacity = state.length * 2;
            state = Arrays.copyOf(state, capacity);
            lock = Arrays.copyOf(lock, capacity);
            op = Arrays.copyOf(op, capacity);
            time = Arrays.copyOf(time, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        return highWater++;
    }

    private void free(int slot) {
        state[slot] = FREE;
        next[slot] = freeHead;
        freeHead = slot;
    }
}
