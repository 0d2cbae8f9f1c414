package dev.lockscope.event;

import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;
/**
 * One thing that happened in a run, at a virtual instant in nanoseconds. The kernel emits events in
 * non-decreasing time order; a trace file is the header plus these events, one per line
 * (docs/trace-format.md). Goroutine ids start at 1; lock ids at 0.
 */
public sealed interface TraceEvent {

    /** Virtual time of the event, in nanoseconds since the start of the run. */
    long time();

    /** A goroutine started; {@code parent} is 0 when the kernel or the room itself started it. */
    record Spawn(long time, int g, String name, String kind, int parent) implements TraceEvent {}

    /** A goroutine returned. */
    record Exit(long time, int g) implements TraceEvent {}

    /** A lock exists from now on. */
    record LockCreated(long time, int lock, String name, LockKind kind) implements TraceEvent {}

    /** A goroutine asked for a lock; an {@link Acquire} follows at once or later. */
    record Request(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /** A goroutine got the lock it requested at {@code site}. */
    record Acquire(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /** A goroutine gave a lock back at {@code site}. */
    record Release(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /**
     * The goroutines that a waiting request is blocked by, emitted when the wait starts and whenever the set
     * changes: the incompatible holders, or, for a reader kept out by a pending writer, that writer.
     */
    record Blocked(long time, int g, int lock, List<Integer> blockers) implements TraceEvent {
        public Blocked {
            blockers = List.copyOf(blockers);
        }
    }

    /** A goroutine parks without holding up time (waiting for a WaitGroup, or for its queue to fill). */
    record Park(long time, int g, Site site) implements TraceEvent {}

    /** A goroutine sleeps (a script's {@code sleep}). */
    record Sleep(long time, int g, long durationNs, Site site) implements TraceEvent {}

    /** A goroutine starts sending message {@code msg} to {@code member}; it takes {@code durationNs}. */
    record SendStart(long time, int g, String member, long msg, long durationNs, Site site) implements TraceEvent {}

    /** A send finished: the member has the message, {@code latencyNs} after its broadcast started. */
    record Deliver(long time, int g, String member, long msg, long latencyNs) implements TraceEvent {}

    /** A member's full outbound queue dropped its oldest message. */
    record Drop(long time, String member, long msg) implements TraceEvent {}

    /** A member joined, left, or began to reload. */
    record MemberEvent(long time, String member, MemberChange change) implements TraceEvent {}

    /**
     * A command was applied. {@code step} is the number of kernel steps taken before it, which is what
     * lets a replay apply a live command at exactly the same point.
     */
    record CommandApplied(long time, long step, boolean live, Command command) implements TraceEvent {}

    /** A detector raised an alert. {@code report} is the full, multi-line text; {@code summary} one line. */
    record Alert(long time, AlertKind kind, String summary, String report, List<Integer> goroutines, List<Integer> locks)
            implements TraceEvent {
        public Alert {
            goroutines = List.copyOf(goroutines);
            locks = List.copyOf(locks);
        }
    }

    /** The run reached its end; absent from a recording that was cut off. */
    record End(long time) implements TraceEvent {}
}
