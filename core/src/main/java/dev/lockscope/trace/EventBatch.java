package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.Arrays;

/**
 * A run of {@link EventTarget} calls recorded in columns, to be replayed into another target later, on another
 * thread: the unit a parsing thread hands to a storing one ({@link PipelinedLoad}). Event {@code i} uses slots
 * {@code i} of {@code ops} and {@code times}, {@code 2i..2i+1} of {@code longs} and
 * {@code refs}, {@code 3i..3i+2} of {@code ints}; blocker ids go to a pool. Everything recorded is immutable (strings, sites, events), so a
 * batch handed over through a concurrent queue is safe to read there. Reused: {@link #clear} between runs.
 */
final class EventBatch implements EventTarget {
    static final int CAPACITY = 1 << 10;

    private static final byte SPAWN = 0, EXIT = 1, REQUEST = 2, ACQUIRE = 3, RELEASE = 4, BLOCKED = 5, PARK = 6,
            SLEEP = 7, SEND = 8, DELIVER = 9, OTHER = 10;

    private final byte[] ops = new byte[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private final long[] longs = new long[2 * CAPACITY];
    private final int[] ints = new int[3 * CAPACITY];
    private final Object[] refs = new Object[2 * CAPACITY];
    private int[] scratch = new int[16]; // the replayed blockers of one event
    private int[] blockers = new int[64];
    private int blockerCount;
    private int size;

    boolean isFull() {
        return size == CAPACITY;
    }

    int size() {
        return size;
    }

    /** Empties the batch, dropping its references so that a batch kept for reuse holds nothing alive. */
    void clear() {
        Arrays.fill(refs, 0, 2 * size, null);
        size = 0;
        blockerCount = 0;
    }

    /** Makes every recorded call again, in order, on {@code target}. */
    void replay(EventTarget target) {
        for (int i = 0; i < size; i++) {
            long t = times[i];
            int g = ints[3 * i];
            int x = ints[3 * i + 1];
            Object r0 = refs[2 * i];
            Object r1 = refs[2 * i + 1];
            switch (ops[i]) {
                case SPAWN -> target.spawn(t, g, (String) r0, (String) r1, x);
                case EXIT -> target.exit(t, g);
                case REQUEST -> target.request(t, g, x, (Mode) r0, (Site) r1);
                case ACQUIRE -> target.acquire(t, g, x, (Mode) r0, (Site) r1);
                case RELEASE -> target.release(t, g, x, (Mode) r0, (Site) r1);
                case BLOCKED -> target.blocked(t, g, x, blockers(ints[3 * i + 2], (int) longs[2 * i]),
                        (int) longs[2 * i]);
                case PARK -> target.park(t, g, (Site) r1);
                case SLEEP -> target.sleep(t, g, longs[2 * i], (Site) r1);
                case SEND -> target.send(t, g, (String) r0, longs[2 * i], longs[2 * i + 1], (Site) r1);
                case DELIVER -> target.deliver(t, g, (String) r0, longs[2 * i], longs[2 * i + 1]);
                default -> target.other((TraceEvent) r0);
            }
        }
    }

    @Override
    public void spawn(long t, int g, String name, String kind, int parent) {
        record(SPAWN, t, g, parent, 0, 0, name, kind);
    }

    @Override
    public void exit(long t, int g) {
        record(EXIT, t, g, 0, 0, 0, null, null);
    }

    @Override
    public void request(long t, int g, int lock, Mode mode, Site site) {
        record(REQUEST, t, g, lock, 0, 0, mode, site);
    }

    @Override
    public void acquire(long t, int g, int lock, Mode mode, Site site) {
        record(ACQUIRE, t, g, lock, 0, 0, mode, site);
    }

    @Override
    public void release(long t, int g, int lock, Mode mode, Site site) {
        record(RELEASE, t, g, lock, 0, 0, mode, site);
    }

    @Override
    public void blocked(long t, int g, int lock, int[] by, int count) {
        if (blockerCount + count > blockers.length) {
            blockers = Arrays.copyOf(blockers, Math.max(2 * blockers.length, blockerCount + count));
        }
        System.arraycopy(by, 0, blockers, blockerCount, count);
        record(BLOCKED, t, g, lock, count, 0, null, null);
        ints[3 * (size - 1) + 2] = blockerCount;
        blockerCount += count;
    }

    @Override
    public void park(long t, int g, Site site) {
        record(PARK, t, g, 0, 0, 0, null, site);
    }

    @Override
    public void sleep(long t, int g, long durationNs, Site site) {
        record(SLEEP, t, g, 0, durationNs, 0, null, site);
    }

    @Override
    public void send(long t, int g, String member, long msg, long durationNs, Site site) {
        record(SEND, t, g, 0, msg, durationNs, member, site);
    }

    @Override
    public void deliver(long t, int g, String member, long msg, long latencyNs) {
        record(DELIVER, t, g, 0, msg, latencyNs, member, null);
    }

    @Override
    public void other(TraceEvent event) {
        record(OTHER, event.time(), 0, 0, 0, 0, event, null);
    }

    private void record(byte op, long t, int g, int x, long l0, long l1, Object r0, Object r1) {
        int i = size++;
        ops[i] = op;
        times[i] = t;
        ints[3 * i] = g;
        ints[3 * i + 1] = x;
        longs[2 * i] = l0;
        longs[2 * i + 1] = l1;
        refs[2 * i] = r0;
        refs[2 * i + 1] = r1;
    }

    private int[] blockers(int from, int count) {
        if (scratch.length < count) {
            scratch = new int[count];
        }
        System.arraycopy(blockers, from, scratch, 0, count);
        return scratch;
    }
}
