package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;

/**
 * The rules every event of a trace obeys, whoever produced it (docs/trace-format.md, "Events" and "Ordering
 * guarantees"): times never go backwards, goroutine ids are at least 1 (0, the runtime, only in an {@code act}, and
 * as a pending timer in a {@code blocked} set) and lock and primitive ids at least 0, nothing follows the
 * {@code End} event, a trace holds at most {@link TraceLimits#maxEvents()} events, and a trace of an older format
 * version holds no event that version lacks. Stateful: one instance per trace. Each check returns the problem in
 * the words the trace reader uses, or {@code null}.
 */
final class EventChecks {
    private final long maxEvents;
    private final int version;
    private long lastTime = Long.MIN_VALUE;
    private long events;
    private boolean ended;

    /** @param version the format version of the trace's header */
    EventChecks(TraceLimits limits, int version) {
        this.maxEvents = limits.maxEvents();
        this.version = version;
    }

    /** The first rule {@code event} breaks, as a {@code field: problem} pair, or {@code null}. */
    Problem check(TraceEvent event) {
        if (ended) {
            return new Problem("e", "event after the end event");
        }
        if (event.time() < 0) {
            return new Problem("t", "expected an integer >= 0, got " + event.time());
        }
        if (event.time() < lastTime) {
            return new Problem("t", timeGoesBackwards(event.time(), lastTime));
        }
        if (++events > maxEvents) {
            return new Problem("", "more than " + maxEvents + " events (the limit)");
        }
        if (version < 3 && isVersion3(event)) {
            return new Problem("e", event.getClass().getSimpleName() + " events need format version 3, but this trace is"
                    + " version " + version);
        }
        Problem ids = ids(event, version);
        if (ids != null) {
            return ids;
        }
        lastTime = event.time();
        ended = event instanceof TraceEvent.End;
        return null;
    }

    /** Whether the trace's {@code End} event has been seen. */
    boolean ended() {
        return ended;
    }

    /** Events accepted so far. */
    long events() {
        return events;
    }

    /** The reader's words for a time that goes backwards. */
    static String timeGoesBackwards(long t, long last) {
        return "time goes backwards: " + t + " after " + last;
    }

    private static boolean isVersion3(TraceEvent event) {
        return switch (event) {
            case TraceEvent.PrimCreated _, TraceEvent.PrimWait _, TraceEvent.Wake _, TraceEvent.Act _,
                 TraceEvent.Panic _, TraceEvent.Asleep _ -> true;
            default -> false;
        };
    }

    private static Problem ids(TraceEvent event, int version) {
        int minBy = version < 3 ? 1 : 0;
        return switch (event) {
            case TraceEvent.Spawn s -> s.g() < 1 ? goroutine("g", s.g())
                    : s.parent() < 0 ? new Problem("parent", "expected an integer >= 0, got " + s.parent()) : null;
            case TraceEvent.Exit x -> x.g() < 1 ? goroutine("g", x.g()) : null;
            case TraceEvent.LockCreated l -> l.lock() < 0 ? lock(l.lock()) : null;
            case TraceEvent.Request r -> r.g() < 1 ? goroutine("g", r.g()) : r.lock() < 0 ? lock(r.lock()) : null;
            case TraceEvent.Acquire a -> a.g() < 1 ? goroutine("g", a.g()) : a.lock() < 0 ? lock(a.lock()) : null;
            case TraceEvent.Release r -> r.g() < 1 ? goroutine("g", r.g()) : r.lock() < 0 ? lock(r.lock()) : null;
            case TraceEvent.Blocked b -> b.g() < 1 ? goroutine("g", b.g()) : b.lock() < 0 ? lock(b.lock())
                    : b.blockers().stream().anyMatch(id -> id < minBy) ? new Problem("by", "expected goroutine ids >= "
                    + minBy + ", got " + b.blockers()) : null;
            case TraceEvent.Park p -> p.g() < 1 ? goroutine("g", p.g()) : null;
            case TraceEvent.Sleep s -> s.g() < 1 ? goroutine("g", s.g())
                    : s.durationNs() < 0 ? new Problem("dur", "expected an integer >= 0, got " + s.durationNs()) : null;
            case TraceEvent.SendStart s -> s.g() < 1 ? goroutine("g", s.g()) : null;
            case TraceEvent.Deliver d -> d.g() < 1 ? goroutine("g", d.g()) : null;
            case TraceEvent.PrimCreated p -> p.prim() < 0 ? prim(p.prim())
                    : p.cap() < 0 ? new Problem("cap", "expected an integer >= 0, got " + p.cap()) : null;
            case TraceEvent.PrimWait w -> w.g() < 1 ? goroutine("g", w.g())
                    : w.prims().stream().anyMatch(id -> id < 0) ? new Problem("prims", "expected ids >= 0, got "
                    + w.prims()) : null;
            case TraceEvent.Wake w -> w.g() < 1 ? goroutine("g", w.g()) : w.prim() < 0 ? prim(w.prim()) : null;
            case TraceEvent.Act a -> a.g() < 0 ? new Problem("g", "expected an integer >= 0, got " + a.g())
                    : a.prim() < 0 ? prim(a.prim()) : null;
            case TraceEvent.Panic p -> p.g() < 1 ? goroutine("g", p.g()) : null;
            default -> null;
        };
    }

    private static Problem goroutine(String field, int id) {
        return new Problem(field, "expected an integer >= 1, got " + id);
    }

    private static Problem prim(int id) {
        return new Problem("prim", "expected an integer >= 0, got " + id);
    }

    private static Problem lock(int id) {
        return new Problem("lock", "expected an integer >= 0, got " + id);
    }

    /** A broken rule: the field it concerns ("" for the event as a whole) and what is wrong. */
    record Problem(String field, String message) {}
}
