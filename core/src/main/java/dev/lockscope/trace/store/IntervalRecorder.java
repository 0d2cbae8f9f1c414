package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.WaitOp;
import dev.lockscope.util.IntMap;

/**
 * Records the intervals of rows as they are appended: feeds each row to the one {@link IntervalTracker}, with
 * the row as its tag, and stores what the tracker decides: the row that ends each interval (the ends column),
 * the links between rows (an {@code Acquire}'s request, a {@code Release}'s acquire, a {@code Wake}'s wait, a
 * wait's {@code Blocked} rows), and the tracks' indexes. A wait on primitives is on its goroutine's track and on
 * the track of each primitive it waits on; a buffered value only on its channel's. Writer thread only. One method per row type, called with the row's fields
 * after its columns are written.
 *
 * <p>A sleep's end is known when it starts ({@link IntervalIndex#openUntil}), so the tracker's report of it is
 * not needed here.
 */
final class IntervalRecorder implements IntervalTracker.Listener {
    private final EventTable table;
    private final TrackTable tracks;
    private final IntervalTracker tracker = new IntervalTracker(this);

    /**
     * The last {@code Blocked} row of each goroutine's current wait, for the goroutines that have one: detectors
     * report few waits, so this stays small while every goroutine's track rides on the tracker as its attachment.
     */
    private final IntMap<int[]> lastBlocked = new IntMap<>();

    IntervalRecorder(EventTable table, TrackTable tracks) {
        this.table = table;
        this.tracks = tracks;
    }

    long unmatched() {
        return tracker.unmatched();
    }

    void onSpawn(int row, long t, int g) {
        tracker.spawn(t, g, row);
    }

    void onExit(int row, long t, int g) {
        tracker.exit(t, g, row);
    }

    void onRequest(int row, long t, int g, int lock) {
        tracker.request(t, g, lock, row);
    }

    void onBlocked(int row, long t, int g, int lock) {
        int request = tracker.blocked(t, g, lock, row);
        if (request != NONE) {
            int[] last = lastBlocked.get(g);
            if (last == null) {
                table.c.set(request, row);
                lastBlocked.put(g, new int[] {row});
            } else {
                table.c.set(last[0], row);
                last[0] = row;
            }
        }
    }

    void onAcquire(int row, long t, int g, int lock, boolean read) {
        tracker.acquire(t, g, lock, read, row);
    }

    void onRelease(int row, long t, int g, int lock, boolean read) {
        tracker.release(t, g, lock, read, row);
    }

    void onPrimWait(int row, long t, int g, WaitOp op, int[] prims, int count) {
        tracker.primWait(t, g, IntervalKind.of(op), count == 0 ? NONE : prims[0], row);
    }

    void onWake(int row, long t, int g) {
        tracker.wake(t, g, row);
    }

    void onAct(int row, long t, int g, int prim, PrimOp op) {
        tracker.act(t, g, prim, op, row);
    }

    /** An event of a goroutine that opens and closes nothing (a panic). */
    void onEvent(int row, long t, int g) {
        tracker.event(t, g, row);
    }

    void onPark(int row, long t, int g) {
        tracker.park(t, g, row);
    }

    void onSleep(int row, long t, int g, long durationNs) {
        tracker.sleep(t, g, durationNs, row);
    }

    void onSend(int row, long t, int g, String member, int memberId, long msg) {
        tracker.sendStart(t, g, member, memberId, msg, row);
    }

    void onDeliver(int row, long t, int g, String member, long msg) {
        tracker.deliver(t, g, member, msg, row);
    }

    /** A row without a goroutine: the tracker's clock still moves. */
    void onOther(long t) {
        tracker.advanceTo(t);
    }

    // opened and closed run for every interval, called by the tracker: the common kinds are handled in them, the
    // rest in helpers, so that each stays small enough for the compiler to inline into the tracker's call.

    @Override
    public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int row) {
        switch (kind) {
            case RUNNING, PARKED -> track(g).open(row, start, kind);
            case SENDING -> {
                track(g).open(row, start, kind);
                tracks.obtain(Track.Kind.MEMBER, key).open(row, start, kind);
            }
            case SLEEPING -> track(g).openUntil(row, start, plannedEnd, kind);
            default -> openedOnLockOrPrims(kind, g, key, start, row);
        }
    }

    /** A wait or hold of a lock, a wait on primitives, a buffered value. */
    private void openedOnLockOrPrims(IntervalKind kind, int g, int key, long start, int row) {
        if (kind == IntervalKind.BUFFERED) { // not on a goroutine's track
            tracks.obtain(Track.Kind.PRIM, key).open(row, start, kind);
            return;
        }
        track(g).open(row, start, kind);
        switch (kind) {
            case WAITING -> tracks.obtain(Track.Kind.LOCK_WAITERS, key).open(row, start, kind);
            case HOLD_READ, HOLD_WRITE -> tracks.obtain(Track.Kind.LOCK_HOLDERS, key).open(row, start, kind);
            case CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> {
                int set = table.a.get(row);
                for (int i = 0, n = table.blockerSets.size(set); i < n; i++) {
                    tracks.obtain(Track.Kind.PRIM, table.blockerSets.get(set, i)).open(row, start, kind);
                }
            }
            default -> throw new IllegalStateException("not opened here: " + kind);
        }
    }

    @Override
    public void closed(IntervalKind kind, int g, int key, long start, long end, int startRow, int endRow) {
        switch (kind) {
            case SLEEPING -> { } // its end was known when it opened
            case RUNNING, PARKED -> {
                table.ends.set(startRow, endRow);
                track(g).close(end, kind);
            }
            case SENDING -> {
                table.ends.set(startRow, endRow);
                track(g).close(end, kind);
                tracks.obtain(Track.Kind.MEMBER, key).close(end, kind);
            }
            default -> closedOnLockOrPrims(kind, g, key, end, startRow, endRow);
        }
    }

    /** A wait or hold of a lock, a wait on primitives, a buffered value. */
    private void closedOnLockOrPrims(IntervalKind kind, int g, int key, long end, int startRow, int endRow) {
        table.ends.set(startRow, endRow);
        if (kind == IntervalKind.BUFFERED) {
            tracks.obtain(Track.Kind.PRIM, key).close(end, kind);
            return;
        }
        track(g).close(end, kind);
        switch (kind) {
            case WAITING -> {
                forgetBlocked(g);
                if (table.type(endRow) == EventType.ACQUIRE) {
                    table.c.set(endRow, startRow);
                }
                tracks.obtain(Track.Kind.LOCK_WAITERS, key).close(end, kind);
            }
            case HOLD_READ, HOLD_WRITE -> {
                table.c.set(endRow, startRow);
                tracks.obtain(Track.Kind.LOCK_HOLDERS, key).close(end, kind);
            }
            case CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> {
                forgetBlocked(g);
                if (table.type(endRow) == EventType.WAKE) {
                    table.c.set(endRow, startRow);
                }
                int set = table.a.get(startRow);
                for (int i = 0, n = table.blockerSets.size(set); i < n; i++) {
                    tracks.obtain(Track.Kind.PRIM, table.blockerSets.get(set, i)).close(end, kind);
                }
            }
            default -> throw new IllegalStateException("not closed here: " + kind);
        }
    }

    @Override
    public void exited(int g, long t, int row) {
        IntervalIndex track = (IntervalIndex) tracker.attachment(g);
        if (track != null) {
            tracks.retireGoroutine(g, track, t, row + 1);
            tracker.attach(g, null); // a hold it left open is closed on a track obtained again
        }
    }

    /** A wait ends: the goroutine's next wait chains its {@code Blocked} rows from its own request. */
    private void forgetBlocked(int g) {
        if (!lastBlocked.isEmpty()) {
            lastBlocked.remove(g);
        }
    }

    /** The goroutine's track, the same object until the goroutine exits; kept as its attachment on the tracker. */
    private IntervalIndex track(int g) {
        IntervalIndex track = (IntervalIndex) tracker.attachment(g);
        if (track == null) {
            track = tracks.obtain(Track.Kind.GOROUTINE, g);
            tracker.attach(g, track);
        }
        return track;
    }
}
