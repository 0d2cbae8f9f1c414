package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;

/**
 * Records the intervals of rows as they are appended: feeds each row to the one {@link IntervalTracker}, with
 * the row as its tag, and stores what the tracker decides: the row that ends each interval (the ends column),
 * the links between rows (an {@code Acquire}'s request, a {@code Release}'s acquire, a wait's {@code Blocked}
 * rows), and the tracks' indexes. Writer thread only. One method per row type, called with the row's fields
 * after its columns are written.
 *
 * <p>A sleep's end is known when it starts ({@link IntervalIndex#openUntil}), so the tracker's report of it is
 * not needed here.
 */
final class IntervalRecorder implements IntervalTracker.Listener {
    private final EventTable table;
    private final TrackTable tracks;
    private final IntervalTracker tracker = new IntervalTracker(this);

    /** What the store keeps of one goroutine besides what the tracker keeps: attached to the tracker's. */
    private static final class Goroutine {
        /** The goroutine's track; the same object until the goroutine exits. */
        IntervalIndex track;
        /** The last {@code Blocked} row of the goroutine's current wait, or NONE. */
        int lastBlocked = NONE;
    }

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
            Goroutine state = state(g);
            table.c.set(state.lastBlocked == NONE ? request : state.lastBlocked, row);
            state.lastBlocked = row;
        }
    }

    void onAcquire(int row, long t, int g, int lock, boolean read) {
        tracker.acquire(t, g, lock, read, row);
    }

    void onRelease(int row, long t, int g, int lock, boolean read) {
        tracker.release(t, g, lock, read, row);
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

    @Override
    public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int row) {
        IntervalIndex track = track(g);
        switch (kind) {
            case SLEEPING -> track.openUntil(row, start, plannedEnd, kind);
            case WAITING -> {
                state(g).lastBlocked = NONE;
                track.open(row, start, kind);
                tracks.obtain(Track.Kind.LOCK_WAITERS, key).open(row, start, kind);
            }
            case HOLD_READ, HOLD_WRITE -> {
                track.open(row, start, kind);
                tracks.obtain(Track.Kind.LOCK_HOLDERS, key).open(row, start, kind);
            }
            case SENDING -> {
                track.open(row, start, kind);
                tracks.obtain(Track.Kind.MEMBER, key).open(row, start, kind);
            }
            case RUNNING, PARKED -> track.open(row, start, kind);
        }
    }

    @Override
    public void closed(IntervalKind kind, int g, int key, long start, long end, int startRow, int endRow) {
        if (kind == IntervalKind.SLEEPING) {
            return;
        }
        table.ends.set(startRow, endRow);
        track(g).close(end, kind);
        switch (kind) {
            case WAITING -> {
                if (table.type(endRow) == EventType.ACQUIRE) {
                    table.c.set(endRow, startRow);
                }
                tracks.obtain(Track.Kind.LOCK_WAITERS, key).close(end, kind);
            }
            case HOLD_READ, HOLD_WRITE -> {
                table.c.set(endRow, startRow);
                tracks.obtain(Track.Kind.LOCK_HOLDERS, key).close(end, kind);
            }
            case SENDING -> tracks.obtain(Track.Kind.MEMBER, key).close(end, kind);
            default -> { }
        }
    }

    @Override
    public void exited(int g, long t, int row) {
        Goroutine state = (Goroutine) tracker.attachment(g);
        if (state != null && state.track != null) {
            tracks.retireGoroutine(g, state.track, t, row + 1);
            state.track = null; // a hold it left open is closed on a track obtained again
        }
    }

    private Goroutine state(int g) {
        Goroutine state = (Goroutine) tracker.attachment(g);
        if (state == null) {
            state = new Goroutine();
            tracker.attach(g, state);
        }
        return state;
    }

    private IntervalIndex track(int g) {
        Goroutine state = state(g);
        IntervalIndex track = state.track;
        if (track == null) {
            track = state.track = tracks.obtain(Track.Kind.GOROUTINE, g);
        }
        return track;
    }
}
