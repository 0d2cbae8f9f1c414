package dev.lockscope.trace.export;

import dev.lockscope.interval.IntervalTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The slices open on one goroutine's thread, innermost last, and the lock request it may be waiting in.
 *
 * <p>Invariant: what this track writes for its thread is properly nested {@code B}/{@code E} in time order. A
 * slice that ends while slices opened after it are still open (a script that unlocks A before B) is handled
 * by ending those first and beginning them again at the same instant, marked {@code "continued": true}.
 */
final class GoroutineTrack {
    final int g;
    final String name;
    private final List<Open> open = new ArrayList<>();
    /** The open slices by the tag of the interval they show; a shown wait is not here (it has its own field). */
    private final Map<Integer, Open> byTag = new HashMap<>();
    /** The goroutine's current lock request, until its {@code Acquire}; null when it is not waiting. */
    Wait wait;
    /** The goroutine's current wait on primitives, until its {@code Wake}; null when it is not in one. */
    Blocking blocking;

    GoroutineTrack(int g, String name) {
        this.g = g;
        this.name = name;
    }

    /** A slice open on the thread. Identity matters: two equal holds of a read lock are two slices. */
    sealed interface Open {
        Slice slice();
    }

    record Running(Slice slice) implements Open {}

    record Waiting(Slice slice, Wait request) implements Open {}

    record Holding(Slice slice, int lock, long laneTid, Slice laneSlice) implements Open {}

    record Sending(Slice slice, String member, long msg) implements Open {}

    /** Sleeping or parked: ends at {@code until} or at the goroutine's next event, whichever is first. */
    record Pausing(Slice slice, long until) implements Open {}

    /**
     * Blocked on primitives: the slice on this thread, and an async slice (with {@code asyncId}) on each primitive's
     * thread. Always shown: the kernel writes a wait only when the goroutine blocks.
     */
    static final class Blocking implements Open {
        private final Slice slice;
        final List<Long> primTids;
        final Slice asyncSlice;
        final long asyncId;
        /** Everyone who could complete the wait, from its last {@code Blocked} event. */
        Set<Integer> blockers = Set.of();

        Blocking(Slice slice, List<Long> primTids, Slice asyncSlice, long asyncId) {
            this.slice = slice;
            this.primTids = List.copyOf(primTids);
            this.asyncSlice = asyncSlice;
            this.asyncId = asyncId;
        }

        @Override
        public Slice slice() {
            return slice;
        }

        /** The blockers in {@code now} that were not there at the previous change, in the given order. */
        List<Integer> newBlockers(List<Integer> now) {
            List<Integer> added = new ArrayList<>();
            for (int b : now) {
                if (!blockers.contains(b)) {
                    added.add(b);
                }
            }
            blockers = new LinkedHashSet<>(now);
            return added;
        }
    }

    /**
     * A lock request. It is shown (as a slice) only once it is known to be a real wait: it was blocked, or
     * time passed before its {@code Acquire}. A request granted at once leaves no trace in the export.
     */
    static final class Wait {
        final long start;
        final int lock;
        final Slice slice;
        final Slice asyncSlice;
        /** Everyone the wait is blocked by now, from its last {@code Blocked} event. */
        Set<Integer> blockers = Set.of();
        /** Set when shown: the slice on this thread, and the id of its async slice on the lock. */
        Waiting shown;
        long asyncId;

        Wait(long start, int lock, Slice slice, Slice asyncSlice) {
            this.start = start;
            this.lock = lock;
            this.slice = slice;
            this.asyncSlice = asyncSlice;
        }

        /** The blockers in {@code now} that were not blocking at the previous change, in the given order. */
        List<Integer> newBlockers(List<Integer> now) {
            List<Integer> added = new ArrayList<>();
            for (int b : now) {
                if (!blockers.contains(b)) {
                    added.add(b);
                }
            }
            blockers = new LinkedHashSet<>(now);
            return added;
        }
    }

    /** Begins slice {@code o} for the interval tagged {@code tag} ({@code IntervalTracker.NONE} for a wait). */
    void push(ChromeTraceWriter out, long ns, int tag, Open o) {
        open.add(o);
        if (tag != IntervalTracker.NONE) {
            byTag.put(tag, o);
        }
        out.begin(PerfettoExporter.GOROUTINES_PID, g, ns, o.slice(), false);
    }

    /** Ends {@code o} at {@code ns}; slices opened after it end first and begin again at once. */
    void close(ChromeTraceWriter out, long ns, Open o) {
        int at = indexOf(o);
        for (int i = open.size() - 1; i >= at; i--) {
            out.end(PerfettoExporter.GOROUTINES_PID, g, ns, open.get(i).slice());
        }
        open.remove(at);
        byTag.values().removeIf(v -> v == o); // identity: two holds of a read lock may be equal
        for (int i = at; i < open.size(); i++) {
            out.begin(PerfettoExporter.GOROUTINES_PID, g, ns, open.get(i).slice(), true);
        }
    }

    /** The innermost open slice, or null. */
    Open top() {
        return open.isEmpty() ? null : open.getLast();
    }

    /** The open slice of the interval tagged {@code tag}. */
    Open opened(int tag) {
        Open o = byTag.get(tag);
        if (o == null) {
            throw new IllegalArgumentException("no open slice for interval " + tag + " on g" + g);
        }
        return o;
    }

    private int indexOf(Open o) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == o) {
                return i;
            }
        }
        throw new IllegalArgumentException("not open on g" + g + ": " + o);
    }
}
