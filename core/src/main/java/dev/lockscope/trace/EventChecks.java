package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;

/**
 * The rules every event of a trace obeys, whoever produced it (docs/trace-format.md, "Events" and "Ordering
 * guarantees"): times never go backwards, goroutine ids are at least 1 and lock ids at least 0, nothing follows
 * the {@code End} event, and a trace holds at most {@link TraceLimits#maxEvents()} events. Stateful: one instance
 * per trace. Each check returns the problem in the words the trace reader uses, or {@code null}.
 */
final class EventChecks {
    private final long maxEvents;
    private long lastTime = Long.MIN_VALUE;
    private long events;
    private boolean ended;

    EventChecks(TraceLimits limits) {
        this.maxEvents = limits.maxEvents();
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
        Problem ids = ids(event);
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

    private static Problem ids(TraceEvent event) {
        return switch (event) {
            case TraceEvent.Spawn s -> s.g() < 1 ? goroutine("g", s.g())
                    : s.parent() < 0 ? new Problem("parent", "expected an integer >= 0, got " + s.parent()) : null;
            case TraceEvent.Exit x -> x.g() < 1 ? goroutine("g", x.g()) : null;
            case TraceEvent.LockCreated l -> l.lock() < 0 ? lock(l.lock()) : null;
            case TraceEvent.Request r -> r.g() < 1 ? goroutine("g", r.g()) : r.lock() < 0 ? lock(r.lock()) : null;
            case TraceEvent.Acquire a -> a.g() < 1 ? goroutine("g", a.g()) : a.lock() < 0 ? lock(a.lock()) : null;
            case TraceEvent.Release r -> r.g() < 1 ? goroutine("g", r.g()) : r.lock() < 0 ? lock(r.lock()) : null;
            case TraceEvent.Blocked b -> b.g() < 1 ? goroutine("g", b.g()) : b.lock() < 0 ? lock(b.lock())
                    : b.blockers().stream().anyMatch(id -> id < 1) ? new Problem("by", "expected goroutine ids >= 1, got "
                    + b.blockers()) : null;
            case TraceEvent.Park p -> p.g() < 1 ? goroutine("g", p.g()) : null;
            case TraceEvent.Sleep s -> s.g() < 1 ? goroutine("g", s.g())
                    : s.durationNs() < 0 ? new Problem("dur", "expected an integer >= 0, got " + s.durationNs()) : null;
            case TraceEvent.SendStart s -> s.g() < 1 ? goroutine("g", s.g()) : null;
            case TraceEvent.Deliver d -> d.g() < 1 ? goroutine("g", d.g()) : null;
            default -> null;
        };
    }

    private static Problem goroutine(String field, int id) {
        return new Problem(field, "expected an integer >= 1, got " + id);
    }

    private static Problem lock(int id) {
        return new Problem("lock", "expected an integer >= 0, got " + id);
    }

    /** A broken rule: the field it concerns ("" for the event as a whole) and what is wrong. */
    record Problem(String field, String message) {}
}
