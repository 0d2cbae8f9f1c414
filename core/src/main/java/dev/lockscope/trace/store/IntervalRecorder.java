package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.util.IntMap;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Derives intervals from rows as they are appended: links each ending row to the row that started its
 * interval and keeps the tracks' indexes up to date. Writer thread only. One method per row type, called with
 * the row's fields after its columns are written.
 *
 * <p>Pairing rules: an {@code Acquire} ends the goroutine's open wait (its {@code Request} for the same lock);
 * a {@code Release} ends the goroutine's most recent open hold of the same lock (LIFO, for recursive read
 * locks); a {@code Deliver} ends the goroutine's open send of the same member and message; a {@code Park} ends
 * at the goroutine's next row; a {@code Sleep} ends after its duration; an {@code Exit} ends the goroutine's
 * running interval. Rows that match nothing are counted in {@link #unmatched()} and otherwise ignored.
 */
final class IntervalRecorder {
    private static final int[] NO_ROWS = new int[0];

    private final EventTable table;
    private final Intervals intervals;
    private final TrackTable tracks;
    private final IntMap<Goroutine> goroutines = new IntMap<>();
    /** States of exited goroutines, for reuse: a room starts millions of goroutines, a few at a time. */
    private final ArrayDeque<Goroutine> spare = new ArrayDeque<>();
    private int unmatched;

    /** What one goroutine has open. Rows, so that the interval ids are at hand. */
    private static final class Goroutine {
        /** The goroutine's track; the same object for as long as this state lives (until the goroutine exits). */
        IntervalIndex track;
        int running = NONE;
        int wait = NONE;
        int lastBlocked = NONE;
        int park = NONE;
        int[] holds = NO_ROWS; // most goroutines of a room hold nothing
        int holdCount;
        int[] sends = new int[2];
        int sendCount;

        /** Back to a new goroutine's state, keeping the arrays. */
        void reset() {
            track = null;
            running = NONE;
            wait = NONE;
            lastBlocked = NONE;
            park = NONE;
            holdCount = 0;
            sendCount = 0;
        }
    }

    IntervalRecorder(EventTable table, Intervals intervals, TrackTable tracks) {
        this.table = table;
        this.intervals = intervals;
        this.tracks = tracks;
    }

    int unmatched() {
        return unmatched;
    }

    void onSpawn(int row, long t, int g) {
        Goroutine state = state(g, row, t);
        state.running = row;
        track(state, g).open(row, t, IntervalKind.RUNNING);
    }

    void onExit(int row, long t, int g) {
        Goroutine state = state(g, row, t);
        IntervalIndex track = track(state, g);
        if (state.running != NONE) {
            end(state.running, row, t, track);
        }
        tracks.retireGoroutine(g, track, t, row + 1);
        goroutines.remove(g);
        state.reset();
        spare.push(state);
    }

    void onRequest(int row, long t, int g, int lock) {
        Goroutine state = state(g, row, t);
        state.wait = row;
        state.lastBlocked = NONE;
        track(state, g).open(row, t, IntervalKind.WAITING);
        tracks.obtain(Track.Kind.LOCK_WAITERS, lock).open(row, t, IntervalKind.WAITING);
    }

    void onBlocked(int row, long t, int g, int lock) {
        Goroutine state = state(g, row, t);
        if (state.wait == NONE || table.a.get(state.wait) != lock) {
            unmatched++;
            return;
        }
        table.c.set(state.lastBlocked == NONE ? state.wait : state.lastBlocked, row);
        state.lastBlocked = row;
    }

    void onAcquire(int row, long t, int g, int lock, IntervalKind hold) {
        Goroutine state = state(g, row, t);
        IntervalIndex track = track(state, g);
        if (state.wait != NONE && table.a.get(state.wait) == lock) {
            table.c.set(row, state.wait);
            end(state.wait, row, t, track, tracks.obtain(Track.Kind.LOCK_WAITERS, lock));
            state.wait = NONE;
        } else {
            unmatched++; // an Acquire without its Request still holds the lock
        }
        state.holds = push(state.holds, state.holdCount++, row);
        track.open(row, t, hold);
        tracks.obtain(Track.Kind.LOCK_HOLDERS, lock).open(row, t, hold);
    }

    void onRelease(int row, long t, int g, int lock) {
        Goroutine state = state(g, row, t);
        for (int i = state.holdCount - 1; i >= 0; i--) {
            int hold = state.holds[i];
            if (table.a.get(hold) == lock) {
                System.arraycopy(state.holds, i + 1, state.holds, i, state.holdCount - i - 1);
                state.holdCount--;
                table.c.set(row, hold);
                end(hold, row, t, track(state, g), tracks.obtain(Track.Kind.LOCK_HOLDERS, lock));
                return;
            }
        }
        unmatched++;
    }

    void onPark(int row, long t, int g) {
        Goroutine state = state(g, row, t);
        state.park = row;
        track(state, g).open(row, t, IntervalKind.PARKED);
    }

    void onSleep(int row, long t, int g, long durationNs) {
        Goroutine state = state(g, row, t);
        track(state, g).openUntil(row, t, t + durationNs, IntervalKind.SLEEPING);
    }

    void onSend(int row, long t, int g, int member) {
        Goroutine state = state(g, row, t);
        state.sends = push(state.sends, state.sendCount++, row);
        track(state, g).open(row, t, IntervalKind.SENDING);
        tracks.obtain(Track.Kind.MEMBER, member).open(row, t, IntervalKind.SENDING);
    }

    void onDeliver(int row, long t, int g, int member, long msg) {
        Goroutine state = state(g, row, t);
        for (int i = 0; i < state.sendCount; i++) {
            int send = state.sends[i];
            if (table.member(send) == member && sendMessage(send) == msg) {
                System.arraycopy(state.sends, i + 1, state.sends, i, state.sendCount - i - 1);
                state.sendCount--;
                end(send, row, t, track(state, g), tracks.obtain(Track.Kind.MEMBER, member));
                return;
            }
        }
        unmatched++;
    }

    /**
     * The state of goroutine {@code g} (created on its first row), after ending its park, if any: a park ends at
     * the goroutine's next row, whatever that row is.
     */
    private Goroutine state(int g, int row, long t) {
        Goroutine state = goroutines.get(g);
        if (state == null) {
            state = spare.isEmpty() ? new Goroutine() : spare.pop();
            goroutines.put(g, state);
        } else if (state.park != NONE) {
            end(state.park, row, t, track(state, g));
            state.park = NONE;
        }
        return state;
    }

    private IntervalIndex track(Goroutine state, int g) {
        IntervalIndex track = state.track;
        if (track == null) {
            track = state.track = tracks.obtain(Track.Kind.GOROUTINE, g);
        }
        return track;
    }

    private long sendMessage(int send) {
        return table.wide(send) ? table.sideSend(send).msg() : table.b.get(send);
    }

    private void end(int startRow, int endRow, long t, IntervalIndex track) {
        table.ends.set(startRow, endRow);
        track.close(t, intervals.kind(startRow));
    }

    private void end(int startRow, int endRow, long t, IntervalIndex track, IntervalIndex other) {
        table.ends.set(startRow, endRow);
        IntervalKind kind = intervals.kind(startRow);
        track.close(t, kind);
        other.close(t, kind);
    }

    private static int[] push(int[] stack, int size, int value) {
        int[] s = size == stack.length ? Arrays.copyOf(stack, Math.max(2, size * 2)) : stack;
        s[size] = value;
        return s;
    }
}
