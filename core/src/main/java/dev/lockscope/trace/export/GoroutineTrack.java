package dev.lockscope.trace.export;

import java.util.ArrayList;
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
    /** The goroutine's current lock request, until its {@code Acquire}; null when it is not waiting. */
    Wait wait;

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

    record Holding(Slice slice, int lock, int laneTid, Slice laneSlice) implements Open {}

    record Sending(Slice slice, String member, long msg) implements Open {}

    /** Sleeping or parked: ends at {@code until} or at the goroutine's next event, whichever is first. */
    record Pausing(Slice slice, long until) implements Open {}

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

    void push(ChromeTraceWriter out, long ns, Open o) {
        open.add(o);
        out.begin(PerfettoExporter.GOROUTINES_PID, g, ns, o.slice(), false);
    }

    /** Ends {@code o} at {@code ns}; slices opened after it end first and begin again at once. */
    void close(ChromeTraceWriter out, long ns, Open o) {
        int at = indexOf(o);
        for (int i = open.size() - 1; i >= at; i--) {
            out.end(PerfettoExporter.GOROUTINES_PID, g, ns, open.get(i).slice());
        }
        open.remove(at);
        for (int i = at; i < open.size(); i++) {
            out.begin(PerfettoExporter.GOROUTINES_PID, g, ns, open.get(i).slice(), true);
        }
    }

    /** The innermost open slice, or null. */
    Open top() {
        return open.isEmpty() ? null : open.getLast();
    }

    /** The most recent open hold of {@code lock} (holds of a read lock end last in, first out), or null. */
    Holding lastHold(int lock) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) instanceof Holding h && h.lock() == lock) {
                return h;
            }
        }
        return null;
    }

    /** The open send of {@code msg} to {@code member}, or null. */
    Sending send(String member, long msg) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) instanceof Sending s && s.member().equals(member) && s.msg() == msg) {
                return s;
            }
        }
        return null;
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
