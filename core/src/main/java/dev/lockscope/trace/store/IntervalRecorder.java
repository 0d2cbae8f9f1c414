package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.event.TraceEvent;
import java.util.Arrays;
import dev.lockscope.util.IntMap;

/**
 * Derives intervals from rows as they are appended: links each ending row to the row that started its
 * interval and keeps the tracks' indexes up to date. Writer thread only.
 *
 * <p>Pairing rules: an {@code Acquire} ends the goroutine's open wait (its {@code Request} for the same lock);
 * a {@code Release} ends the goroutine's most recent open hold of the same lock (LIFO, for recursive read
 * locks); a {@code Deliver} ends the goroutine's open send of the same member and message; a {@code Park} ends
 * at the goroutine's next row; a {@code Sleep} ends after its duration; an {@code Exit} ends the goroutine's
 * running interval. Rows that match nothing are counted in {@link #unmatched()} and otherwise ignored.
 */
final class IntervalRecorder {
    private final EventTable table;
    private final Intervals intervals;
    private final TrackTable tracks;
    private final IntMap<Goroutine> goroutines = new IntMap<>();
    private int unmatched;

    /** What one goroutine has open. Rows, so that the interval ids are at hand. */
    private static final class Goroutine {
        int running = NONE;
        int wait = NONE;
        int lastBlocked = NONE;
        int park = NONE;
        int[] holds = new int[2];
        int holdCount;
        int[] sends = new int[2];
        int sendCount;
    }

    IntervalRecorder(EventTable table, Intervals intervals, TrackTable tracks) {
        this.table = table;
        this.intervals = intervals;
        this.tracks = tracks;
    }

    int unmatched() {
        return unmatched;
    }

    void onRow(int row, TraceEvent event) {
        long t = event.time();
        int g = table.g.get(row);
        Goroutine state = g == NONE ? null : goroutines.computeIfAbsent(g, k -> new Goroutine());
        if (state != null && state.park != NONE) {
            end(state.park, row, t, goroutine(g));
            state.park = NONE;
        }
        switch (event) {
            case TraceEvent.Spawn s -> {
                state.running = row;
                start(row, t, goroutine(g));
            }
            case TraceEvent.Exit x -> {
                if (state.running != NONE) {
                    end(state.running, row, t, goroutine(g));
                }
                tracks.retireGoroutine(g, t, row + 1);
                goroutines.remove(g);
            }
            case TraceEvent.Request r -> {
                state.wait = row;
                state.lastBlocked = NONE;
                start(row, t, goroutine(g), tracks.obtain(Track.Kind.LOCK_WAITERS, r.lock()));
            }
            case TraceEvent.Blocked b -> onBlocked(row, b, state);
            case TraceEvent.Acquire a -> onAcquire(row, a, state);
            case TraceEvent.Release r -> onRelease(row, r, state);
            case TraceEvent.Park p -> {
                state.park = row;
                start(row, t, goroutine(g));
            }
            case TraceEvent.Sleep s -> goroutine(g).openUntil(row, t, t + s.durationNs(), IntervalKind.SLEEPING);
            case TraceEvent.SendStart s -> {
                state.sends = push(state.sends, state.sendCount++, row);
                start(row, t, goroutine(g), tracks.obtain(Track.Kind.MEMBER, table.member(row)));
            }
            case TraceEvent.Deliver d -> onDeliver(row, d, state);
            default -> { }
        }
    }

    private void onBlocked(int row, TraceEvent.Blocked b, Goroutine state) {
        if (state.wait == NONE || table.a.get(state.wait) != b.lock()) {
            unmatched++;
            return;
        }
        table.c.set(state.lastBlocked == NONE ? state.wait : state.lastBlocked, row);
        state.lastBlocked = row;
    }

    private void onAcquire(int row, TraceEvent.Acquire a, Goroutine state) {
        int g = a.g();
        if (state.wait != NONE && table.a.get(state.wait) == a.lock()) {
            table.c.set(row, state.wait);
            end(state.wait, row, a.time(), goroutine(g), tracks.obtain(Track.Kind.LOCK_WAITERS, a.lock()));
            state.wait = NONE;
        } else {
            unmatched++; // an Acquire without its Request still holds the lock
        }
        state.holds = push(state.holds, state.holdCount++, row);
        start(row, a.time(), goroutine(g), tracks.obtain(Track.Kind.LOCK_HOLDERS, a.lock()));
    }

    private void onRelease(int row, TraceEvent.Release r, Goroutine state) {
        for (int i = state.holdCount - 1; i >= 0; i--) {
            int hold = state.holds[i];
            if (table.a.get(hold) == r.lock()) {
                System.arraycopy(state.holds, i + 1, state.holds, i, state.holdCount - i - 1);
                state.holdCount--;
                table.c.set(row, hold);
                end(hold, row, r.time(), goroutine(r.g()), tracks.obtain(Track.Kind.LOCK_HOLDERS, r.lock()));
                return;
            }
        }
        unmatched++;
    }

    private void onDeliver(int row, TraceEvent.Deliver d, Goroutine state) {
        int member = table.a.get(row);
        for (int i = 0; i < state.sendCount; i++) {
            int send = state.sends[i];
            if (table.member(send) == member && sendMessage(send) == d.msg()) {
                System.arraycopy(state.sends, i + 1, state.sends, i, state.sendCount - i - 1);
                state.sendCount--;
                end(send, row, d.time(), goroutine(d.g()), tracks.obtain(Track.Kind.MEMBER, member));
                return;
            }
        }
        unmatched++;
    }

    private long sendMessage(int send) {
        return table.wide(send) ? ((TraceEvent.SendStart) table.side.get(table.c.get(send))).msg() : table.b.get(send);
    }

    private IntervalIndex goroutine(int g) {
        return tracks.obtain(Track.Kind.GOROUTINE, g);
    }

    private void start(int row, long t, IntervalIndex... into) {
        IntervalKind kind = intervals.kind(row);
        for (IntervalIndex index : into) {
            index.open(row, t, kind);
        }
    }

    private void end(int startRow, int endRow, long t, IntervalIndex... in) {
        table.ends.set(startRow, endRow);
        IntervalKind kind = intervals.kind(startRow);
        for (IntervalIndex index : in) {
            index.close(t, kind);
        }
    }

    private static int[] push(int[] stack, int size, int value) {
        int[] s = size == stack.length ? Arrays.copyOf(stack, size * 2) : stack;
        s[size] = value;
        return s;
    }
}
