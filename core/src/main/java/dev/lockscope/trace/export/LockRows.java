package dev.lockscope.trace.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads of one lock in the export's Locks process: lane 0 is named after the lock and carries its waiter
 * counter; further lanes (named {@code lock #2}, {@code #3}, ...) appear only when holds overlap, because
 * concurrent readers cannot share one thread's properly nested slices. A hold takes the lowest free lane, so
 * a lock that is never shared shows all its holds on lane 0.
 */
final class LockRows {
    final int lock;
    final String name;
    private final List<Long> laneTids = new ArrayList<>();
    private final List<Boolean> busy = new ArrayList<>();
    /** Requests not yet granted, and the value last written to the counter (-1: none yet). */
    int waiters;
    int writtenWaiters = -1;

    private LockRows(int lock, String name) {
        this.lock = lock;
        this.name = name;
    }

    /** A lock's rows with lane 0 created (and named) at once, so the lock shows even if it is never held. */
    static LockRows create(int lock, String name, ChromeTraceWriter out, TidAllocator tids, long ns) {
        LockRows rows = new LockRows(lock, name);
        rows.addLane(out, tids, ns);
        return rows;
    }

    /** The thread of lane 0. */
    long mainTid() {
        return laneTids.getFirst();
    }

    /** Takes the lowest free lane, creating a new one if all are busy; returns its thread id. */
    long takeLane(ChromeTraceWriter out, TidAllocator tids, long ns) {
        int lane = busy.indexOf(false);
        if (lane < 0) {
            lane = addLane(out, tids, ns);
        }
        busy.set(lane, true);
        return laneTids.get(lane);
    }

    void freeLane(long tid) {
        busy.set(laneTids.indexOf(tid), false);
    }

    private int addLane(ChromeTraceWriter out, TidAllocator tids, long ns) {
        int lane = laneTids.size();
        long tid = tids.next();
        laneTids.add(tid);
        busy.add(false);
        out.metadata("thread_name", PerfettoExporter.LOCKS_PID, tid, ns, "name", lane == 0 ? name : name + " #" + (lane + 1));
        out.metadata("thread_sort_index", PerfettoExporter.LOCKS_PID, tid, ns, "sort_index", lock * 1000L + lane + 1);
        return lane;
    }

    /**
     * Hands out thread ids for lock lanes, above every goroutine id (Perfetto keys threads by tid alone, and reads
     * it as an unsigned 32-bit number; goroutine ids go up to 2^31 - 1).
     */
    static final class TidAllocator {
        private long next;

        TidAllocator(long first) {
            this.next = first;
        }

        long next() {
            return next++;
        }
    }
}
